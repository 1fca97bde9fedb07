package kz.taza.stack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.contracts.permit.PermitKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.schemas.KpiScopes;

/**
 * What the live view knows: the latest value of every KPI key seen on {@code kpi.values.v1} (the topic is compacted
 * per key, so the newest record of a key is its current value), how many records arrived, and when the newest was
 * written. The national tiles are read from it; a tile whose KPI has not arrived yet shows {@link KpiFormat#NOT_SEEN}.
 *
 * <p>A tile names a KPI of the catalogue, a scope it is published for and the granularity it prefers; among the values
 * of that KPI and scope it shows the one with the latest period of the preferred granularity (the current year, say),
 * or, failing that, the latest period of any granularity. Not thread-safe: the view synchronises on it.
 */
public final class KpiBoard {

    /** How a tile writes its value. */
    public enum Kind { CHANGE_PCT, PERCENT, COUNT, KZT, TREES, HECTARES }

    /** One line of the view. */
    public record Tile(String label, KpiDefinition kpi, String scope, KpiGranularity preferred, Kind kind) {
    }

    /** A rendered line: the tile's label and its text (value, period, progress). */
    public record Row(String label, String text) {
    }

    /** The national KPIs the local stack shows, in order. */
    public static final List<Tile> NATIONAL_TILES = List.of(
            new Tile("Emissions change, national", EmissionKpis.REPORTED_CHANGE_PCT, KpiScopes.NATIONAL,
                    KpiGranularity.YEAR, Kind.CHANGE_PCT),
            new Tile("Emissions change, top 50 (Cat. I)", EmissionKpis.REPORTED_CHANGE_PCT, KpiScopes.TOP50_CAT1,
                    KpiGranularity.YEAR, Kind.CHANGE_PCT),
            // The KEP is the Category I permit: its coverage is published for CATEGORY:I, not NATIONAL.
            new Tile("KEP coverage (Cat. I)", PermitKpis.KEP_COVERAGE, KpiScopes.category("I"), KpiGranularity.YEAR,
                    Kind.PERCENT),
            new Tile("AMS data availability", EmissionKpis.DATA_AVAILABILITY_PCT, KpiScopes.NATIONAL,
                    KpiGranularity.MONTH, Kind.PERCENT),
            new Tile("Exceedances", EmissionKpis.EXCEEDANCES_COUNT, KpiScopes.NATIONAL, KpiGranularity.YEAR,
                    Kind.COUNT),
            new Tile("Inspections completed", InspectionKpis.INSPECTIONS_COMPLETED, KpiScopes.NATIONAL,
                    KpiGranularity.YEAR, Kind.COUNT),
            new Tile("Fines imposed", InspectionKpis.FINES_IMPOSED, KpiScopes.NATIONAL, KpiGranularity.YEAR,
                    Kind.KZT),
            new Tile("Fines collected", InspectionKpis.FINES_COLLECTED, KpiScopes.NATIONAL, KpiGranularity.YEAR,
                    Kind.KZT),
            new Tile("Trees planted (of 2 billion)", ForestKpis.PLANTED, KpiScopes.NATIONAL,
                    KpiGranularity.PROGRAMME, Kind.TREES),
            new Tile("Saxaul on the Aral seabed", ForestKpis.ARAL_HECTARES, KpiScopes.NATIONAL,
                    KpiGranularity.PROGRAMME, Kind.HECTARES));

    private final List<Tile> tiles;
    private final Map<String, KpiValue> latest = new HashMap<>();
    private long received;
    private Instant newest;

    public KpiBoard() {
        this(NATIONAL_TILES);
    }

    public KpiBoard(List<Tile> tiles) {
        this.tiles = List.copyOf(tiles);
    }

    /** Takes one record of the KPI topic: its key, value and the time it was written. */
    public void accept(String key, KpiValue value, Instant written) {
        received++;
        if (newest == null || written.isAfter(newest)) {
            newest = written;
        }
        if (value == null) {
            // A tombstone: the key no longer has a value.
            latest.remove(key);
        } else {
            latest.put(key, value);
        }
    }

    /** How many KPI records have arrived. */
    public long received() {
        return received;
    }

    /** When the newest record was written, if any arrived. */
    public Optional<Instant> newest() {
        return Optional.ofNullable(newest);
    }

    /** How many distinct keys currently have a value. */
    public int keys() {
        return latest.size();
    }

    /** The current value under a key. */
    public Optional<KpiValue> get(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    /** The value a tile shows, if its KPI has arrived. */
    public Optional<KpiValue> valueOf(Tile tile) {
        KpiValue best = null;
        KpiValue bestAny = null;
        for (KpiValue value : latest.values()) {
            if (!value.getKpiId().equals(tile.kpi().id()) || !value.getScope().equals(tile.scope())) {
                continue;
            }
            if (value.getPeriod().getGranularity() == tile.preferred() && later(value, best)) {
                best = value;
            }
            if (later(value, bestAny)) {
                bestAny = value;
            }
        }
        return Optional.ofNullable(best != null ? best : bestAny);
    }

    /** The view's lines, one per tile. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(tiles.size());
        for (Tile tile : tiles) {
            rows.add(new Row(tile.label(), valueOf(tile).map(v -> text(tile, v)).orElse(KpiFormat.NOT_SEEN)));
        }
        return rows;
    }

    static String text(Tile tile, KpiValue value) {
        String period = KpiFormat.period(value.getPeriod());
        double v = value.getValue();
        return switch (tile.kind()) {
            case CHANGE_PCT -> KpiFormat.changePct(v) + "  (" + period + " vs " + previousYear(value) + ")";
            case PERCENT -> KpiFormat.percent(v) + "  (" + period + ")";
            case COUNT -> KpiFormat.count(v) + "  (" + period + ")";
            case KZT -> KpiFormat.kzt(v) + "  (" + period + ")";
            case TREES -> {
                // A record without a target (an older writer) is measured against the catalogue's.
                double target = value.getTarget() != null ? value.getTarget()
                        : tile.kpi().target(tile.scope(), KpiGranularity.PROGRAMME);
                yield KpiFormat.count(v) + "  " + KpiFormat.progress(v, target, 30) + "  (" + period + ")";
            }
            case HECTARES -> KpiFormat.count(v) + " ha"
                    + (value.getTarget() != null ? " of " + KpiFormat.count(value.getTarget()) + " ha" : "")
                    + "  (" + period + ")";
        };
    }

    private static String previousYear(KpiValue value) {
        if (value.getPeriod().getGranularity() == KpiGranularity.YEAR) {
            return Integer.toString(value.getPeriod().getStart().getYear() - 1);
        }
        return "previous period";
    }

    private static boolean later(KpiValue candidate, KpiValue current) {
        return current == null || candidate.getPeriod().getStart().isAfter(current.getPeriod().getStart());
    }
}

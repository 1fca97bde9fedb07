package kz.taza.stack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.taza.contracts.Headline;
import kz.taza.contracts.Headline.Tile;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;

/**
 * What the live view knows: the latest value of every KPI key seen on {@code kpi.values.v1} (the topic is compacted
 * per key, so the newest record of a key is its current value), how many records arrived, and when the newest was
 * written. The national headline's tiles ({@link Headline}) are read from it; a tile whose KPI has not arrived yet
 * shows {@link KpiFormat#NOT_SEEN}. Not thread-safe: the view synchronises on it.
 */
public final class KpiBoard {

    /** A rendered line: the tile's label and its text (value, period, progress). */
    public record Row(String label, String text) {
    }

    private final List<Tile> tiles;
    private final Map<String, KpiValue> latest = new HashMap<>();
    private long received;
    private Instant newest;

    public KpiBoard() {
        this(Headline.TILES);
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
        return Optional.ofNullable(tile.pick(latest.values()));
    }

    /** The view's lines, one per tile. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(tiles.size());
        for (Tile tile : tiles) {
            rows.add(new Row(tile.label(), valueOf(tile).map(v -> text(tile, v)).orElse(KpiFormat.NOT_SEEN)));
        }
        return rows;
    }

    /**
     * The tiles in one line, each by its short label and value without its period ({@code emissions −6.0 % ·
     * top 50 −50.0 % · ... · saxaul 792,000 ha}); a tile not seen yet reads {@link KpiFormat#NOT_SEEN}.
     */
    public String summary() {
        List<String> parts = new ArrayList<>(tiles.size());
        for (Tile tile : tiles) {
            parts.add(tile.shortLabel() + " " + valueOf(tile).map(v -> compact(tile, v)).orElse(KpiFormat.NOT_SEEN));
        }
        return String.join(" · ", parts);
    }

    static String compact(Tile tile, KpiValue value) {
        double v = value.getValue();
        return switch (tile.kind()) {
            case CHANGE_PCT -> KpiFormat.changePct(v);
            case PERCENT -> KpiFormat.percent(v);
            case COUNT -> KpiFormat.count(v);
            case KZT -> KpiFormat.kzt(v);
            case TREES -> KpiFormat.count(v) + " (" + KpiFormat.percent(100.0 * v / target(tile, value)) + ")";
            case HECTARES -> KpiFormat.count(v) + " ha";
        };
    }

    static String text(Tile tile, KpiValue value) {
        String period = KpiFormat.period(value.getPeriod());
        double v = value.getValue();
        return switch (tile.kind()) {
            case CHANGE_PCT -> KpiFormat.changePct(v) + "  (" + period + " vs " + previousYear(value) + ")";
            case PERCENT -> KpiFormat.percent(v) + "  (" + period + ")";
            case COUNT -> KpiFormat.count(v) + "  (" + period + ")";
            case KZT -> KpiFormat.kzt(v) + "  (" + period + ")";
            case TREES -> KpiFormat.count(v) + "  " + KpiFormat.progress(v, target(tile, value), 30) + "  ("
                    + period + ")";
            case HECTARES -> KpiFormat.count(v) + " ha"
                    + (value.getTarget() != null ? " of " + KpiFormat.count(value.getTarget()) + " ha" : "")
                    + "  (" + period + ")";
        };
    }

    /** The value's target; a record without one (an older writer) is measured against the catalogue's. */
    private static double target(Tile tile, KpiValue value) {
        return value.getTarget() != null ? value.getTarget()
                : tile.kpi().target(tile.scope(), KpiGranularity.PROGRAMME);
    }

    private static String previousYear(KpiValue value) {
        if (value.getPeriod().getGranularity() == KpiGranularity.YEAR) {
            return Integer.toString(value.getPeriod().getStart().getYear() - 1);
        }
        return "previous period";
    }
}

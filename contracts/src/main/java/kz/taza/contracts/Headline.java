package kz.taza.contracts;

import java.util.List;

import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.contracts.permit.PermitKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.schemas.KpiScopes;

/**
 * The national headline, as every view of Taza shows it (the launcher's terminal view, kpi-service's dashboard): the
 * figures of the ministry's statement, each a KPI of the catalogue for one scope it is published for, in order.
 *
 * <p>A tile shows, among the values of its KPI and scope, the one of the latest period at its preferred granularity
 * (the current year, say), or failing that the latest period at any granularity ({@link Tile#pick}).
 */
public final class Headline {

    /** How a tile's value reads. */
    public enum Kind {
        /** A change against the previous year, signed. */
        CHANGE_PCT,
        /** A share. */
        PERCENT,
        /** A number of things. */
        COUNT,
        /** An amount in tenge. */
        KZT,
        /** Trees, against the programme's 2 billion. */
        TREES,
        /** Hectares, against the KPI's target where it has one (the Aral seabed's 1.1 million, say). */
        HECTARES
    }

    /**
     * One figure of the headline.
     *
     * @param label      as a tile heads it
     * @param shortLabel as a one-line summary names it
     */
    public record Tile(String label, String shortLabel, KpiDefinition kpi, String scope, KpiGranularity preferred,
            Kind kind) {

        /** Whether the value is one of this tile's KPI and scope. */
        public boolean shows(KpiValue value) {
            return value.getKpiId().equals(kpi.id()) && value.getScope().equals(scope);
        }

        /**
         * The value the tile shows among {@code values}: of its KPI and scope, the latest period at the preferred
         * granularity, else the latest period at any; {@code null} when none is of its KPI and scope.
         */
        public KpiValue pick(Iterable<KpiValue> values) {
            KpiValue best = null;
            KpiValue bestAny = null;
            for (KpiValue value : values) {
                if (!shows(value)) {
                    continue;
                }
                if (value.getPeriod().getGranularity() == preferred && later(value, best)) {
                    best = value;
                }
                if (later(value, bestAny)) {
                    bestAny = value;
                }
            }
            return best != null ? best : bestAny;
        }

        private static boolean later(KpiValue candidate, KpiValue current) {
            return current == null || candidate.getPeriod().getStart().isAfter(current.getPeriod().getStart());
        }
    }

    /** The national headline, in order. */
    public static final List<Tile> TILES = List.of(
            new Tile("Emissions change, national", "emissions", EmissionKpis.REPORTED_CHANGE_PCT,
                    KpiScopes.NATIONAL, KpiGranularity.YEAR, Kind.CHANGE_PCT),
            new Tile("Emissions change, top 50 (Cat. I)", "top 50", EmissionKpis.REPORTED_CHANGE_PCT,
                    KpiScopes.TOP50_CAT1, KpiGranularity.YEAR, Kind.CHANGE_PCT),
            // The KEP is the Category I permit: its coverage is published for CATEGORY:I, not NATIONAL.
            new Tile("KEP coverage (Cat. I)", "KEP", PermitKpis.KEP_COVERAGE, KpiScopes.category("I"),
                    KpiGranularity.YEAR, Kind.PERCENT),
            new Tile("AMS data availability", "AMS", EmissionKpis.DATA_AVAILABILITY_PCT, KpiScopes.NATIONAL,
                    KpiGranularity.MONTH, Kind.PERCENT),
            new Tile("Exceedances", "exceedances", EmissionKpis.EXCEEDANCES_COUNT, KpiScopes.NATIONAL,
                    KpiGranularity.YEAR, Kind.COUNT),
            new Tile("Inspections completed", "inspections", InspectionKpis.INSPECTIONS_COMPLETED,
                    KpiScopes.NATIONAL, KpiGranularity.YEAR, Kind.COUNT),
            new Tile("Fines imposed", "fined", InspectionKpis.FINES_IMPOSED, KpiScopes.NATIONAL,
                    KpiGranularity.YEAR, Kind.KZT),
            new Tile("Fines collected", "collected", InspectionKpis.FINES_COLLECTED, KpiScopes.NATIONAL,
                    KpiGranularity.YEAR, Kind.KZT),
            new Tile("Trees planted (of 2 billion)", "trees", ForestKpis.PLANTED, KpiScopes.NATIONAL,
                    KpiGranularity.PROGRAMME, Kind.TREES),
            new Tile("Saxaul on the Aral seabed", "saxaul", ForestKpis.ARAL_HECTARES, KpiScopes.NATIONAL,
                    KpiGranularity.PROGRAMME, Kind.HECTARES),
            new Tile("Seedlings for the year's plan", "material", ForestKpis.MATERIAL_PLAN_COVERAGE,
                    KpiScopes.NATIONAL, KpiGranularity.YEAR, Kind.PERCENT),
            new Tile("Forest burned", "burned", ForestKpis.FIRE_HECTARES, KpiScopes.NATIONAL, KpiGranularity.YEAR,
                    Kind.HECTARES),
            new Tile("Early fire detection coverage", "detection", ForestKpis.DETECTION_HECTARES, KpiScopes.NATIONAL,
                    KpiGranularity.PROGRAMME, Kind.HECTARES));

    private Headline() {
    }
}

package kz.taza.forest.topology;

import kz.taza.events.common.KpiPeriod;
import kz.taza.schemas.KpiKey;
import kz.taza.schemas.KpiKeys;

/**
 * One running total the forest KPIs are computed from: what is summed ({@link Kind}), for which scope and period. Its
 * text form ({@code PLANTED|REGION:43|PROGRAMME:2021-01-01}) is the key the totals are partitioned and stored by.
 *
 * @param kind   what is summed
 * @param scope  {@code NATIONAL} or {@code REGION:<code>}
 * @param period the KPI period
 */
record Measure(Kind kind, String scope, KpiPeriod period) {

    /** What a measure sums: a numerator and, for rates, a denominator. */
    enum Kind {
        /** trees planted. */
        PLANTED,
        /** trees planted / trees planned. */
        FULFILMENT,
        /** surveyed alive / surveyed alive + dead, 1st-year surveys. */
        SURVIVAL_1,
        /** surveyed alive / surveyed alive + dead, 3rd-year surveys. */
        SURVIVAL_3,
        /** hectares planted on the Aral seabed. */
        ARAL_HECTARES,
        /** fires reported. */
        FIRES,
        /** hectares burned by the fires reported (final area once extinguished). */
        FIRE_HECTARES,
        /** forest-fund hectares watched by early fire detection systems. */
        DETECTION_HECTARES,
        /** seedlings and saplings prepared for a planting year. */
        MATERIAL_SEEDLINGS,
        /** seed prepared for a planting year, in tonnes. */
        MATERIAL_SEEDS,
        /** seedlings and saplings prepared for a planting year / trees planned for it. */
        MATERIAL_COVERAGE
    }

    /** The measure's key: a KPI key with the kind in place of the KPI id. */
    String key() {
        return KpiKeys.key(kind.name(), scope, period);
    }

    static Measure parse(String key) {
        KpiKey parsed = KpiKeys.parse(key);
        return new Measure(Kind.valueOf(parsed.kpiId()), parsed.scope(), parsed.period());
    }

    static Kind survival(int surveyYear) {
        return switch (surveyYear) {
            case 1 -> Kind.SURVIVAL_1;
            case 3 -> Kind.SURVIVAL_3;
            default -> throw new IllegalArgumentException("survey year must be 1 or 3, got " + surveyYear);
        };
    }
}

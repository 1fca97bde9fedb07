package kz.taza.contracts.forest;

import java.time.LocalDate;
import java.util.List;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.KpiUnit;
import kz.taza.schemas.KpiScopes;

/**
 * The KPIs of the national tree-planting programme, published by tree-planting-service for NATIONAL and every region:
 * 2 billion trees in the forest fund from 2021 to the end of 2027, 1.1 million hectares of saxaul on the dried Aral
 * seabed, at least 65 % of the surveyed trees alive. Cumulative values have the {@link #PROGRAMME} period. Beside
 * them, the forest fires (count and hectares burned per year) and the early fire detection systems' coverage of the
 * forest fund (5.6 million ha planned by the end of 2025), and the planting material nurseries prepared for a
 * year's planting (seedlings, seed) with the share of that year's plan the seedlings cover.
 *
 * <p>The survey year is part of the survival KPI's id ({@code .year1}, {@code .year3}) rather than a scope qualifier,
 * so each (kpiId, scope, period) has one record and scopes stay the plain NATIONAL / REGION:code.
 */
public final class ForestKpis {

    /** The service that publishes them. */
    public static final String OWNER = "tree-planting-service";

    /** First day of the programme; the PROGRAMME period of every forest KPI starts here. */
    public static final LocalDate PROGRAMME_START = LocalDate.of(2021, 1, 1);
    /** The whole programme as one period. */
    public static final KpiPeriod PROGRAMME = KpiPeriods.programme(PROGRAMME_START);
    /** Trees to plant in the forest fund over the programme. */
    public static final double TREES_TARGET = 2_000_000_000d;
    /** Hectares to plant on the dried Aral seabed. */
    public static final double ARAL_HECTARES_TARGET = 1_100_000d;
    /** Required share of surveyed trees alive, in percent. */
    public static final double SURVIVAL_TARGET_PCT = 65d;
    /** A region's plan is fulfilled at 100 %. */
    public static final double PLAN_FULFILMENT_TARGET_PCT = 100d;

    public static final KpiDefinition PLANTED = KpiDefinition.kpi("trees.planted.count")
            .meaning("Trees planted in the year, and since the programme's start for the PROGRAMME period (plantings "
                    + "before 2021 count in their year only).")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.YEAR, KpiGranularity.PROGRAMME)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .target(TREES_TARGET, KpiScopes.NATIONAL, KpiGranularity.PROGRAMME)
            .owner(OWNER)
            .build();

    public static final KpiDefinition PROGRESS = KpiDefinition.kpi("trees.planted.progress_pct")
            .meaning("Trees planted since the programme's start as a share of its 2 billion target.")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.PROGRAMME)
            .scopes(KpiScopes.NATIONAL)
            .target(100)
            .owner(OWNER)
            .build();

    public static final KpiDefinition PLAN_FULFILMENT = KpiDefinition.kpi("trees.plan_fulfilment_pct")
            .meaning("Trees planted as a share of the trees planned for the year (nationally the sum of the regions' "
                    + "plans); absent until a plan exists.")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .target(PLAN_FULFILMENT_TARGET_PCT)
            .owner(OWNER)
            .build();

    public static final KpiDefinition SURVIVAL_YEAR_1 = survival(1, "first");
    public static final KpiDefinition SURVIVAL_YEAR_3 = survival(3, "third");

    public static final KpiDefinition ARAL_HECTARES = KpiDefinition.kpi("aral.saxaul_hectares")
            .meaning("Hectares planted on the dried Aral seabed in the year, and since the programme's start for the "
                    + "PROGRAMME period.")
            .unit(KpiUnit.HECTARES)
            .per(KpiGranularity.YEAR, KpiGranularity.PROGRAMME)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .target(ARAL_HECTARES_TARGET, KpiScopes.NATIONAL, KpiGranularity.PROGRAMME)
            .owner(OWNER)
            .build();

    /**
     * Forest-fund hectares the early fire detection systems are to watch by the end of 2025 (1.3 million ha were
     * covered in April 2025; domain-facts section 5, [S30]).
     */
    public static final double DETECTION_TARGET_HECTARES = 5_600_000d;

    public static final KpiDefinition FIRES = KpiDefinition.kpi("forest.fires.count")
            .meaning("Forest fires reported in the year (by the day of the report).")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition FIRE_HECTARES = KpiDefinition.kpi("forest.fires.hectares_burned")
            .meaning("Hectares burned by the fires reported in the year: the final area of each extinguished fire, "
                    + "the reported area of one still burning; a corrected final area replaces the earlier one.")
            .unit(KpiUnit.HECTARES)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition DETECTION_HECTARES = KpiDefinition.kpi("forest.fire_detection.covered_hectares")
            .meaning("Forest-fund hectares watched by the early fire detection systems installed in the year, and by "
                    + "every system installed so far for the PROGRAMME period (systems do not overlap).")
            .unit(KpiUnit.HECTARES)
            .per(KpiGranularity.YEAR, KpiGranularity.PROGRAMME)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .target(DETECTION_TARGET_HECTARES, KpiScopes.NATIONAL, KpiGranularity.PROGRAMME)
            .owner(OWNER)
            .build();

    public static final KpiDefinition DETECTION_COVERAGE = KpiDefinition.kpi("forest.fire_detection.coverage_pct")
            .meaning("Hectares watched by every early fire detection system installed so far as a share of the "
                    + "forest fund, where its area is known (reference data kz.taza.contracts.forest.ForestFund: "
                    + "nationally by default).")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.PROGRAMME)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    /** The coming year's planting is covered when its plan's trees are all prepared as seedlings or saplings. */
    public static final double MATERIAL_COVERAGE_TARGET_PCT = 100d;

    public static final KpiDefinition MATERIAL_SEEDLINGS = KpiDefinition.kpi("forest.planting_material.seedlings")
            .meaning("Seedlings and saplings prepared in nurseries for the planting of the year (the period is the "
                    + "planting year the lots are for, not the year they were grown); a corrected lot counts with "
                    + "its corrected quantity.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition MATERIAL_SEEDS = KpiDefinition.kpi("forest.planting_material.seeds_tonnes")
            .meaning("Seed prepared for the planting of the year, in tonnes (lots are recorded in kilograms); a "
                    + "corrected lot counts with its corrected quantity.")
            .unit(KpiUnit.TONNES)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition MATERIAL_PLAN_COVERAGE = KpiDefinition.kpi(
                    "forest.planting_material.plan_coverage_pct")
            .meaning("Seedlings and saplings prepared for the year as a share of the trees planned for it (nationally "
                    + "the sum of the regions' plans), absent until a plan for the year exists; seed is not counted, as "
                    + "no yield of trees per kilogram of seed is assumed.")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .target(MATERIAL_COVERAGE_TARGET_PCT)
            .owner(OWNER)
            .build();

    private ForestKpis() {
    }

    /** Every forest KPI. */
    public static List<KpiDefinition> all() {
        return List.of(PLANTED, PROGRESS, PLAN_FULFILMENT, SURVIVAL_YEAR_1, SURVIVAL_YEAR_3, ARAL_HECTARES, FIRES,
                FIRE_HECTARES, DETECTION_HECTARES, DETECTION_COVERAGE, MATERIAL_SEEDLINGS, MATERIAL_SEEDS,
                MATERIAL_PLAN_COVERAGE);
    }

    /** Survival at a survey year (1 or 3). */
    public static KpiDefinition survival(int surveyYear) {
        return switch (surveyYear) {
            case 1 -> SURVIVAL_YEAR_1;
            case 3 -> SURVIVAL_YEAR_3;
            default -> throw new IllegalArgumentException("survey year must be 1 or 3, got " + surveyYear);
        };
    }

    private static KpiDefinition survival(int surveyYear, String ordinal) {
        return KpiDefinition.kpi("trees.survival_rate_pct.year" + surveyYear)
                .meaning("Share of the surveyed trees alive at their " + ordinal + "-year survey, by the year they "
                        + "were planted (their cohort) and for every cohort of the programme.")
                .unit(KpiUnit.PERCENT)
                .per(KpiGranularity.YEAR, KpiGranularity.PROGRAMME)
                .scopes(KpiScopes.NATIONAL, "REGION:*")
                .target(SURVIVAL_TARGET_PCT)
                .owner(OWNER)
                .build();
    }
}

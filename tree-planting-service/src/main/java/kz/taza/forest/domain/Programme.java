package kz.taza.forest.domain;

import java.time.LocalDate;

/**
 * The national tree-planting programme: 2 billion trees in the forest fund between 2021 and the end of 2027, 1.1
 * million hectares of saxaul on the dried Aral seabed, and at least 65% of the trees alive when surveyed. Plantings
 * dated before the programme's start count in their calendar year but not towards the programme's totals.
 */
public final class Programme {

    /** First day of the programme; the PROGRAMME period of every forest KPI starts here. */
    public static final LocalDate START = LocalDate.of(2021, 1, 1);
    /** Last day of the programme (extended from 2025 to 2027). */
    public static final LocalDate END = LocalDate.of(2027, 12, 31);
    /** Trees to plant in the forest fund over the programme. */
    public static final double TREES_TARGET = 2_000_000_000d;
    /** Hectares to plant on the dried Aral seabed. */
    public static final double ARAL_HECTARES_TARGET = 1_100_000d;
    /** Required share of surveyed trees alive, in percent. */
    public static final double SURVIVAL_TARGET_PCT = 65d;
    /** A region's plan is fulfilled at 100%. */
    public static final double PLAN_FULFILMENT_TARGET_PCT = 100d;

    private Programme() {
    }

    /** Whether a planting of this day counts towards the programme. */
    public static boolean covers(LocalDate plantedOn) {
        return !plantedOn.isBefore(START);
    }

    /** {@code part} as a percentage of {@code whole}, rounded to 0.01; {@code null} when nothing is in the whole. */
    public static Double percent(double part, double whole) {
        if (whole <= 0) {
            return null;
        }
        return Math.round(part / whole * 10_000.0) / 100.0;
    }

    /** Share of surveyed trees alive, in percent, rounded to 0.01; {@code null} when no tree was surveyed. */
    public static Double survivalRatePct(double alive, double surveyed) {
        return percent(alive, surveyed);
    }

    /** Trees planted against the programme target, in percent. */
    public static double progressPct(double treesPlanted) {
        return percent(treesPlanted, TREES_TARGET);
    }
}

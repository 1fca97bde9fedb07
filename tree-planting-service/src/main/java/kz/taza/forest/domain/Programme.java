package kz.taza.forest.domain;

import java.time.LocalDate;

import kz.taza.contracts.forest.ForestKpis;

/**
 * The national tree-planting programme: 2 billion trees in the forest fund between 2021 and the end of 2027, 1.1
 * million hectares of saxaul on the dried Aral seabed, and at least 65% of the trees alive when surveyed. Plantings
 * dated before the programme's start count in their calendar year but not towards the programme's totals. The targets
 * are part of the published KPI definitions ({@link ForestKpis}).
 */
public final class Programme {

    /** First day of the programme; the PROGRAMME period of every forest KPI starts here. */
    public static final LocalDate START = ForestKpis.PROGRAMME_START;
    /** Last day of the programme (extended from 2025 to 2027). */
    public static final LocalDate END = LocalDate.of(2027, 12, 31);

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
        return percent(treesPlanted, ForestKpis.TREES_TARGET);
    }
}

package kz.taza.simulator.scenario;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * How the 2024 reports are derived from the 2023 ones so that the reported series shows the headline exactly, at any
 * scale: nationally −6.0% and −50.0% for the Category I facilities of the 50 largest enterprises (GROUP:TOP50_CAT1).
 *
 * <p>With G the group's 2023 tonnes and R the rest's, the group's 2024 total is 0.5·G and the rest's is
 * 0.94·(G + R) − 0.5·G, so the rest changes by the factor {@code f = 0.94 + 0.44·G/R}. Each facility gets its own
 * factor (noise around the group's mean), and the factors of each side are then scaled so that the side's 2024 total is
 * exactly its target: the sums, not the individual facilities, carry the headline.
 */
public final class Calibration {

    /** Reported emissions change nationally, 2023 → 2024 (percent). */
    public static final double NATIONAL_CHANGE_PCT = -6.0;
    /** Reported emissions change of GROUP:TOP50_CAT1, 2023 → 2024 (percent). */
    public static final double TOP50_CAT1_CHANGE_PCT = -50.0;
    /**
     * The AMS rollout by enterprise the ministry published (domain facts, section 2, centralasiaclimateportal.org,
     * undated): 91 enterprises obliged, 62 installed, 34 connected. The scenario fits its obliged enterprises' shares
     * installed and connected to these (ScenarioGenerator.AmsRollout); the number obliged follows from the rule and
     * the scenario's size, and is free.
     */
    public static final int AMS_ENTERPRISES_OBLIGED = 91;
    public static final int AMS_ENTERPRISES_INSTALLED = 62;
    public static final int AMS_ENTERPRISES_CONNECTED = 34;
    /** Installed over obliged, 62/91 ≈ 68.1%. */
    public static final double AMS_INSTALLED_SHARE = (double) AMS_ENTERPRISES_INSTALLED / AMS_ENTERPRISES_OBLIGED;
    /** Connected over obliged, 34/91 ≈ 37.4%. */
    public static final double AMS_CONNECTED_SHARE = (double) AMS_ENTERPRISES_CONNECTED / AMS_ENTERPRISES_OBLIGED;

    /** Share of the national 2023 tonnes the group emits (before the cut): a rest factor near 1.02. */
    public static final double TOP50_CAT1_SHARE_2023 = 0.15;
    /** National stationary-source emissions 2023 the scenario is scaled to, tonnes (≈ 2.26 Mt; docs/architecture.md, Reference scenario). */
    public static final double NATIONAL_TONNES_2023 = 2_258_000.0;

    private Calibration() {
    }

    /** The factor of the rest (everything but the group) for group tonnes {@code g} and rest tonnes {@code r}. */
    public static double restFactor(double g, double r) {
        double national = 1 + NATIONAL_CHANGE_PCT / 100.0;
        double group = 1 + TOP50_CAT1_CHANGE_PCT / 100.0;
        return (national * (g + r) - group * g) / r;
    }

    /** The group's factor. */
    public static double groupFactor() {
        return 1 + TOP50_CAT1_CHANGE_PCT / 100.0;
    }

    /**
     * Per-item 2024 values whose sum is exactly {@code target}: each base value times its own noise factor, then all
     * scaled by one common factor.
     */
    public static double[] scaleTo(List<Double> base2023, IntToDoubleFunction noise, double target) {
        double[] out = new double[base2023.size()];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = base2023.get(i) * noise.applyAsDouble(i);
            sum += out[i];
        }
        double k = sum == 0 ? 0 : target / sum;
        for (int i = 0; i < out.length; i++) {
            out[i] *= k;
        }
        return out;
    }

    /** Change in percent, rounded to 0.01 as the KPI topic publishes it. */
    public static Double changePct(double previous, double current) {
        if (previous == 0.0) {
            return null;
        }
        return Math.round((current - previous) / previous * 10_000.0) / 100.0;
    }
}

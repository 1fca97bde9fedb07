package kz.taza.contracts.emission;

/**
 * Mass emitted during one AMS interval: concentration (mg/Nm3) × flow (Nm3/h) × hours gives milligrams, and a
 * tonne is 10^9 mg, so tonnes = concentration × flow × hours / 10^9. The interval's mass rate, compared with a
 * permit's g/s limit, is concentration × flow / 3,600 (Nm3/h to Nm3/s) / 1,000 (mg to g); the tonnes above a g/s
 * limit in an interval are (rate − limit) × the interval's seconds / 10^6.
 *
 * <p>Part of the emission contract (the measured series, {@code emissions.measured.tonnes}): every reader of
 * {@code emission.ams-readings.v1} that weighs an interval uses this one formula.
 */
public final class EmissionMass {

    private static final double MG_PER_TONNE = 1e9;
    private static final double GRAMS_PER_TONNE = 1e6;
    private static final double SECONDS_PER_HOUR = 3_600.0;
    private static final double MG_PER_GRAM = 1_000.0;

    private EmissionMass() {
    }

    /**
     * Tonnes emitted in an interval of {@code minutes} minutes.
     *
     * @throws ArithmeticException when the mass is not a finite number (a factor is NaN or infinite, or their product
     *                             overflows): such a mass must never reach a total, where a later correction could
     *                             not take it back out
     */
    public static double tonnes(double concentrationMgNm3, double flowNm3PerHour, int minutes) {
        double tonnes = concentrationMgNm3 * flowNm3PerHour * (minutes / 60.0) / MG_PER_TONNE;
        if (!Double.isFinite(tonnes)) {
            throw new ArithmeticException("the mass of " + concentrationMgNm3 + " mg/Nm3 x " + flowNm3PerHour
                    + " Nm3/h over " + minutes + " min is not finite");
        }
        return tonnes == 0.0 ? 0.0 : tonnes; // no -0.0 (a concentration of -0.0 is zero) in any total
    }

    /**
     * The mass rate of an interval in g/s: concentration (mg/Nm3) × flow (Nm3/h) / 3,600 / 1,000.
     *
     * @throws ArithmeticException when the rate is not a finite number
     */
    public static double gramsPerSecond(double concentrationMgNm3, double flowNm3PerHour) {
        double rate = concentrationMgNm3 * flowNm3PerHour / SECONDS_PER_HOUR / MG_PER_GRAM;
        if (!Double.isFinite(rate)) {
            throw new ArithmeticException("the mass rate of " + concentrationMgNm3 + " mg/Nm3 x " + flowNm3PerHour
                    + " Nm3/h is not finite");
        }
        return rate == 0.0 ? 0.0 : rate;
    }

    /**
     * The tonnes emitted above a g/s limit in an interval of {@code minutes} minutes at a mass rate of
     * {@code gramsPerSecond}: (rate − limit) × seconds / 10^6, and 0 when the rate is not above the limit.
     */
    public static double tonnesAbove(double gramsPerSecond, double limitGramsPerSecond, int minutes) {
        if (!(gramsPerSecond > limitGramsPerSecond)) {
            return 0.0;
        }
        return (gramsPerSecond - limitGramsPerSecond) * minutes * 60.0 / GRAMS_PER_TONNE;
    }
}

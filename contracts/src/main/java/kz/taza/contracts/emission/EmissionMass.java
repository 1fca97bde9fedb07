package kz.taza.contracts.emission;

/**
 * Mass emitted during one AMS interval: concentration (mg/Nm3) × flow (Nm3/h) × hours gives milligrams, and a
 * tonne is 10^9 mg, so tonnes = concentration × flow × hours / 10^9.
 *
 * <p>Part of the emission contract (the measured series, {@code emissions.measured.tonnes}): every reader of
 * {@code emission.ams-readings.v1} that weighs an interval uses this one formula.
 */
public final class EmissionMass {

    private static final double MG_PER_TONNE = 1e9;

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
}

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

    /** Tonnes emitted in an interval of {@code minutes} minutes. */
    public static double tonnes(double concentrationMgNm3, double flowNm3PerHour, int minutes) {
        return concentrationMgNm3 * flowNm3PerHour * (minutes / 60.0) / MG_PER_TONNE;
    }
}

package kz.taza.contracts.emission;

/**
 * The greenhouse-gas quota scheme as the Environmental Code has it (chapter 20, state regulation of greenhouse-gas
 * emissions and removals): a facility whose emissions exceed 20,000 t of CO2 a year is a quota-based facility, may not
 * be operated without a carbon quota, and its operator reports the facility's actual emissions for each year against
 * the quota allocated to it under the national carbon quota plan (ey.com tax alert on carbon units, 2024). Both are
 * counted in tonnes of CO2 equivalent. emission-service checks allocations and reports with these rules, and the
 * simulator builds its scenario with them.
 */
public final class GhgQuotas {

    /** Above this many tonnes of CO2 (equivalent) a year a facility is quota-based. */
    public static final double THRESHOLD_TONNES = 20_000.0;

    /**
     * The most one facility may report or be allocated in a year, tonnes of CO2 equivalent: 100 million, several
     * times the largest single installation's year and about two thirds of the whole national cap (159.9 Mt for 2021,
     * iea.org policy 13429).
     */
    public static final double MAX_TONNES = 100_000_000.0;

    private GhgQuotas() {
    }

    /** Whether a facility emitting (or allotted) this many tonnes of CO2 equivalent in a year is quota-based. */
    public static boolean aboveThreshold(double tonnesCo2e) {
        return tonnesCo2e > THRESHOLD_TONNES;
    }
}

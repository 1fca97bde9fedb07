package kz.taza.emission.domain;

/**
 * The kinds of limit a permit sets per source and pollutant, each compared by its own series of exceedance episodes
 * ({@link ExceedanceDetector}): an interval can be above the g/s limit and under the mg/Nm3 one, or the other way.
 * The order is the order of the episodes in a series' state; a new kind is added at the end.
 */
public enum LimitKind {
    /** mg/Nm3, compared with each VALID interval's concentration. */
    CONCENTRATION,
    /** g/s, compared with each VALID interval's mass rate (concentration × flow). */
    MASS_RATE,
    /** t/yr, compared with the tonnes of the VALID intervals of the calendar year (Kazakhstan time) so far. */
    ANNUAL_MASS;

    private static final LimitKind[] VALUES = values();

    /** The kinds, without a copy per call (do not modify). */
    public static LimitKind[] all() {
        return VALUES;
    }
}

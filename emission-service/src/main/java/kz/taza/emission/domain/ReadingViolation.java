package kz.taza.emission.domain;

/**
 * A rule an AMS reading breaks: which one, the field at fault and a message a gateway operator can act on.
 *
 * @param rule    the rule broken, also the machine-readable reason code
 * @param field   the reading's field at fault, e.g. {@code concentrationMgNm3}
 * @param message what is wrong, for a person
 */
public record ReadingViolation(Rule rule, String field, String message) {

    /** The rules of {@link ReadingRules}, and {@link LatenessHorizon}'s TOO_LATE (known only to the pipeline). */
    public enum Rule {
        NEGATIVE_CONCENTRATION, NON_POSITIVE_FLOW, INVALID_INTERVAL_LENGTH, MISALIGNED_INTERVAL, IN_FUTURE,
        UNKNOWN_POLLUTANT, UNKNOWN_FACILITY, UNKNOWN_SOURCE, TOO_LATE,
        /** Above {@link ReadingRules#MAX_CONCENTRATION_MG_NM3}: no stack gas holds that much; a unit or sensor fault. */
        CONCENTRATION_OUT_OF_RANGE,
        /** Above {@link ReadingRules#MAX_FLOW_NM3_PER_HOUR}: beyond any stack in the country. */
        FLOW_OUT_OF_RANGE,
        /** Starts before {@link ReadingRules#EARLIEST_INTERVAL_START}: before any AMS data the regulator holds. */
        DATE_TOO_EARLY
    }

    /** {@code RULE: message}, as the rejected-record header carries it. */
    public String describe() {
        return rule + ": " + message;
    }
}

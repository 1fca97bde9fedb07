package kz.taza.forest.domain;

import java.util.Objects;

/**
 * One reason a forestry office's input is refused: the field at fault, a machine-readable code and a sentence a person
 * can act on.
 *
 * @param field   path of the offending field, e.g. {@code hectares} or {@code plantings[2].treeCount}
 * @param code    for example {@link #IMPLAUSIBLE_DENSITY}
 * @param message what is wrong, for a person
 */
public record Violation(String field, String code, String message) {

    public static final String NOT_POSITIVE = "NOT_POSITIVE";
    public static final String NEGATIVE = "NEGATIVE";
    public static final String IMPLAUSIBLE_DENSITY = "IMPLAUSIBLE_DENSITY";
    public static final String DATE_IN_FUTURE = "DATE_IN_FUTURE";
    public static final String INVALID_SURVEY_YEAR = "INVALID_SURVEY_YEAR";
    public static final String SURVEY_EXCEEDS_PLANTED = "SURVEY_EXCEEDS_PLANTED";
    public static final String UNKNOWN_PLANTING = "UNKNOWN_PLANTING";
    public static final String REQUIRED = "REQUIRED";
    public static final String UNKNOWN_REGION = "UNKNOWN_REGION";
    public static final String YEAR_OUT_OF_RANGE = "YEAR_OUT_OF_RANGE";
    public static final String SURVEY_BEFORE_PLANTING = "SURVEY_BEFORE_PLANTING";
    public static final String INVALID_ID = "INVALID_ID";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The same violation for a field nested under {@code prefix}, e.g. {@code plantings[2].}. */
    public Violation under(String prefix) {
        return new Violation(prefix + field, code, message);
    }
}

package kz.taza.platform.errors;

import kz.taza.schemas.codec.MalformedEventException;
import kz.taza.schemas.codec.UnexpectedEventTypeException;
import kz.taza.schemas.codec.UnknownSchemaException;

/**
 * What was wrong with bytes that did not decode, as the {@link RejectedRecordHeaders#ERROR_REASON} of their dead letter
 * and the {@code reason} tag of the quarantine metric: a short, fixed list, so the metric stays small and an operator
 * can act on each.
 */
public enum DecodeFailure {
    /** Not a well-formed message: wrong marker, too short, a truncated or undecodable body, trailing bytes. */
    MALFORMED,
    /** A writer schema (fingerprint) neither the shipped catalogue nor the schema topic knows. */
    UNKNOWN_SCHEMA,
    /** A known schema of a type this reader does not read on this topic. */
    UNEXPECTED_TYPE,
    /** The topic's deserializer refused the bytes in some other way (an internal serde's own checks). */
    UNDECODABLE;

    /** The failure a deserializer's exception stands for. */
    public static DecodeFailure of(Throwable error) {
        if (error instanceof UnexpectedEventTypeException) {
            return UNEXPECTED_TYPE;
        }
        if (error instanceof UnknownSchemaException) {
            return UNKNOWN_SCHEMA;
        }
        if (error instanceof MalformedEventException) {
            return MALFORMED;
        }
        return UNDECODABLE;
    }
}

package kz.taza.platform.errors;

import java.time.DateTimeException;

/**
 * Whose fault a failure in a Streams task is, which decides what happens to the record.
 *
 * <ul>
 * <li>{@link #BAD_RECORD}: the record's content is at fault (code refused it as an argument, a date or a number in it
 * makes no sense). It is quarantined; the next record is processed.</li>
 * <li>{@link #INFRASTRUCTURE}: anything else: a state store or its RocksDB, the disk, a serde of the application's own
 * state, or a bug ({@code NullPointerException}, {@code IllegalStateException}, {@code ClassCastException}, ...). The
 * record is not at fault and must not be disguised as a bad one: the application stops (liveness DOWN), the
 * orchestrator restarts it, and the record is processed again after the restart.</li>
 * </ul>
 * Input that does not decode never reaches this question: every input is read as bytes and decoded by the platform's
 * {@link Inputs}, which quarantines what does not decode inside the topology.
 */
public enum FailureClass {
    BAD_RECORD, INFRASTRUCTURE;

    /** The class of an exception a processor threw while processing a record. */
    public static FailureClass ofProcessing(Throwable error) {
        if (error instanceof IllegalArgumentException || error instanceof DateTimeException
                || error instanceof ArithmeticException) {
            return BAD_RECORD;
        }
        return INFRASTRUCTURE;
    }
}

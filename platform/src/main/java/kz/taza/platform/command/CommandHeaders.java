package kz.taza.platform.command;

/**
 * Headers of a command record. The command's id travels beside the command rather than inside it, so every domain's
 * command records stay plain domain records; the processor refuses a command without an id (it goes to the commands
 * topic's dead-letter topic).
 */
public final class CommandHeaders {

    /** The command's id: a UUID, derived from the client's Idempotency-Key when it sent one. */
    public static final String COMMAND_ID = "taza.command.id";
    /** The Avro full name of the command record, for people reading the topic. */
    public static final String COMMAND_TYPE = "taza.command.type";

    /**
     * Who sent the command: an {@code ActingPrincipal} record, Avro single-object encoded, from the caller's token.
     * Absent from commands the service makes itself (from events it reacts to).
     */
    public static final String ACTOR = "taza.actor";

    /**
     * SHA-256 (lower-case hex) of the command's serialized value, as the gateway sent it. The processor keeps it with the
     * command's first result, so that a request re-using an Idempotency-Key with another body is told apart from a
     * retry (the gateway answers it 409).
     */
    public static final String REQUEST_DIGEST = "taza.request.digest";

    /**
     * Present ({@code "true"}) when the command's id was derived from the command itself because the client sent no
     * Idempotency-Key. A repeat of such a command whose first result was a rejection is decided anew (the rejection
     * changed nothing, and the state may have changed since: a fine refused before its inspection was completed may be
     * imposed after); a repeat of an accepted one gets its first result, as with a client's key.
     */
    public static final String DERIVED_ID = "taza.command.derived";

    private CommandHeaders() {
    }
}

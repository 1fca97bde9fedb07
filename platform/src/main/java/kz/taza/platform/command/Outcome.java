package kz.taza.platform.command;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;

/**
 * What was decided about one command, in the domain's own terms (plain Java, no Kafka or Spring): accepted with the
 * aggregate's new state and the domain events, or rejected with a reason a person can act on. The command processor
 * writes an acceptance's records where the domain's {@link CommandRouting} sends them, and every outcome as the
 * command's {@code CommandResult} on the results topic.
 *
 * @param <S> the aggregate's state type
 */
public sealed interface Outcome<S> permits Outcome.Accepted, Outcome.Rejected {

    /** The reason code of a command rejected for bad fields that name no code of their own. */
    String INVALID_COMMAND = "INVALID_COMMAND";

    /**
     * The command holds.
     *
     * @param state      the aggregate's state afterwards; {@code null} when the command changed nothing
     * @param resourceId what the command created or changed (an id the client knows it by)
     * @param events     the domain events, in order; empty when nothing happened (always when nothing changed)
     */
    record Accepted<S>(S state, String resourceId, List<SpecificRecord> events) implements Outcome<S> {
        public Accepted {
            events = List.copyOf(events);
            if (state == null && !events.isEmpty()) {
                throw new IllegalArgumentException("an outcome that changes nothing has no events");
            }
        }

        /** Accepted, nothing changes (a repeat, an update to identical values, something too old to act on). */
        public static <S> Accepted<S> unchanged(String resourceId) {
            return new Accepted<>(null, resourceId, List.of());
        }

        /** True when the command changed nothing. */
        public boolean unchanged() {
            return state == null;
        }
    }

    /**
     * The command does not hold; nothing changes.
     *
     * @param kind       CONFLICT (409), INVALID (422) or NOT_FOUND (404)
     * @param code       stable machine-readable reason, e.g. PERMIT_ALREADY_REVOKED
     * @param reason     for a person
     * @param violations bad fields, when the command itself is at fault
     */
    record Rejected<S>(RejectionKind kind, String code, String reason, List<FieldViolation> violations)
            implements Outcome<S> {
        public Rejected {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            if (kind == RejectionKind.NONE) {
                throw new IllegalArgumentException("a rejection needs a kind other than NONE");
            }
            violations = List.copyOf(violations);
        }

        public static <S> Rejected<S> conflict(String code, String reason) {
            return new Rejected<>(RejectionKind.CONFLICT, code, reason, List.of());
        }

        public static <S> Rejected<S> notFound(String code, String reason) {
            return new Rejected<>(RejectionKind.NOT_FOUND, code, reason, List.of());
        }

        public static <S> Rejected<S> invalid(String code, String reason, List<FieldViolation> violations) {
            return new Rejected<>(RejectionKind.INVALID, code, reason, violations);
        }

        /**
         * The command has bad fields: typed by the first violation's code when it has one, {@link #INVALID_COMMAND}
         * otherwise; the reason names the field when there is one, each of them when there are several.
         */
        public static <S> Rejected<S> invalid(List<FieldViolation> violations) {
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid command has at least one bad field");
            }
            FieldViolation first = violations.get(0);
            String code = first.getCode() != null ? first.getCode() : INVALID_COMMAND;
            String reason = violations.size() == 1
                    ? first.getField() + ": " + first.getMessage()
                    : violations.size() + " fields are invalid: " + violations.stream()
                            .map(v -> v.getField() + ": " + v.getMessage()).collect(Collectors.joining("; "));
            return invalid(code, reason, violations);
        }
    }
}

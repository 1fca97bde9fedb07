package kz.taza.platform.command;

import java.util.List;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;

/**
 * What an aggregate's domain rules decide about a command, in the domain's own terms (plain Java, no Kafka or Spring):
 * accepted with the aggregate's new state and the domain events, or rejected with a reason a person can act on. A
 * {@link CommandHandler} turns it into a {@link Decision} (which records go to which topic).
 *
 * @param <S> the aggregate's state type
 */
public sealed interface Outcome<S> permits Outcome.Accepted, Outcome.Rejected {

    /**
     * The handler's decision: a rejection as it is (nothing is written but the result), an acceptance through
     * {@code onAccepted}, which knows the aggregate's topics.
     */
    default Decision<S> toDecision(Function<Accepted<S>, Decision<S>> onAccepted) {
        if (this instanceof Accepted<S> accepted) {
            return onAccepted.apply(accepted);
        }
        return ((Rejected<S>) this).decision();
    }

    /**
     * The command holds.
     *
     * @param state      the aggregate's state afterwards; {@code null} when the command changed nothing
     * @param resourceId what the command created or changed (an id the client knows it by)
     * @param events     the domain events, in order; empty when nothing happened
     */
    record Accepted<S>(S state, String resourceId, List<SpecificRecord> events) implements Outcome<S> {
        public Accepted {
            events = List.copyOf(events);
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

        /** The command has bad fields: {@code INVALID_COMMAND}, naming the field when there is one. */
        public static <S> Rejected<S> invalid(List<FieldViolation> violations) {
            String reason = violations.size() == 1
                    ? violations.get(0).getField() + ": " + violations.get(0).getMessage()
                    : violations.size() + " fields are invalid";
            return invalid("INVALID_COMMAND", reason, violations);
        }

        /** The same rejection as the handler's decision: nothing is written but the command's result. */
        public Decision<S> decision() {
            return Decision.reject(kind, code, reason, violations);
        }
    }
}

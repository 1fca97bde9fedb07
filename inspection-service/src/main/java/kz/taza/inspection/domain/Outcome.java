package kz.taza.inspection.domain;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.inspection.FacilityCompliance;

/** What the compliance rules decide about a command: accepted (new state, events), or rejected with a reason. */
public sealed interface Outcome {

    /**
     * The command holds.
     *
     * @param state      the facility's state afterwards; {@code null} when the command changed nothing
     * @param resourceId what the command created or changed (an inspection, fine, order... id)
     * @param events     the domain events, in order; empty when nothing happened
     */
    record Accepted(FacilityCompliance state, String resourceId, List<SpecificRecord> events) implements Outcome {
        public Accepted {
            events = List.copyOf(events);
        }

        /** Accepted, nothing changes (a replay, a repeat, or something too old to act on). */
        public static Accepted unchanged(String resourceId) {
            return new Accepted(null, resourceId, List.of());
        }
    }

    /**
     * The command does not hold; nothing changes.
     *
     * @param kind       CONFLICT (409), INVALID (422) or NOT_FOUND (404)
     * @param code       stable machine-readable reason, e.g. INSPECTION_ALREADY_COMPLETED
     * @param reason     for a person
     * @param violations bad fields, when the command itself is at fault
     */
    record Rejected(RejectionKind kind, String code, String reason, List<FieldViolation> violations)
            implements Outcome {
        public Rejected {
            violations = List.copyOf(violations);
        }

        public static Rejected conflict(String code, String reason) {
            return new Rejected(RejectionKind.CONFLICT, code, reason, List.of());
        }

        public static Rejected notFound(String code, String reason) {
            return new Rejected(RejectionKind.NOT_FOUND, code, reason, List.of());
        }

        public static Rejected invalid(List<FieldViolation> violations) {
            String reason = violations.size() == 1
                    ? violations.get(0).getField() + ": " + violations.get(0).getMessage()
                    : violations.size() + " fields are invalid";
            return new Rejected(RejectionKind.INVALID, "INVALID_COMMAND", reason, violations);
        }
    }
}

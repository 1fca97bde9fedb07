package kz.taza.permit.domain;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.permit.FacilityPermitState;

/** What the permit rules decide about a command: accepted with the new state and events, or rejected with a reason. */
public sealed interface Outcome {

    /**
     * The command holds.
     *
     * @param state           the facility's state afterwards
     * @param resourceId      what the command created or changed (facilityId or permitId)
     * @param events          the domain events, in order; empty when nothing changed
     * @param facilityChanged whether the facility registration changed (its compacted state is republished)
     * @param permitChanged   whether the permit changed (its compacted state is republished)
     */
    record Accepted(FacilityPermitState state, String resourceId, List<SpecificRecord> events,
            boolean facilityChanged, boolean permitChanged) implements Outcome {
        public Accepted {
            events = List.copyOf(events);
        }

        /** True when the command changed nothing (e.g. an update to identical values). */
        public boolean unchanged() {
            return events.isEmpty();
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
    record Rejected(RejectionKind kind, String code, String reason, List<FieldViolation> violations)
            implements Outcome {
        public Rejected {
            violations = List.copyOf(violations);
        }

        static Rejected conflict(String code, String reason) {
            return new Rejected(RejectionKind.CONFLICT, code, reason, List.of());
        }

        static Rejected notFound(String code, String reason) {
            return new Rejected(RejectionKind.NOT_FOUND, code, reason, List.of());
        }

        static Rejected invalid(String code, String reason, List<FieldViolation> violations) {
            return new Rejected(RejectionKind.INVALID, code, reason, violations);
        }
    }
}

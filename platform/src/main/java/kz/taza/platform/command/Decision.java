package kz.taza.platform.command;

import java.util.List;
import java.util.Objects;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;

/**
 * What a {@link CommandHandler} decides about one command: accept it (a new state for the aggregate and the records
 * to write), or reject it with a reason a person can act on. Nothing is written for a rejected command but its result.
 *
 * @param <S> the aggregate's state type
 */
public final class Decision<S> {

    private final boolean accepted;
    private final S newState;
    private final String resourceId;
    private final List<Output> outputs;
    private final RejectionKind rejection;
    private final String reasonCode;
    private final String reason;
    private final List<FieldViolation> violations;

    private Decision(boolean accepted, S newState, String resourceId, List<Output> outputs, RejectionKind rejection,
            String reasonCode, String reason, List<FieldViolation> violations) {
        this.accepted = accepted;
        this.newState = newState;
        this.resourceId = resourceId;
        this.outputs = List.copyOf(outputs);
        this.rejection = rejection;
        this.reasonCode = reasonCode;
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    /**
     * Accepts the command.
     *
     * @param newState   the aggregate's state after the command ({@code null}: unchanged)
     * @param resourceId the id of what the command created or changed, for the client (may be {@code null})
     * @param outputs    events and state records to write
     */
    public static <S> Decision<S> accept(S newState, String resourceId, List<Output> outputs) {
        return new Decision<>(true, newState, resourceId, outputs, RejectionKind.NONE, null, null, List.of());
    }

    /** Rejects the command; {@code reasonCode} is a stable machine-readable code, {@code reason} is for people. */
    public static <S> Decision<S> reject(RejectionKind kind, String reasonCode, String reason,
            List<FieldViolation> violations) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(reason, "reason");
        if (kind == RejectionKind.NONE) {
            throw new IllegalArgumentException("a rejection needs a kind other than NONE");
        }
        return new Decision<>(false, null, null, List.of(), kind, reasonCode, reason, violations);
    }

    /** Rejects the command with no field-level detail. */
    public static <S> Decision<S> reject(RejectionKind kind, String reasonCode, String reason) {
        return reject(kind, reasonCode, reason, List.of());
    }

    public boolean accepted() {
        return accepted;
    }

    public S newState() {
        return newState;
    }

    public String resourceId() {
        return resourceId;
    }

    public List<Output> outputs() {
        return outputs;
    }

    public RejectionKind rejection() {
        return rejection;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public String reason() {
        return reason;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}

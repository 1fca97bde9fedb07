package kz.taza.platform.security;

import java.util.Optional;

/**
 * Holds operator-scoped callers (operators, gateways) to their own operator's facilities: a facility belongs to the
 * operator whose BIN its registration names, and a caller whose every right is scoped to one operator may act on it
 * only when its token names that BIN. Everyone else passes. The check runs before anything is written, so a refusal
 * leaves no trace but the 403.
 */
public final class OperatorScope {

    private OperatorScope() {
    }

    /**
     * Refuses the current caller if it may not act on the facility.
     *
     * @param facilityOperatorBin the BIN of the facility's operator; empty when the facility is not known (then only
     *                            callers who reach every facility pass, as no one can show it is theirs)
     * @throws NotYourFacilityException when the caller acts for another operator
     */
    public static void requireMayActOn(String facilityId, Optional<String> facilityOperatorBin) {
        Actor actor = Actor.current().orElse(null);
        if (actor == null || !actor.limitedToOneOperator()) {
            return;
        }
        if (facilityOperatorBin.isEmpty() || !actor.mayActForOperator(facilityOperatorBin.get())) {
            throw new NotYourFacilityException(actor, facilityId);
        }
    }

    /** Whether the current caller may see or act on a facility of this operator (for filtering lists). */
    public static boolean mayActOn(String facilityOperatorBin) {
        return Actor.current().map(actor -> actor.mayActForOperator(facilityOperatorBin)).orElse(true);
    }

    /** The caller acts for one operator and the facility is not one of that operator's: answered 403. */
    public static final class NotYourFacilityException extends RuntimeException {
        public NotYourFacilityException(Actor actor, String facilityId) {
            super(actor.subject() + " acts for operator " + actor.operatorBin().orElse("(none named)")
                    + " only; facility " + facilityId + " is not one of its facilities");
        }
    }
}

package kz.taza.emission.domain;

import java.time.LocalDate;

import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitType;

/**
 * Whether a facility's emission fee of a year is redirected to its modernisation instead of being paid: a holder of a
 * comprehensive environmental permit (KEP) pays no emission fee; the money goes into its upgrade (Environmental Code;
 * tou.edu.kz, unverified against the primary text). The fee due is still computed; this says which part of it is
 * redirected.
 *
 * <p>The rule applied: the fee of year Y is redirected when the facility's permit, as emission-service knows it (the
 * facility's current permit on {@code permit.permits.v1}), is a KEP that is ACTIVE, SUSPENDED (a suspended permit is
 * still held) or EXPIRED (it was held until its validTo), and whose validity (validFrom..validTo) includes at least one
 * day of Y. A KEP held for part of a year redirects that whole year's fee: the fee is computed per year, and the Code
 * gives no pro-rating that was checked. A REVOKED KEP redirects nothing (its revocation date is not part of the rule),
 * nor does any other type of permit, a status this reader does not know, or no permit.
 */
public final class KepRedirection {

    private KepRedirection() {
    }

    /** Whether the fee of {@code year} of the permit's facility is redirected to modernisation. */
    public static boolean redirects(Permit permit, int year) {
        if (permit == null || permit.getType() != PermitType.KEP) {
            return false;
        }
        PermitStatus status = permit.getStatus();
        if (status != PermitStatus.ACTIVE && status != PermitStatus.SUSPENDED && status != PermitStatus.EXPIRED) {
            return false;
        }
        LocalDate from = permit.getValidFrom();
        LocalDate to = permit.getValidTo();
        return (from == null || !from.isAfter(LocalDate.of(year, 12, 31)))
                && (to == null || !to.isBefore(LocalDate.of(year, 1, 1)));
    }
}

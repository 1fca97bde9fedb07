package kz.taza.emission.domain;

import java.time.LocalDate;
import java.util.List;

import kz.taza.events.common.Pollutant;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitStatus;

/**
 * The mg/Nm3 limit in force for a source and pollutant. Only an ACTIVE permit has limits in force, and only on the
 * days of its validity (validFrom..validTo, Kazakhstan time); a suspended, revoked or expired permit, a permit without
 * an mg/Nm3 value for the source and pollutant, or no permit at all means there is no limit to exceed.
 */
public final class PermitLimits {

    /** Returned when no limit is in force. */
    public static final double NONE = Double.NaN;

    private PermitLimits() {
    }

    /** The limit in mg/Nm3 for the source and pollutant on that day, or {@link #NONE}. Allocates nothing. */
    public static double limitInForce(Permit permit, String sourceId, Pollutant pollutant, long epochDay) {
        if (permit == null || permit.getStatus() != PermitStatus.ACTIVE) {
            return NONE;
        }
        LocalDate from = permit.getValidFrom();
        LocalDate to = permit.getValidTo();
        if (from != null && epochDay < from.toEpochDay() || to != null && epochDay > to.toEpochDay()) {
            return NONE;
        }
        List<PermitLimit> limits = permit.getLimits();
        for (int i = 0, n = limits.size(); i < n; i++) {
            PermitLimit limit = limits.get(i);
            if (limit.getPollutant() == pollutant && limit.getSourceId().equals(sourceId)) {
                Double mg = limit.getMgPerNm3();
                return mg == null || !(mg > 0.0) ? NONE : mg;
            }
        }
        return NONE;
    }

    public static boolean inForce(double limit) {
        return !Double.isNaN(limit);
    }
}

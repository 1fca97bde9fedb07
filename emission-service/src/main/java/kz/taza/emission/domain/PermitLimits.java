package kz.taza.emission.domain;

import java.time.LocalDate;
import java.util.List;

import kz.taza.events.common.Pollutant;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitStatus;

/**
 * The limits in force for a source and pollutant: the concentration (mg/Nm3), the mass rate (g/s) and the annual mass
 * (t/yr) of the source's {@link PermitLimit}. Only an ACTIVE permit has limits in force, and only on the days of its
 * validity (validFrom..validTo, Kazakhstan time); a suspended, revoked or expired permit, a permit without a value of
 * that kind for the source and pollutant, or no permit at all means there is no limit of that kind to exceed.
 *
 * <p>The permit states every limit per source and pollutant ({@code PermitLimit.sourceId}), the t/yr limit included,
 * so the annual mass is compared per source: the tonnes of the source's year with the source's t/yr.
 */
public final class PermitLimits {

    /** Returned when no limit is in force. */
    public static final double NONE = Double.NaN;

    private PermitLimits() {
    }

    /** The limit in mg/Nm3 for the source and pollutant on that day, or {@link #NONE}. Allocates nothing. */
    public static double limitInForce(Permit permit, String sourceId, Pollutant pollutant, long epochDay) {
        return limitInForce(LimitKind.CONCENTRATION, permit, sourceId, pollutant, epochDay);
    }

    /**
     * The limit of that kind (mg/Nm3, g/s or t/yr) for the source and pollutant on that day, or {@link #NONE}.
     * Allocates nothing.
     */
    public static double limitInForce(LimitKind kind, Permit permit, String sourceId, Pollutant pollutant,
            long epochDay) {
        PermitLimit limit = limitOf(permit, sourceId, pollutant, epochDay);
        if (limit == null) {
            return NONE;
        }
        Double value = switch (kind) {
            case CONCENTRATION -> limit.getMgPerNm3();
            case MASS_RATE -> limit.getGramsPerSecond();
            case ANNUAL_MASS -> limit.getTonnesPerYear();
        };
        return value == null || !(value > 0.0) ? NONE : value;
    }

    private static PermitLimit limitOf(Permit permit, String sourceId, Pollutant pollutant, long epochDay) {
        if (permit == null || permit.getStatus() != PermitStatus.ACTIVE) {
            return null;
        }
        LocalDate from = permit.getValidFrom();
        LocalDate to = permit.getValidTo();
        if (from != null && epochDay < from.toEpochDay() || to != null && epochDay > to.toEpochDay()) {
            return null;
        }
        List<PermitLimit> limits = permit.getLimits();
        for (int i = 0, n = limits.size(); i < n; i++) {
            PermitLimit limit = limits.get(i);
            if (limit.getPollutant() == pollutant && limit.getSourceId().equals(sourceId)) {
                return limit;
            }
        }
        return null;
    }

    public static boolean inForce(double limit) {
        return !Double.isNaN(limit);
    }
}

package kz.taza.inspection.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import kz.taza.events.inspection.ExceedanceRef;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.InspectionRecord;
import kz.taza.events.inspection.InspectionStatus;
import kz.taza.events.inspection.ViolationFound;

/**
 * The risk score (0-100) that orders facilities in the yearly risk-based inspection plan. For plan year Y:
 * <ul>
 * <li><b>category</b> (impact level, Environmental Code art. 12): I 40, II 25, III 10, IV 0 points;</li>
 * <li><b>past violations</b> found by inspections completed since 1 January of Y-3: GROSS 10, SIGNIFICANT 5, MINOR 2
 * points each, at most 30;</li>
 * <li><b>exceedances</b>: AMS exceedance episodes started since 1 January of Y-1, 3 points each, at most 15;</li>
 * <li><b>unpaid fines</b>: fines with an outstanding amount, 5 points each, at most 15.</li>
 * </ul>
 * The score depends only on the facility's record and the plan year (not on the day the plan is run), so the same
 * record always ranks the same way. Ties are broken by facilityId.
 */
public final class RiskScore {

    public static final int CATEGORY_I = 40;
    public static final int CATEGORY_II = 25;
    public static final int CATEGORY_III = 10;
    public static final int VIOLATIONS_CAP = 30;
    public static final int EXCEEDANCE_POINTS = 3;
    public static final int EXCEEDANCES_CAP = 15;
    public static final int UNPAID_FINE_POINTS = 5;
    public static final int UNPAID_FINES_CAP = 15;

    private RiskScore() {
    }

    /** One facility's place in a plan. */
    public record Ranked(String facilityId, double score, int rank) {
    }

    /** The facility's risk score for the plan year. */
    public static double of(FacilityCompliance facility, int planYear, ZoneId zone) {
        return categoryPoints(facility) + violationPoints(facility, planYear) + exceedancePoints(facility, planYear, zone)
                + unpaidFinePoints(facility);
    }

    /**
     * The facilities the plan inspects: the registered ones (region known) with the highest scores, at most
     * {@code capacity}, highest first.
     */
    public static List<Ranked> plan(List<FacilityCompliance> facilities, int planYear, int capacity, ZoneId zone) {
        List<FacilityCompliance> ordered = facilities.stream()
                .filter(f -> f.getRegionCode() != null)
                .sorted(Comparator.comparingDouble((FacilityCompliance f) -> -of(f, planYear, zone))
                        .thenComparing(FacilityCompliance::getFacilityId))
                .limit(Math.max(0, capacity))
                .toList();
        java.util.ArrayList<Ranked> ranked = new java.util.ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            ranked.add(new Ranked(ordered.get(i).getFacilityId(), of(ordered.get(i), planYear, zone), i + 1));
        }
        return ranked;
    }

    static int categoryPoints(FacilityCompliance facility) {
        if (facility.getCategory() == null) {
            return 0;
        }
        return switch (facility.getCategory()) {
            case I -> CATEGORY_I;
            case II -> CATEGORY_II;
            case III -> CATEGORY_III;
            default -> 0;
        };
    }

    static int violationPoints(FacilityCompliance facility, int planYear) {
        LocalDate since = LocalDate.of(planYear - 3, 1, 1);
        int points = 0;
        for (InspectionRecord inspection : facility.getInspections()) {
            if (inspection.getStatus() != InspectionStatus.COMPLETED || inspection.getCompletedOn().isBefore(since)) {
                continue;
            }
            for (ViolationFound violation : inspection.getViolations()) {
                points += switch (violation.getSeverity()) {
                    case GROSS -> 10;
                    case SIGNIFICANT -> 5;
                    case MINOR -> 2;
                    default -> 0;
                };
            }
        }
        return Math.min(points, VIOLATIONS_CAP);
    }

    static int exceedancePoints(FacilityCompliance facility, int planYear, ZoneId zone) {
        LocalDate since = LocalDate.of(planYear - 1, 1, 1);
        long episodes = facility.getEpisodes().stream()
                .map(ExceedanceRef::getStartedAt)
                .filter(start -> !LocalDate.ofInstant(start, zone).isBefore(since))
                .count();
        return (int) Math.min(episodes * EXCEEDANCE_POINTS, EXCEEDANCES_CAP);
    }

    static int unpaidFinePoints(FacilityCompliance facility) {
        long unpaid = facility.getFines().stream().filter(f -> ComplianceRules.outstandingKzt(f) > 0).count();
        return (int) Math.min(unpaid * UNPAID_FINE_POINTS, UNPAID_FINES_CAP);
    }
}

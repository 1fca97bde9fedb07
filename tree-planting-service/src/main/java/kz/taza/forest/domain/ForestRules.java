package kz.taza.forest.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a forestry office may report. A plan has positive trees and hectares for a year of the programme's era; a
 * planting has positive trees and hectares, a plausible density (trees per hectare within {@link DensityBounds}) and a
 * date that is not in the future; a survey is made in the 1st or 3rd year after planting, counts no negative trees, is
 * not dated in the future, and (checked against the planting) never counts more trees alive and dead than were
 * planted. Every rule that fails is reported, so that the office can correct everything in one go.
 */
public final class ForestRules {

    /** Earliest plan year accepted: plans are not back-filled before the programme's first years. */
    public static final int FIRST_PLAN_YEAR = 2000;
    /** Latest plan year accepted: plans may be set ahead, but not for the next century. */
    public static final int LAST_PLAN_YEAR = 2100;

    private final DensityBounds density;

    public ForestRules(DensityBounds density) {
        this.density = Objects.requireNonNull(density, "density");
    }

    public DensityBounds density() {
        return density;
    }

    /** Violations of a yearly plan; empty when it is acceptable. */
    public List<Violation> checkPlan(int year, long plannedTrees, double plannedHectares) {
        List<Violation> violations = new ArrayList<>();
        if (year < FIRST_PLAN_YEAR || year > LAST_PLAN_YEAR) {
            violations.add(new Violation("year", Violation.YEAR_OUT_OF_RANGE,
                    "year must be between " + FIRST_PLAN_YEAR + " and " + LAST_PLAN_YEAR + ", got " + year));
        }
        positive(violations, "plannedTrees", plannedTrees);
        positive(violations, "plannedHectares", plannedHectares);
        return violations;
    }

    /** Violations of a planting; empty when it is acceptable. {@code today} is today in Kazakhstan time. */
    public List<Violation> checkPlanting(long treeCount, double hectares, LocalDate plantedOn, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        boolean countOk = positive(violations, "treeCount", treeCount);
        boolean areaOk = positive(violations, "hectares", hectares);
        if (countOk && areaOk) {
            double perHectare = treeCount / hectares;
            if (!density.contains(perHectare)) {
                violations.add(new Violation("hectares", Violation.IMPLAUSIBLE_DENSITY, String.format(
                        "%d trees on %s ha is %.0f trees per hectare, outside the plausible %.0f to %.0f",
                        treeCount, hectares, perHectare, density.minTreesPerHectare(),
                        density.maxTreesPerHectare())));
            }
        }
        notInFuture(violations, "plantedOn", plantedOn, today);
        return violations;
    }

    /** Violations of a survey on its own, before it is checked against its planting. */
    public List<Violation> checkSurvey(int surveyYear, long alive, long dead, LocalDate surveyedOn, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        if (surveyYear != 1 && surveyYear != 3) {
            violations.add(new Violation("surveyYear", Violation.INVALID_SURVEY_YEAR,
                    "survival is surveyed in the 1st or the 3rd year after planting; surveyYear must be 1 or 3, got "
                            + surveyYear));
        }
        if (alive < 0) {
            violations.add(new Violation("alive", Violation.NEGATIVE, "alive must not be negative, got " + alive));
        }
        if (dead < 0) {
            violations.add(new Violation("dead", Violation.NEGATIVE, "dead must not be negative, got " + dead));
        }
        if (alive >= 0 && dead >= 0 && alive + dead == 0) {
            violations.add(new Violation("alive", Violation.NOT_POSITIVE,
                    "a survey must count at least one tree alive or dead"));
        }
        notInFuture(violations, "surveyedOn", surveyedOn, today);
        return violations;
    }

    /**
     * Violations of a survey against the planting it counts: no more trees than were planted, and not made before the
     * planting.
     */
    public List<Violation> checkSurveyAgainstPlanting(long alive, long dead, LocalDate surveyedOn, long plantedCount,
            LocalDate plantedOn) {
        List<Violation> violations = new ArrayList<>();
        if (alive + dead > plantedCount) {
            violations.add(new Violation("alive", Violation.SURVEY_EXCEEDS_PLANTED, String.format(
                    "alive + dead = %d exceeds the %d trees planted", alive + dead, plantedCount)));
        }
        if (surveyedOn != null && surveyedOn.isBefore(plantedOn)) {
            violations.add(new Violation("surveyedOn", Violation.SURVEY_BEFORE_PLANTING,
                    "surveyedOn " + surveyedOn + " is before the planting of " + plantedOn));
        }
        return violations;
    }

    /** Violations of an id chosen by a forestry office (a plantingId or surveyId): it appears in URLs and keys. */
    public static List<Violation> checkId(String field, String id) {
        if (id == null || id.isBlank()) {
            return List.of(new Violation(field, Violation.REQUIRED, field + " is required"));
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            return List.of(new Violation(field, Violation.INVALID_ID, field
                    + " must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        return List.of();
    }

    private static boolean positive(List<Violation> violations, String field, double value) {
        if (!(value > 0)) {
            violations.add(new Violation(field, Violation.NOT_POSITIVE,
                    field + " must be greater than zero, got " + format(value)));
            return false;
        }
        return true;
    }

    private static void notInFuture(List<Violation> violations, String field, LocalDate date, LocalDate today) {
        if (date == null) {
            violations.add(new Violation(field, Violation.REQUIRED, field + " is required"));
        } else if (date.isAfter(today)) {
            violations.add(new Violation(field, Violation.DATE_IN_FUTURE,
                    field + " " + date + " is in the future (today is " + today + " in Kazakhstan time)"));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
                : Double.toString(value);
    }
}

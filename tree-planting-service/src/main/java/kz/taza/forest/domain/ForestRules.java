package kz.taza.forest.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.Region;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.forest.PlantingPlanSet;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.RecordPlanting;
import kz.taza.events.forest.RecordSurvivalSurvey;
import kz.taza.events.forest.SetPlantingPlan;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.Outcome;
import kz.taza.schemas.Regions;

/**
 * What a forestry office may report, and what becomes of it.
 *
 * <p>On its own ({@link #validate}): a plan has positive trees and hectares for a year of the programme's era; a
 * planting has an id, a known region, an institution, a site and a species, positive trees and hectares within their
 * documented ranges ({@link #MAX_PLANTING_TREES}, {@link #MAX_PLANTING_HECTARES}; plans {@link #MAX_PLANNED_TREES},
 * {@link #MAX_PLANNED_HECTARES}), a plausible density (trees per hectare within {@link DensityBounds}) and a date from
 * {@link #EARLIEST_DATE} that is not in the future; a survey has an id, is
 * made in the 1st or 3rd year after planting, counts no negative trees and at least one, and is not dated in the
 * future. Every rule that fails is reported with its code, so that the office can correct everything in one go.
 *
 * <p>Against the aggregate ({@link #decide}): a planting (aggregate id = plantingId) is recorded once: a repeated
 * plantingId is accepted again without writing anything, so the first report is kept. A survey needs its planting,
 * counts no more trees alive and dead than were planted and is not made before the planting; it is recorded once per
 * surveyId, and a new surveyId for a survey year already surveyed is a recount that replaces it in the KPIs. A plan
 * (aggregate id = {@code plan:<region code>:<year>}) is replaced by a different one and unchanged by the same one.
 * Fires and early fire detection systems are decided by {@link FireRules}, nurseries' planting material by
 * {@link MaterialRules}.
 */
public final class ForestRules implements CommandRules<SpecificRecord, PlantingState> {

    /** Earliest plan year accepted: plans are not back-filled before the programme's first years. */
    public static final int FIRST_PLAN_YEAR = 2000;
    /** Latest plan year accepted: plans may be set ahead, but not for the next century. */
    public static final int LAST_PLAN_YEAR = 2100;
    /**
     * The most trees one planting report may count: a tenth of the programme's two billion, above what a year's
     * planting of a whole region comes to in one report; beyond it one report would move the national total on its
     * own.
     */
    public static final long MAX_PLANTING_TREES = 200_000_000L;
    /** The most hectares one planting report may cover: half the Aral seabed's saxaul area of about two million. */
    public static final double MAX_PLANTING_HECTARES = 1_000_000;
    /** The most trees a region may plan for a year: the whole programme's two billion. */
    public static final long MAX_PLANNED_TREES = 2_000_000_000L;
    /** The most hectares a region may plan for a year (the Aral seabed's saxaul area is about two million). */
    public static final double MAX_PLANNED_HECTARES = 5_000_000;
    /** Earliest planting or survey date accepted: the programme's era, as for plans. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(FIRST_PLAN_YEAR, 1, 1);

    // The codes of the forest's violations; the first one of a rejection types its problem document.
    public static final String NOT_POSITIVE = "NOT_POSITIVE";
    public static final String NEGATIVE = "NEGATIVE";
    public static final String IMPLAUSIBLE_DENSITY = "IMPLAUSIBLE_DENSITY";
    public static final String DATE_IN_FUTURE = "DATE_IN_FUTURE";
    public static final String INVALID_SURVEY_YEAR = "INVALID_SURVEY_YEAR";
    public static final String SURVEY_EXCEEDS_PLANTED = "SURVEY_EXCEEDS_PLANTED";
    public static final String UNKNOWN_PLANTING = "UNKNOWN_PLANTING";
    public static final String REQUIRED = "REQUIRED";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    public static final String DATE_TOO_EARLY = "DATE_TOO_EARLY";
    public static final String UNKNOWN_REGION = "UNKNOWN_REGION";
    public static final String YEAR_OUT_OF_RANGE = "YEAR_OUT_OF_RANGE";
    public static final String SURVEY_BEFORE_PLANTING = "SURVEY_BEFORE_PLANTING";
    public static final String INVALID_ID = "INVALID_ID";

    private final DensityBounds density;

    public ForestRules(DensityBounds density) {
        this.density = Objects.requireNonNull(density, "density");
    }

    public DensityBounds density() {
        return density;
    }

    /** The aggregate a plan belongs to. */
    public static String planAggregateId(String regionCode, int year) {
        return "plan:" + regionCode + ":" + year;
    }

    /** One violation of a forest rule, with its code. */
    public static FieldViolation violation(String field, String code, String message) {
        return new FieldViolation(field, message, code);
    }

    @Override
    public List<FieldViolation> validate(SpecificRecord command, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command instanceof RecordPlanting c) {
            violations.addAll(checkId("plantingId", c.getPlantingId()));
            text(violations, "forestryInstitution", c.getForestryInstitution());
            text(violations, "site", c.getSite());
            text(violations, "species", c.getSpecies());
            violations.addAll(checkPlanting(c.getTreeCount(), c.getHectares(), c.getPlantedOn(), today));
            regionKnown(violations, c.getRegion());
        } else if (command instanceof RecordSurvivalSurvey c) {
            violations.addAll(checkId("surveyId", c.getSurveyId()));
            violations.addAll(checkSurvey(c.getSurveyYear(), c.getAlive(), c.getDead(), c.getSurveyedOn(), today));
        } else if (command instanceof SetPlantingPlan c) {
            violations.addAll(checkPlan(c.getYear(), c.getPlannedTrees(), c.getPlannedHectares()));
            regionKnown(violations, c.getRegion());
        } else if (FireRules.handles(command)) {
            violations.addAll(FireRules.validate(command, today));
        } else if (MaterialRules.handles(command)) {
            violations.addAll(MaterialRules.validate(command, today));
        } else {
            violations.add(violation("command", "UNKNOWN_COMMAND", "forest commands are SetPlantingPlan, "
                    + "RecordPlanting, RecordSurvivalSurvey, ReportFire, ContainFire, ExtinguishFire, "
                    + "InstallDetectionSystem, PreparePlantingMaterial and CorrectPlantingMaterial, not " + command.getSchema().getFullName()));
        }
        return violations;
    }

    @Override
    public Outcome<PlantingState> decide(SpecificRecord command, PlantingState state, CommandContext context) {
        if (command instanceof RecordPlanting planting) {
            return recordPlanting(planting, state, context);
        }
        if (command instanceof RecordSurvivalSurvey survey) {
            return recordSurvey(survey, state, context);
        }
        if (FireRules.handles(command)) {
            return FireRules.decide(command, state, context);
        }
        if (MaterialRules.handles(command)) {
            return MaterialRules.decide(command, state, context);
        }
        return setPlan((SetPlantingPlan) command, state, context);
    }

    /** Violations of a yearly plan; empty when it is acceptable. */
    public List<FieldViolation> checkPlan(int year, long plannedTrees, double plannedHectares) {
        List<FieldViolation> violations = new ArrayList<>();
        if (year < FIRST_PLAN_YEAR || year > LAST_PLAN_YEAR) {
            violations.add(violation("year", YEAR_OUT_OF_RANGE,
                    "year must be between " + FIRST_PLAN_YEAR + " and " + LAST_PLAN_YEAR + ", got " + year));
        }
        if (positive(violations, "plannedTrees", plannedTrees)) {
            atMost(violations, "plannedTrees", plannedTrees, MAX_PLANNED_TREES);
        }
        if (positive(violations, "plannedHectares", plannedHectares)) {
            atMost(violations, "plannedHectares", plannedHectares, MAX_PLANNED_HECTARES);
        }
        return violations;
    }

    /** Violations of a planting; empty when it is acceptable. {@code today} is today in Kazakhstan time. */
    public List<FieldViolation> checkPlanting(long treeCount, double hectares, LocalDate plantedOn, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        boolean countOk = positive(violations, "treeCount", treeCount)
                && atMost(violations, "treeCount", treeCount, MAX_PLANTING_TREES);
        boolean areaOk = positive(violations, "hectares", hectares)
                && atMost(violations, "hectares", hectares, MAX_PLANTING_HECTARES);
        if (countOk && areaOk) {
            double perHectare = treeCount / hectares;
            if (!density.contains(perHectare)) {
                violations.add(violation("hectares", IMPLAUSIBLE_DENSITY, String.format(
                        "%d trees on %s ha is %.0f trees per hectare, outside the plausible %.0f to %.0f",
                        treeCount, hectares, perHectare, density.minTreesPerHectare(),
                        density.maxTreesPerHectare())));
            }
        }
        notInFuture(violations, "plantedOn", plantedOn, today);
        return violations;
    }

    /** Violations of a survey on its own, before it is checked against its planting. */
    public List<FieldViolation> checkSurvey(int surveyYear, long alive, long dead, LocalDate surveyedOn,
            LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        if (surveyYear != 1 && surveyYear != 3) {
            violations.add(violation("surveyYear", INVALID_SURVEY_YEAR,
                    "survival is surveyed in the 1st or the 3rd year after planting; surveyYear must be 1 or 3, got "
                            + surveyYear));
        }
        if (alive < 0) {
            violations.add(violation("alive", NEGATIVE, "alive must not be negative, got " + alive));
        }
        if (dead < 0) {
            violations.add(violation("dead", NEGATIVE, "dead must not be negative, got " + dead));
        }
        if (alive >= 0 && dead >= 0 && alive + dead == 0) {
            violations.add(violation("alive", NOT_POSITIVE, "a survey must count at least one tree alive or dead"));
        }
        notInFuture(violations, "surveyedOn", surveyedOn, today);
        return violations;
    }

    /**
     * Violations of a survey against the planting it counts: no more trees than were planted, and not made before the
     * planting.
     */
    public List<FieldViolation> checkSurveyAgainstPlanting(long alive, long dead, LocalDate surveyedOn,
            long plantedCount, LocalDate plantedOn) {
        List<FieldViolation> violations = new ArrayList<>();
        // alive + dead may overflow a long (each is only checked not to be negative): compared without adding
        if (alive > plantedCount - dead) {
            violations.add(violation("alive", SURVEY_EXCEEDS_PLANTED, String.format(
                    "alive + dead = %s exceeds the %d trees planted",
                    java.math.BigInteger.valueOf(alive).add(java.math.BigInteger.valueOf(dead)), plantedCount)));
        }
        if (surveyedOn != null && surveyedOn.isBefore(plantedOn)) {
            violations.add(violation("surveyedOn", SURVEY_BEFORE_PLANTING,
                    "surveyedOn " + surveyedOn + " is before the planting of " + plantedOn));
        }
        return violations;
    }

    /** Violations of an id chosen by a forestry office (a plantingId or surveyId): it appears in URLs and keys. */
    public static List<FieldViolation> checkId(String field, String id) {
        if (id == null || id.isBlank()) {
            return List.of(violation(field, REQUIRED, field + " is required"));
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            return List.of(violation(field, INVALID_ID, field
                    + " must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        return List.of();
    }

    private Outcome<PlantingState> recordPlanting(RecordPlanting command, PlantingState state,
            CommandContext context) {
        if (state != null && state.getPlanting() != null) {
            // The first report of a planting is kept; a repeat neither replaces it nor counts again.
            return Outcome.Accepted.unchanged(command.getPlantingId());
        }
        TreesPlanted event = TreesPlanted.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getPlantedOn())))
                .setPlantingId(command.getPlantingId())
                .setRegion(command.getRegion())
                .setForestryInstitution(command.getForestryInstitution())
                .setSite(command.getSite())
                .setSpecies(command.getSpecies())
                .setTreeCount(command.getTreeCount())
                .setHectares(command.getHectares())
                .setPlantedOn(command.getPlantedOn())
                .setAralSeabed(command.getAralSeabed())
                .setMethod(command.getMethod())
                .build();
        PlantingState next = PlantingState.newBuilder().setPlanting(event).setSurveys(new ArrayList<>())
                .setPlan(null).build();
        return new Outcome.Accepted<>(next, command.getPlantingId(), List.of(event));
    }

    private Outcome<PlantingState> recordSurvey(RecordSurvivalSurvey command, PlantingState state,
            CommandContext context) {
        TreesPlanted planting = state == null ? null : state.getPlanting();
        if (planting == null) {
            return new Outcome.Rejected<>(RejectionKind.NOT_FOUND, UNKNOWN_PLANTING,
                    "no planting " + command.getPlantingId() + " has been recorded; record the planting first",
                    List.of(violation("plantingId", UNKNOWN_PLANTING, "unknown planting " + command.getPlantingId())));
        }
        boolean repeat = state.getSurveys().stream()
                .anyMatch(s -> s.getSurveyId().equals(command.getSurveyId()));
        if (repeat) {
            // The first survey of this id is kept; a repeat changes nothing.
            return Outcome.Accepted.unchanged(command.getSurveyId());
        }
        List<FieldViolation> violations = checkSurveyAgainstPlanting(command.getAlive(), command.getDead(),
                command.getSurveyedOn(), planting.getTreeCount(), planting.getPlantedOn());
        if (!violations.isEmpty()) {
            return Outcome.Rejected.invalid(violations);
        }
        SurvivalSurveyed event = SurvivalSurveyed.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getSurveyedOn())))
                .setSurveyId(command.getSurveyId())
                .setPlantingId(planting.getPlantingId())
                .setRegion(planting.getRegion())
                .setSurveyYear(command.getSurveyYear())
                .setAlive(command.getAlive())
                .setDead(command.getDead())
                .setSurveyedOn(command.getSurveyedOn())
                .setPlantedOn(planting.getPlantedOn())
                .setPlantedCount(planting.getTreeCount())
                .setSpecies(planting.getSpecies())
                .setAralSeabed(planting.getAralSeabed())
                .build();
        List<SurvivalSurveyed> surveys = new ArrayList<>(state.getSurveys());
        surveys.add(event);
        PlantingState next = PlantingState.newBuilder(state).setSurveys(surveys).build();
        return new Outcome.Accepted<>(next, command.getSurveyId(), List.of(event));
    }

    private Outcome<PlantingState> setPlan(SetPlantingPlan command, PlantingState state, CommandContext context) {
        String resourceId = planAggregateId(Regions.code(command.getRegion()), command.getYear());
        PlantingPlanSet current = state == null ? null : state.getPlan();
        if (current != null && current.getPlannedTrees() == command.getPlannedTrees()
                && current.getPlannedHectares() == command.getPlannedHectares()) {
            // The same plan again: nothing to announce.
            return Outcome.Accepted.unchanged(resourceId);
        }
        PlantingPlanSet event = PlantingPlanSet.newBuilder()
                .setMetadata(context.metadata(0))
                .setRegion(command.getRegion())
                .setYear(command.getYear())
                .setPlannedTrees(command.getPlannedTrees())
                .setPlannedHectares(command.getPlannedHectares())
                .build();
        PlantingState next = PlantingState.newBuilder().setPlanting(null).setSurveys(new ArrayList<>())
                .setPlan(event).build();
        return new Outcome.Accepted<>(next, resourceId, List.of(event));
    }

    /** The region, named by the field of the request bodies that carries it (its code). */
    static void regionKnown(List<FieldViolation> violations, Region region) {
        if (region == null || region == Region.UNKNOWN) {
            violations.add(violation("regionCode", UNKNOWN_REGION, "region is not a region of Kazakhstan"));
        }
    }

    static void text(List<FieldViolation> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(violation(field, REQUIRED, field + " is required"));
        }
    }

    static boolean positive(List<FieldViolation> violations, String field, double value) {
        if (!(value > 0)) {
            violations.add(violation(field, NOT_POSITIVE, field + " must be greater than zero, got " + format(value)));
            return false;
        }
        return true;
    }

    /** Within the documented physical range; a value beyond it is a typing or unit error, not a fact to count. */
    static boolean atMost(List<FieldViolation> violations, String field, double value, double max) {
        if (value > max) {
            violations.add(violation(field, OUT_OF_RANGE, field + " must be at most " + format(max) + ", got "
                    + format(value)));
            return false;
        }
        return true;
    }

    static void notInFuture(List<FieldViolation> violations, String field, LocalDate date, LocalDate today) {
        if (date == null) {
            violations.add(violation(field, REQUIRED, field + " is required"));
        } else if (date.isBefore(EARLIEST_DATE)) {
            violations.add(violation(field, DATE_TOO_EARLY, field + " must be on or after " + EARLIEST_DATE + ", got "
                    + date));
        } else if (date.isAfter(today)) {
            violations.add(violation(field, DATE_IN_FUTURE,
                    field + " " + date + " is in the future (today is " + today + " in Kazakhstan time)"));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value)
                : Double.toString(value);
    }
}

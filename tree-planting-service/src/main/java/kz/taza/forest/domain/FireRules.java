package kz.taza.forest.domain;

import static kz.taza.forest.domain.ForestRules.violation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.forest.ContainFire;
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.ExtinguishFire;
import kz.taza.events.forest.FireContained;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.events.forest.InstallDetectionSystem;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.ReportFire;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.Outcome;

/**
 * Forest fires and early fire detection systems, as the forestry institutions report them; part of the
 * {@link ForestRules} (the same command topic, processor and state store).
 *
 * <p>On its own ({@link #validate}): a fire report has an id, an institution, a known region, a positive area of at
 * most {@link #MAX_FIRE_HECTARES} and a date from {@link ForestRules#EARLIEST_DATE} that is not in the future; a
 * containment has a date; an extinguishment has a final area of zero or more (at most {@link #MAX_FIRE_HECTARES}) and
 * a date; a detection system has an id, an institution, a known region, a positive covered area of at most
 * {@link #MAX_DETECTION_HECTARES} and a date.
 *
 * <p>Against the aggregate ({@link #decide}; a fire's aggregate id is {@code fire:<fireId>}, a system's
 * {@code detection:<systemId>}): a fire and a system are recorded once per id, the first report kept. Containing or
 * extinguishing a fire that was never reported is refused (404 {@link #UNKNOWN_FIRE}, naming {@code fireId}); so is
 * a containment dated before the report, or an extinguishment dated before the report or the containment.
 * <b>Extinguishing before containing is allowed</b>: a small fire is often put out the day it is found, without a
 * separate containment report, and counts as contained when extinguished. The first containment is kept; a
 * containment after the fire was extinguished changes nothing. An extinguishment of a fire already extinguished with
 * the same area and day changes nothing; with another area or day it is a <b>correction</b>: a new FireExtinguished
 * that replaces the previous one in the KPIs (final areas are often re-measured after the season).
 */
public final class FireRules {

    /**
     * The most hectares one fire report may give: a million, above the largest fires on Kazakhstan's forest fund
     * (tens of thousands of hectares; an assumption, no published maximum); beyond it a report is a unit error.
     */
    public static final double MAX_FIRE_HECTARES = 1_000_000;
    /**
     * The most forest-fund hectares one detection system may be reported to cover: five million, near the 5.6 million
     * ha planned nationally by the end of 2025 (an assumption: a system covers part of one region's forest fund).
     */
    public static final double MAX_DETECTION_HECTARES = 5_000_000;

    public static final String UNKNOWN_FIRE = "UNKNOWN_FIRE";
    public static final String CONTAINED_BEFORE_REPORT = "CONTAINED_BEFORE_REPORT";
    public static final String EXTINGUISHED_TOO_EARLY = "EXTINGUISHED_TOO_EARLY";

    private FireRules() {
    }

    /** The aggregate a fire belongs to. */
    public static String fireAggregateId(String fireId) {
        return "fire:" + fireId;
    }

    /** The aggregate a detection system belongs to. */
    public static String detectionAggregateId(String systemId) {
        return "detection:" + systemId;
    }

    /** Whether the rules of this class decide the command. */
    static boolean handles(Object command) {
        return command instanceof ReportFire || command instanceof ContainFire || command instanceof ExtinguishFire
                || command instanceof InstallDetectionSystem;
    }

    static List<FieldViolation> validate(Object command, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command instanceof ReportFire c) {
            violations.addAll(ForestRules.checkId("fireId", c.getFireId()));
            ForestRules.text(violations, "forestryInstitution", c.getForestryInstitution());
            if (ForestRules.positive(violations, "hectares", c.getHectares())) {
                ForestRules.atMost(violations, "hectares", c.getHectares(), MAX_FIRE_HECTARES);
            }
            ForestRules.notInFuture(violations, "reportedOn", c.getReportedOn(), today);
            ForestRules.regionKnown(violations, c.getRegion());
        } else if (command instanceof ContainFire c) {
            violations.addAll(ForestRules.checkId("fireId", c.getFireId()));
            ForestRules.notInFuture(violations, "containedOn", c.getContainedOn(), today);
        } else if (command instanceof ExtinguishFire c) {
            violations.addAll(ForestRules.checkId("fireId", c.getFireId()));
            double burned = c.getHectaresBurned();
            if (!(burned >= 0)) {
                violations.add(violation("hectaresBurned", ForestRules.NEGATIVE,
                        "hectaresBurned must be zero or more, got " + burned));
            } else {
                ForestRules.atMost(violations, "hectaresBurned", burned, MAX_FIRE_HECTARES);
            }
            ForestRules.notInFuture(violations, "extinguishedOn", c.getExtinguishedOn(), today);
        } else if (command instanceof InstallDetectionSystem c) {
            violations.addAll(ForestRules.checkId("systemId", c.getSystemId()));
            ForestRules.text(violations, "forestryInstitution", c.getForestryInstitution());
            if (ForestRules.positive(violations, "coveredHectares", c.getCoveredHectares())) {
                ForestRules.atMost(violations, "coveredHectares", c.getCoveredHectares(), MAX_DETECTION_HECTARES);
            }
            ForestRules.notInFuture(violations, "installedOn", c.getInstalledOn(), today);
            ForestRules.regionKnown(violations, c.getRegion());
        }
        return violations;
    }

    static Outcome<PlantingState> decide(Object command, PlantingState state, CommandContext context) {
        if (command instanceof ReportFire c) {
            return report(c, state, context);
        }
        if (command instanceof ContainFire c) {
            return contain(c, state, context);
        }
        if (command instanceof ExtinguishFire c) {
            return extinguish(c, state, context);
        }
        return install((InstallDetectionSystem) command, state, context);
    }

    private static Outcome<PlantingState> report(ReportFire command, PlantingState state, CommandContext context) {
        if (state != null && state.getFireReported() != null) {
            // The first report of a fire is kept; a repeat neither replaces it nor counts again.
            return Outcome.Accepted.unchanged(command.getFireId());
        }
        FireReported event = FireReported.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getReportedOn())))
                .setFireId(command.getFireId())
                .setRegion(command.getRegion())
                .setForestryInstitution(command.getForestryInstitution())
                .setHectares(command.getHectares())
                .setCause(command.getCause())
                .setReportedOn(command.getReportedOn())
                .build();
        PlantingState next = PlantingState.newBuilder().setPlanting(null).setSurveys(new ArrayList<>())
                .setPlan(null).setFireReported(event).build();
        return new Outcome.Accepted<>(next, command.getFireId(), List.of(event));
    }

    private static Outcome<PlantingState> contain(ContainFire command, PlantingState state, CommandContext context) {
        FireReported fire = state == null ? null : state.getFireReported();
        if (fire == null) {
            return unknownFire(command.getFireId());
        }
        if (state.getFireContained() != null || state.getFireExtinguished() != null) {
            // Contained already (or put out): the first containment stands.
            return Outcome.Accepted.unchanged(command.getFireId());
        }
        if (command.getContainedOn().isBefore(fire.getReportedOn())) {
            return Outcome.Rejected.invalid(List.of(violation("containedOn", CONTAINED_BEFORE_REPORT,
                    "containedOn " + command.getContainedOn() + " is before the fire was reported on "
                            + fire.getReportedOn())));
        }
        FireContained event = FireContained.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getContainedOn())))
                .setFireId(fire.getFireId())
                .setRegion(fire.getRegion())
                .setForestryInstitution(fire.getForestryInstitution())
                .setReportedOn(fire.getReportedOn())
                .setContainedOn(command.getContainedOn())
                .build();
        PlantingState next = PlantingState.newBuilder(state).setFireContained(event).build();
        return new Outcome.Accepted<>(next, command.getFireId(), List.of(event));
    }

    private static Outcome<PlantingState> extinguish(ExtinguishFire command, PlantingState state,
            CommandContext context) {
        FireReported fire = state == null ? null : state.getFireReported();
        if (fire == null) {
            return unknownFire(command.getFireId());
        }
        FireExtinguished previous = state.getFireExtinguished();
        if (previous != null && previous.getHectaresBurned() == command.getHectaresBurned()
                && previous.getExtinguishedOn().equals(command.getExtinguishedOn())) {
            return Outcome.Accepted.unchanged(command.getFireId());
        }
        LocalDate earliest = state.getFireContained() == null ? fire.getReportedOn()
                : state.getFireContained().getContainedOn();
        if (command.getExtinguishedOn().isBefore(earliest)) {
            return Outcome.Rejected.invalid(List.of(violation("extinguishedOn", EXTINGUISHED_TOO_EARLY,
                    "extinguishedOn " + command.getExtinguishedOn() + " is before the fire was "
                            + (state.getFireContained() == null ? "reported" : "contained") + " on " + earliest)));
        }
        FireExtinguished event = FireExtinguished.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getExtinguishedOn())))
                .setFireId(fire.getFireId())
                .setRegion(fire.getRegion())
                .setForestryInstitution(fire.getForestryInstitution())
                .setCause(fire.getCause())
                .setReportedOn(fire.getReportedOn())
                .setHectaresAtReport(fire.getHectares())
                .setExtinguishedOn(command.getExtinguishedOn())
                .setHectaresBurned(command.getHectaresBurned())
                .build();
        PlantingState next = PlantingState.newBuilder(state).setFireExtinguished(event).build();
        return new Outcome.Accepted<>(next, command.getFireId(), List.of(event));
    }

    private static Outcome<PlantingState> install(InstallDetectionSystem command, PlantingState state,
            CommandContext context) {
        if (state != null && state.getDetectionSystem() != null) {
            return Outcome.Accepted.unchanged(command.getSystemId());
        }
        DetectionSystemInstalled event = DetectionSystemInstalled.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getInstalledOn())))
                .setSystemId(command.getSystemId())
                .setRegion(command.getRegion())
                .setForestryInstitution(command.getForestryInstitution())
                .setCoveredHectares(command.getCoveredHectares())
                .setInstalledOn(command.getInstalledOn())
                .build();
        PlantingState next = PlantingState.newBuilder().setPlanting(null).setSurveys(new ArrayList<>())
                .setPlan(null).setDetectionSystem(event).build();
        return new Outcome.Accepted<>(next, command.getSystemId(), List.of(event));
    }

    private static Outcome<PlantingState> unknownFire(String fireId) {
        return new Outcome.Rejected<>(RejectionKind.NOT_FOUND, UNKNOWN_FIRE,
                "no fire " + fireId + " has been reported; report the fire first",
                List.of(violation("fireId", UNKNOWN_FIRE, "unknown fire " + fireId)));
    }
}

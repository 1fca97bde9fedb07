package kz.taza.forest.command;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.EventMetadata;
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
import kz.taza.forest.ForestTopics;
import kz.taza.forest.domain.ForestRules;
import kz.taza.forest.domain.Violation;
import kz.taza.platform.command.CommandHandler;
import kz.taza.platform.command.CommandMeta;
import kz.taza.platform.command.Decision;
import kz.taza.platform.command.Output;
import kz.taza.schemas.Regions;

/**
 * The single writer of forest aggregates. A planting (aggregate id = plantingId) is recorded once: a repeated
 * plantingId is accepted again without writing anything, so the first report is kept. A survey is checked against its
 * planting (which must exist, and must have had at least alive + dead trees planted) and recorded once per surveyId;
 * a new surveyId for a survey year already surveyed is a recount and replaces it in the KPIs. A plan (aggregate id =
 * {@code plan:<region code>:<year>}) is replaced by a different one and unchanged by the same one. Every rule of
 * {@link ForestRules} is checked again here against the processor's clock, whatever the REST layer checked before.
 */
public final class ForestCommandHandler implements CommandHandler<SpecificRecord, PlantingState> {

    static final String PRODUCER = "tree-planting-service";

    private final ForestRules rules;
    private final ZoneId zone;

    public ForestCommandHandler(ForestRules rules, ZoneId zone) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The aggregate a plan belongs to. */
    public static String planAggregateId(String regionCode, int year) {
        return "plan:" + regionCode + ":" + year;
    }

    @Override
    public Decision<PlantingState> decide(SpecificRecord command, PlantingState state, CommandMeta meta) {
        if (command instanceof RecordPlanting planting) {
            return recordPlanting(planting, state, meta);
        }
        if (command instanceof RecordSurvivalSurvey survey) {
            return recordSurvey(survey, state, meta);
        }
        if (command instanceof SetPlantingPlan plan) {
            return setPlan(plan, state, meta);
        }
        return Decision.reject(RejectionKind.INVALID, "UNKNOWN_COMMAND",
                "forest commands are SetPlantingPlan, RecordPlanting and RecordSurvivalSurvey, not "
                        + command.getSchema().getFullName());
    }

    private Decision<PlantingState> recordPlanting(RecordPlanting command, PlantingState state, CommandMeta meta) {
        if (state != null && state.getPlanting() != null) {
            // The first report of a planting is kept; a repeat neither replaces it nor counts again.
            return Decision.accept(null, command.getPlantingId(), List.of());
        }
        List<Violation> violations = new ArrayList<>(ForestRules.checkId("plantingId", command.getPlantingId()));
        violations.addAll(rules.checkPlanting(command.getTreeCount(), command.getHectares(), command.getPlantedOn(),
                today(meta)));
        regionKnown(command.getRegion(), violations);
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        TreesPlanted event = TreesPlanted.newBuilder()
                .setMetadata(metadata(meta, 0, startOf(command.getPlantedOn())))
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
        return Decision.accept(next, command.getPlantingId(),
                List.of(Output.of(ForestTopics.FOREST_EVENTS, Regions.code(event.getRegion()), event)));
    }

    private Decision<PlantingState> recordSurvey(RecordSurvivalSurvey command, PlantingState state,
            CommandMeta meta) {
        TreesPlanted planting = state == null ? null : state.getPlanting();
        if (planting == null) {
            return Decision.reject(RejectionKind.NOT_FOUND, Violation.UNKNOWN_PLANTING,
                    "no planting " + command.getPlantingId() + " has been recorded; record the planting first",
                    List.of(new FieldViolation("plantingId", "unknown planting " + command.getPlantingId())));
        }
        boolean repeat = state.getSurveys().stream()
                .anyMatch(s -> s.getSurveyId().equals(command.getSurveyId()));
        if (repeat) {
            // The first survey of this id is kept; a repeat changes nothing.
            return Decision.accept(null, command.getSurveyId(), List.of());
        }
        List<Violation> violations = new ArrayList<>(rules.checkSurvey(command.getSurveyYear(), command.getAlive(),
                command.getDead(), command.getSurveyedOn(), today(meta)));
        violations.addAll(rules.checkSurveyAgainstPlanting(command.getAlive(), command.getDead(),
                command.getSurveyedOn(), planting.getTreeCount(), planting.getPlantedOn()));
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        SurvivalSurveyed event = SurvivalSurveyed.newBuilder()
                .setMetadata(metadata(meta, 0, startOf(command.getSurveyedOn())))
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
        return Decision.accept(next, command.getSurveyId(),
                List.of(Output.of(ForestTopics.FOREST_EVENTS, Regions.code(planting.getRegion()), event)));
    }

    private Decision<PlantingState> setPlan(SetPlantingPlan command, PlantingState state, CommandMeta meta) {
        List<Violation> violations = new ArrayList<>(rules.checkPlan(command.getYear(), command.getPlannedTrees(),
                command.getPlannedHectares()));
        regionKnown(command.getRegion(), violations);
        if (!violations.isEmpty()) {
            return invalid(violations);
        }
        String resourceId = planAggregateId(Regions.code(command.getRegion()), command.getYear());
        PlantingPlanSet current = state == null ? null : state.getPlan();
        if (current != null && current.getPlannedTrees() == command.getPlannedTrees()
                && current.getPlannedHectares() == command.getPlannedHectares()) {
            // The same plan again: nothing to announce.
            return Decision.accept(null, resourceId, List.of());
        }
        PlantingPlanSet event = PlantingPlanSet.newBuilder()
                .setMetadata(metadata(meta, 0, meta.now()))
                .setRegion(command.getRegion())
                .setYear(command.getYear())
                .setPlannedTrees(command.getPlannedTrees())
                .setPlannedHectares(command.getPlannedHectares())
                .build();
        PlantingState next = PlantingState.newBuilder().setPlanting(null).setSurveys(new ArrayList<>())
                .setPlan(event).build();
        return Decision.accept(next, resourceId,
                List.of(Output.of(ForestTopics.FOREST_EVENTS, Regions.code(event.getRegion()), event)));
    }

    private static void regionKnown(Region region, List<Violation> violations) {
        if (region == null || region == Region.UNKNOWN) {
            violations.add(new Violation("region", Violation.UNKNOWN_REGION, "region is not a region of Kazakhstan"));
        }
    }

    private static Decision<PlantingState> invalid(List<Violation> violations) {
        String reason = violations.stream().map(Violation::message).collect(Collectors.joining("; "));
        return Decision.reject(RejectionKind.INVALID, violations.get(0).code(), reason,
                violations.stream().map(v -> new FieldViolation(v.field(), v.message())).toList());
    }

    private LocalDate today(CommandMeta meta) {
        return meta.now().atZone(zone).toLocalDate();
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Event ids derive from the command id, so a re-processed command (after a crash) writes the same ids. */
    private static EventMetadata metadata(CommandMeta meta, int index, Instant occurredAt) {
        String eventId = UUID.nameUUIDFromBytes((meta.commandId() + "#" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
        return EventMetadata.newBuilder().setEventId(eventId).setOccurredAt(occurredAt)
                .setCorrelationId(meta.commandId()).setCausationId(meta.commandId()).setProducer(PRODUCER).build();
    }
}

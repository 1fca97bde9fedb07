package kz.taza.forest.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.Region;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.forest.PlantingMethod;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.RecordPlanting;
import kz.taza.events.forest.RecordSurvivalSurvey;
import kz.taza.events.forest.SetPlantingPlan;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.forest.domain.DensityBounds;
import kz.taza.forest.domain.ForestRules;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;
import kz.taza.platform.events.EventMetadataFactory;

/**
 * The single writer's decisions, as the command processor makes them (validate, decide, route): plantings once,
 * surveys against their planting, plans replaced.
 */
class ForestCommandsTest {

    // 23:30 UTC on 31 May is already 1 June in Kazakhstan.
    private static final Instant NOW = Instant.parse("2025-05-31T23:30:00Z");
    private final ForestRules rules = new ForestRules(DensityBounds.DEFAULT);
    private final ForestRouting routing = new ForestRouting();
    private final Handler handler = new Handler();

    /** What the processor does with a command: the rules' outcome, and where an acceptance's records go. */
    private final class Handler {
        Decided decide(SpecificRecord command, PlantingState state, CommandContext context) {
            Outcome<PlantingState> outcome = CommandRules.apply(rules, command, state, context);
            List<Output> outputs = outcome instanceof Outcome.Accepted<PlantingState> a && !a.unchanged()
                    ? routing.route(context.aggregateId(), state, a) : List.of();
            return new Decided(outcome, outputs);
        }
    }

    private record Decided(Outcome<PlantingState> outcome, List<Output> outputs) {
        boolean accepted() {
            return outcome instanceof Outcome.Accepted;
        }

        String resourceId() {
            return ((Outcome.Accepted<PlantingState>) outcome).resourceId();
        }

        PlantingState newState() {
            return ((Outcome.Accepted<PlantingState>) outcome).state();
        }

        RejectionKind rejection() {
            return ((Outcome.Rejected<PlantingState>) outcome).kind();
        }

        String reasonCode() {
            return ((Outcome.Rejected<PlantingState>) outcome).code();
        }

        List<FieldViolation> violations() {
            return ((Outcome.Rejected<PlantingState>) outcome).violations();
        }
    }

    @Test
    void recordsAPlantingAsAnEventKeyedByRegion() {
        Decided decision = handler.decide(planting("p1", 5_000, LocalDate.of(2025, 6, 1)), null,
                meta("c1", "p1"));

        assertThat(decision.accepted()).isTrue();
        assertThat(decision.resourceId()).isEqualTo("p1");
        assertThat(decision.outputs()).singleElement().satisfies(out -> {
            assertThat(out.key()).isEqualTo("43");
            TreesPlanted event = (TreesPlanted) out.value();
            assertThat(event.getTreeCount()).isEqualTo(5_000);
            assertThat(event.getMetadata().getOccurredAt()).isEqualTo(Instant.parse("2025-05-31T19:00:00Z"));
            assertThat(event.getMetadata().getCausationId()).isEqualTo("c1");
        });
        assertThat(decision.newState().getPlanting().getPlantingId()).isEqualTo("p1");
    }

    @Test
    void keepsTheFirstReportOfARepeatedPlanting() {
        PlantingState state = handler.decide(planting("p1", 5_000, LocalDate.of(2025, 5, 1)), null, meta("c1", "p1"))
                .newState();

        Decided repeat = handler.decide(planting("p1", 9_000, LocalDate.of(2025, 5, 1)), state,
                meta("c2", "p1"));

        assertThat(repeat.accepted()).isTrue();
        assertThat(repeat.outputs()).isEmpty();
        assertThat(repeat.newState()).isNull();
    }

    @Test
    void refusesAPlantingDatedTomorrowInKazakhstanTime() {
        Decided decision = handler.decide(planting("p1", 5_000, LocalDate.of(2025, 6, 2)), null,
                meta("c1", "p1"));

        assertThat(decision.accepted()).isFalse();
        assertThat(decision.rejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(decision.reasonCode()).isEqualTo("DATE_IN_FUTURE");
    }

    @Test
    void refusesASurveyOfAnUnknownPlantingAsNotFound() {
        Decided decision = handler.decide(survey("s1", "ghost", 1, 10, 1), null, meta("c1", "ghost"));

        assertThat(decision.rejection()).isEqualTo(RejectionKind.NOT_FOUND);
        assertThat(decision.reasonCode()).isEqualTo("UNKNOWN_PLANTING");
    }

    @Test
    void checksASurveyAgainstThePlantedCountAndRecordsItOnce() {
        PlantingState planted = handler.decide(planting("p1", 1_000, LocalDate.of(2024, 5, 1)), null,
                meta("c1", "p1")).newState();

        Decided tooMany = handler.decide(survey("s1", "p1", 1, 900, 101), planted, meta("c2", "p1"));
        assertThat(tooMany.reasonCode()).isEqualTo("SURVEY_EXCEEDS_PLANTED");
        assertThat(tooMany.violations()).extracting(v -> v.getField()).containsExactly("alive");

        Decided counted = handler.decide(survey("s1", "p1", 1, 700, 300), planted, meta("c3", "p1"));
        assertThat(counted.accepted()).isTrue();
        SurvivalSurveyed event = (SurvivalSurveyed) counted.outputs().get(0).value();
        assertThat(event.getRegion()).isEqualTo(Region.KYZYLORDA);
        assertThat(event.getPlantedOn()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(counted.newState().getSurveys()).hasSize(1);

        Decided repeat = handler.decide(survey("s1", "p1", 1, 100, 0), counted.newState(),
                meta("c4", "p1"));
        assertThat(repeat.accepted()).isTrue();
        assertThat(repeat.outputs()).isEmpty();
    }

    @Test
    void replacesAPlanOnlyWhenItChanges() {
        SetPlantingPlan plan = SetPlantingPlan.newBuilder().setRegion(Region.ZHAMBYL).setYear(2025)
                .setPlannedTrees(1_000_000).setPlannedHectares(400).build();
        Decided first = handler.decide(plan, null, meta("c1", "plan:31:2025"));
        assertThat(first.outputs()).hasSize(1);
        assertThat(first.resourceId()).isEqualTo("plan:31:2025");

        assertThat(handler.decide(plan, first.newState(), meta("c2", "plan:31:2025")).outputs()).isEmpty();
        SetPlantingPlan cut = SetPlantingPlan.newBuilder(plan).setPlannedTrees(900_000).build();
        assertThat(handler.decide(cut, first.newState(), meta("c3", "plan:31:2025")).outputs()).hasSize(1);
    }

    private static CommandContext meta(String commandId, String aggregateId) {
        return CommandContext.of(commandId, aggregateId, NOW, ZoneOffset.ofHours(5),
                new EventMetadataFactory("tree-planting-service"));
    }

    private static RecordPlanting planting(String id, long trees, LocalDate day) {
        return RecordPlanting.newBuilder().setPlantingId(id).setRegion(Region.KYZYLORDA)
                .setForestryInstitution("Kazaly").setSite("Block 1").setSpecies("saxaul").setTreeCount(trees)
                .setHectares(1.0).setPlantedOn(day).setAralSeabed(true).setMethod(PlantingMethod.SEEDING).build();
    }

    private static RecordSurvivalSurvey survey(String id, String plantingId, int year, long alive, long dead) {
        return RecordSurvivalSurvey.newBuilder().setSurveyId(id).setPlantingId(plantingId).setSurveyYear(year)
                .setAlive(alive).setDead(dead).setSurveyedOn(LocalDate.of(2025, 5, 20)).build();
    }
}

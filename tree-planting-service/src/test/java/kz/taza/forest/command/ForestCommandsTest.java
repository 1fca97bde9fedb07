package kz.taza.forest.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

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
import kz.taza.platform.command.CommandMeta;
import kz.taza.platform.command.Decision;

/** The single writer's decisions: plantings once, surveys against their planting, plans replaced. */
class ForestCommandHandlerTest {

    // 23:30 UTC on 31 May is already 1 June in Kazakhstan.
    private static final Instant NOW = Instant.parse("2025-05-31T23:30:00Z");
    private final ForestCommandHandler handler = new ForestCommandHandler(new ForestRules(DensityBounds.DEFAULT),
            ZoneOffset.ofHours(5));

    @Test
    void recordsAPlantingAsAnEventKeyedByRegion() {
        Decision<PlantingState> decision = handler.decide(planting("p1", 5_000, LocalDate.of(2025, 6, 1)), null,
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

        Decision<PlantingState> repeat = handler.decide(planting("p1", 9_000, LocalDate.of(2025, 5, 1)), state,
                meta("c2", "p1"));

        assertThat(repeat.accepted()).isTrue();
        assertThat(repeat.outputs()).isEmpty();
        assertThat(repeat.newState()).isNull();
    }

    @Test
    void refusesAPlantingDatedTomorrowInKazakhstanTime() {
        Decision<PlantingState> decision = handler.decide(planting("p1", 5_000, LocalDate.of(2025, 6, 2)), null,
                meta("c1", "p1"));

        assertThat(decision.accepted()).isFalse();
        assertThat(decision.rejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(decision.reasonCode()).isEqualTo("DATE_IN_FUTURE");
    }

    @Test
    void refusesASurveyOfAnUnknownPlantingAsNotFound() {
        Decision<PlantingState> decision = handler.decide(survey("s1", "ghost", 1, 10, 1), null, meta("c1", "ghost"));

        assertThat(decision.rejection()).isEqualTo(RejectionKind.NOT_FOUND);
        assertThat(decision.reasonCode()).isEqualTo("UNKNOWN_PLANTING");
    }

    @Test
    void checksASurveyAgainstThePlantedCountAndRecordsItOnce() {
        PlantingState planted = handler.decide(planting("p1", 1_000, LocalDate.of(2024, 5, 1)), null,
                meta("c1", "p1")).newState();

        Decision<PlantingState> tooMany = handler.decide(survey("s1", "p1", 1, 900, 101), planted, meta("c2", "p1"));
        assertThat(tooMany.reasonCode()).isEqualTo("SURVEY_EXCEEDS_PLANTED");
        assertThat(tooMany.violations()).extracting(v -> v.getField()).containsExactly("alive");

        Decision<PlantingState> counted = handler.decide(survey("s1", "p1", 1, 700, 300), planted, meta("c3", "p1"));
        assertThat(counted.accepted()).isTrue();
        SurvivalSurveyed event = (SurvivalSurveyed) counted.outputs().get(0).value();
        assertThat(event.getRegion()).isEqualTo(Region.KYZYLORDA);
        assertThat(event.getPlantedOn()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(counted.newState().getSurveys()).hasSize(1);

        Decision<PlantingState> repeat = handler.decide(survey("s1", "p1", 1, 100, 0), counted.newState(),
                meta("c4", "p1"));
        assertThat(repeat.accepted()).isTrue();
        assertThat(repeat.outputs()).isEmpty();
    }

    @Test
    void replacesAPlanOnlyWhenItChanges() {
        SetPlantingPlan plan = SetPlantingPlan.newBuilder().setRegion(Region.ZHAMBYL).setYear(2025)
                .setPlannedTrees(1_000_000).setPlannedHectares(400).build();
        Decision<PlantingState> first = handler.decide(plan, null, meta("c1", "plan:31:2025"));
        assertThat(first.outputs()).hasSize(1);
        assertThat(first.resourceId()).isEqualTo("plan:31:2025");

        assertThat(handler.decide(plan, first.newState(), meta("c2", "plan:31:2025")).outputs()).isEmpty();
        SetPlantingPlan cut = SetPlantingPlan.newBuilder(plan).setPlannedTrees(900_000).build();
        assertThat(handler.decide(cut, first.newState(), meta("c3", "plan:31:2025")).outputs()).hasSize(1);
    }

    private static CommandMeta meta(String commandId, String aggregateId) {
        return new CommandMeta(commandId, aggregateId, NOW, NOW);
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

package kz.taza.forest.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.Region;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.forest.CorrectPlantingMaterial;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialCorrectionReason;
import kz.taza.events.forest.PlantingMaterialKind;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingMaterialUnit;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.PreparePlantingMaterial;
import kz.taza.forest.domain.DensityBounds;
import kz.taza.forest.domain.ForestRules;
import kz.taza.forest.domain.MaterialRules;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;
import kz.taza.platform.events.EventMetadataFactory;

/**
 * A lot of planting material as the single writer decides it (validate, decide, route): recorded once with the unit
 * its kind has, corrected only when recorded and not before it was prepared, a repeated correction changing nothing.
 */
class MaterialCommandsTest {

    private static final Instant NOW = Instant.parse("2025-12-31T23:30:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
    private final ForestRules rules = new ForestRules(DensityBounds.DEFAULT);
    private final ForestRouting routing = new ForestRouting();

    private record Decided(Outcome<PlantingState> outcome, List<Output> outputs) {
        PlantingState state() {
            return ((Outcome.Accepted<PlantingState>) outcome).state();
        }

        Outcome.Rejected<PlantingState> rejected() {
            return (Outcome.Rejected<PlantingState>) outcome;
        }
    }

    private Decided decide(SpecificRecord command, PlantingState state) {
        String aggregateId = MaterialRules.lotAggregateId(command instanceof PreparePlantingMaterial p ? p.getLotId()
                : ((CorrectPlantingMaterial) command).getLotId());
        CommandContext context = CommandContext.of("c-" + System.nanoTime(), aggregateId, NOW, ZoneOffset.ofHours(5),
                new EventMetadataFactory("tree-planting-service"));
        Outcome<PlantingState> outcome = CommandRules.apply(rules, command, state, context);
        List<Output> outputs = outcome instanceof Outcome.Accepted<PlantingState> a && !a.unchanged()
                ? routing.route(aggregateId, state, a) : List.of();
        return new Decided(outcome, outputs);
    }

    @Test
    void aLotIsRecordedOnceWithItsKindsUnitAndCorrectedByReplacingItsQuantity() {
        Decided prepared = decide(lot("kz-1", PlantingMaterialKind.SEEDLING, 300_000), null);
        assertThat(prepared.outputs()).singleElement().satisfies(out -> {
            assertThat(out.key()).isEqualTo("43");
            PlantingMaterialPrepared event = (PlantingMaterialPrepared) out.value();
            assertThat(event.getUnit()).isEqualTo(PlantingMaterialUnit.PIECES);
            assertThat(event.getPlantingYear()).isEqualTo(2026);
            assertThat(event.getMetadata().getOccurredAt()).isEqualTo(Instant.parse("2025-10-19T19:00:00Z"));
        });
        // a repeat keeps the first record, even with another quantity
        assertThat(decide(lot("kz-1", PlantingMaterialKind.SEEDLING, 999), prepared.state()).outputs()).isEmpty();

        Decided lost = decide(new CorrectPlantingMaterial("kz-1", 260_000.0, PlantingMaterialCorrectionReason.LOSS,
                LocalDate.of(2025, 12, 1)), prepared.state());
        PlantingMaterialCorrected event = (PlantingMaterialCorrected) lost.outputs().get(0).value();
        assertThat(lost.outputs().get(0).key()).isEqualTo("43");
        assertThat(event.getPreparedQuantity()).isEqualTo(300_000);
        assertThat(event.getPreviousQuantity()).isEqualTo(300_000);
        assertThat(event.getQuantity()).isEqualTo(260_000);
        assertThat(event.getPlantingYear()).isEqualTo(2026);
        assertThat(event.getUnit()).isEqualTo(PlantingMaterialUnit.PIECES);
        assertThat(MaterialRules.currentQuantity(lost.state())).isEqualTo(260_000);
        // the same correction again changes nothing; a recount is another correction, from the latest quantity
        assertThat(decide(new CorrectPlantingMaterial("kz-1", 260_000.0, PlantingMaterialCorrectionReason.LOSS,
                LocalDate.of(2025, 12, 1)), lost.state()).outputs()).isEmpty();
        Decided recount = decide(new CorrectPlantingMaterial("kz-1", 270_000.0,
                PlantingMaterialCorrectionReason.RECOUNT, LocalDate.of(2025, 12, 20)), lost.state());
        assertThat(((PlantingMaterialCorrected) recount.outputs().get(0).value()).getPreviousQuantity())
                .isEqualTo(260_000);
        assertThat(recount.state().getMaterialLot().getQuantity()).isEqualTo(300_000);

        // seed is weighed in kilograms, and may be corrected to a fraction of one
        Decided seed = decide(lot("kz-s", PlantingMaterialKind.SEED, 1_250.5), null);
        assertThat(((PlantingMaterialPrepared) seed.outputs().get(0).value()).getUnit())
                .isEqualTo(PlantingMaterialUnit.KILOGRAMS);
        assertThat(decide(new CorrectPlantingMaterial("kz-s", 1_100.25, PlantingMaterialCorrectionReason.CULLING,
                LocalDate.of(2025, 11, 1)), seed.state()).outputs()).hasSize(1);
    }

    @Test
    void correctingAnUnknownLotIsRefusedNamingTheLotId() {
        Decided refused = decide(new CorrectPlantingMaterial("ghost", 10.0, PlantingMaterialCorrectionReason.RECOUNT,
                LocalDate.of(2025, 11, 1)), null);
        assertThat(refused.rejected().kind()).isEqualTo(RejectionKind.NOT_FOUND);
        assertThat(refused.rejected().code()).isEqualTo(MaterialRules.UNKNOWN_LOT);
        assertThat(refused.rejected().violations()).extracting(FieldViolation::getField).containsExactly("lotId");
        assertThat(refused.outputs()).isEmpty();
    }

    @Test
    void aCorrectionBeforeTheLotWasPreparedOrWithAFractionOfAPieceIsRefused() {
        Decided prepared = decide(lot("kz-2", PlantingMaterialKind.SAPLING, 5_000), null);
        assertThat(decide(new CorrectPlantingMaterial("kz-2", 4_000.0, PlantingMaterialCorrectionReason.LOSS,
                LocalDate.of(2025, 10, 19)), prepared.state()).rejected().violations())
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(tuple("correctedOn", MaterialRules.CORRECTED_BEFORE_PREPARED));
        assertThat(decide(new CorrectPlantingMaterial("kz-2", 4_000.5, PlantingMaterialCorrectionReason.LOSS,
                LocalDate.of(2025, 11, 19)), prepared.state()).rejected().violations())
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(tuple("quantity", MaterialRules.NOT_WHOLE));
        // and the whole lot lost is a correction to zero
        assertThat(decide(new CorrectPlantingMaterial("kz-2", 0.0, PlantingMaterialCorrectionReason.LOSS,
                LocalDate.of(2025, 11, 19)), prepared.state()).outputs()).hasSize(1);
    }

    @Test
    void invalidLotsAndCorrectionsNameTheirFields() {
        assertThat(rules.validate(new PreparePlantingMaterial("bad id", Region.UNKNOWN, " ", "", 2026, null,
                PlantingMaterialKind.UNKNOWN, 10.0, LocalDate.of(2026, 1, 2)), TODAY))
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(
                        tuple("lotId", ForestRules.INVALID_ID),
                        tuple("forestryInstitution", ForestRules.REQUIRED),
                        tuple("nursery", ForestRules.REQUIRED),
                        tuple("species", ForestRules.REQUIRED),
                        tuple("kind", MaterialRules.UNKNOWN_KIND),
                        tuple("preparedOn", ForestRules.DATE_IN_FUTURE),
                        tuple("regionCode", ForestRules.UNKNOWN_REGION));
        assertThat(rules.validate(lot("a", PlantingMaterialKind.SEEDLING, 0), TODAY))
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(tuple("quantity", ForestRules.NOT_POSITIVE));
        assertThat(rules.validate(lot("a", PlantingMaterialKind.SEEDLING, 10.5), TODAY))
                .extracting(FieldViolation::getCode).containsExactly(MaterialRules.NOT_WHOLE);
        assertThat(rules.validate(lot("a", PlantingMaterialKind.SEEDLING, MaterialRules.MAX_LOT_PIECES + 1), TODAY))
                .extracting(FieldViolation::getCode).containsExactly(ForestRules.OUT_OF_RANGE);
        assertThat(rules.validate(lot("a", PlantingMaterialKind.SEED, MaterialRules.MAX_LOT_KILOGRAMS + 1), TODAY))
                .extracting(FieldViolation::getCode).containsExactly(ForestRules.OUT_OF_RANGE);
        assertThat(rules.validate(lot("a", PlantingMaterialKind.SEED, Double.NaN), TODAY))
                .extracting(FieldViolation::getField).containsExactly("quantity");
        // a planting year before the preparation's, or more than five years after it
        for (int year : new int[] {2024, 2031}) {
            assertThat(rules.validate(new PreparePlantingMaterial("a", Region.KYZYLORDA, "Kazaly", "Kazaly nursery",
                    year, "saxaul", PlantingMaterialKind.SEEDLING, 10.0, LocalDate.of(2025, 10, 20)), TODAY))
                    .extracting(FieldViolation::getField, FieldViolation::getCode)
                    .containsExactly(tuple("plantingYear", ForestRules.YEAR_OUT_OF_RANGE));
        }
        assertThat(rules.validate(new CorrectPlantingMaterial("a", -1.0, PlantingMaterialCorrectionReason.LOSS,
                null), TODAY)).extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(tuple("quantity", ForestRules.NEGATIVE), tuple("correctedOn", ForestRules.REQUIRED));
    }

    private static PreparePlantingMaterial lot(String id, PlantingMaterialKind kind, double quantity) {
        return new PreparePlantingMaterial(id, Region.KYZYLORDA, "Kazaly forestry institution", "Kazaly nursery", 2026,
                "saxaul", kind, quantity, LocalDate.of(2025, 10, 20));
    }
}

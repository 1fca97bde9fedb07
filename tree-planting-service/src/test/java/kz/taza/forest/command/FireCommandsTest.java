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
import kz.taza.events.forest.ContainFire;
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.ExtinguishFire;
import kz.taza.events.forest.FireCause;
import kz.taza.events.forest.FireContained;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.events.forest.InstallDetectionSystem;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.ReportFire;
import kz.taza.forest.domain.DensityBounds;
import kz.taza.forest.domain.FireRules;
import kz.taza.forest.domain.ForestRules;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;
import kz.taza.platform.events.EventMetadataFactory;

/**
 * A fire's life as the single writer decides it (validate, decide, route): reported once, contained and extinguished
 * only when reported, extinguished without containment allowed, a changed final area a correction; detection systems
 * recorded once.
 */
class FireCommandsTest {

    private static final Instant NOW = Instant.parse("2025-08-31T23:30:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 9, 1);
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

    private Decided decide(SpecificRecord command, PlantingState state, String aggregateId) {
        CommandContext context = CommandContext.of("c-" + System.nanoTime(), aggregateId, NOW, ZoneOffset.ofHours(5),
                new EventMetadataFactory("tree-planting-service"));
        Outcome<PlantingState> outcome = CommandRules.apply(rules, command, state, context);
        List<Output> outputs = outcome instanceof Outcome.Accepted<PlantingState> a && !a.unchanged()
                ? routing.route(aggregateId, state, a) : List.of();
        return new Decided(outcome, outputs);
    }

    @Test
    void aFireIsReportedOnceContainedAndExtinguishedAsEventsKeyedByRegion() {
        Decided reported = decide(report("f1", 120), null, "fire:f1");
        assertThat(reported.outputs()).singleElement().satisfies(out -> {
            assertThat(out.key()).isEqualTo("10");
            FireReported event = (FireReported) out.value();
            assertThat(event.getHectares()).isEqualTo(120);
            assertThat(event.getCause()).isEqualTo(FireCause.LIGHTNING);
            assertThat(event.getMetadata().getOccurredAt()).isEqualTo(Instant.parse("2025-07-09T19:00:00Z"));
        });
        // a repeated report keeps the first, even with another area
        assertThat(decide(report("f1", 999), reported.state(), "fire:f1").outputs()).isEmpty();

        Decided contained = decide(new ContainFire("f1", LocalDate.of(2025, 7, 11)), reported.state(), "fire:f1");
        assertThat(contained.outputs()).singleElement().satisfies(out -> {
            assertThat(out.key()).isEqualTo("10");
            assertThat(((FireContained) out.value()).getReportedOn()).isEqualTo(LocalDate.of(2025, 7, 10));
        });
        // the first containment stands
        assertThat(decide(new ContainFire("f1", LocalDate.of(2025, 7, 12)), contained.state(), "fire:f1").outputs())
                .isEmpty();

        Decided out = decide(new ExtinguishFire("f1", 3_400.0, LocalDate.of(2025, 7, 15)), contained.state(),
                "fire:f1");
        FireExtinguished event = (FireExtinguished) out.outputs().get(0).value();
        assertThat(event.getHectaresBurned()).isEqualTo(3_400);
        assertThat(event.getHectaresAtReport()).isEqualTo(120);
        assertThat(event.getRegion()).isEqualTo(Region.ABAI);
        // the same extinguishment again changes nothing; another area is a correction
        assertThat(decide(new ExtinguishFire("f1", 3_400.0, LocalDate.of(2025, 7, 15)), out.state(), "fire:f1")
                .outputs()).isEmpty();
        Decided corrected = decide(new ExtinguishFire("f1", 3_150.0, LocalDate.of(2025, 7, 15)), out.state(),
                "fire:f1");
        assertThat(((FireExtinguished) corrected.outputs().get(0).value()).getHectaresBurned()).isEqualTo(3_150);
        assertThat(corrected.state().getFireExtinguished().getHectaresBurned()).isEqualTo(3_150);
        // a containment after the fire was put out changes nothing
        assertThat(decide(new ContainFire("f1", LocalDate.of(2025, 7, 16)), corrected.state(), "fire:f1")
                .outputs()).isEmpty();
    }

    @Test
    void aFireMayBeExtinguishedWithoutAContainmentReport() {
        Decided reported = decide(report("f2", 3), null, "fire:f2");
        Decided out = decide(new ExtinguishFire("f2", 0.0, LocalDate.of(2025, 7, 10)), reported.state(), "fire:f2");
        assertThat(out.outputs()).singleElement().extracting(Output::value).isInstanceOf(FireExtinguished.class);
        assertThat(out.state().getFireContained()).isNull();
    }

    @Test
    void containingOrExtinguishingAnUnknownFireIsRefusedNamingTheFireId() {
        for (SpecificRecord command : List.<SpecificRecord>of(new ContainFire("ghost", LocalDate.of(2025, 7, 1)),
                new ExtinguishFire("ghost", 10.0, LocalDate.of(2025, 7, 1)))) {
            Decided refused = decide(command, null, "fire:ghost");
            assertThat(refused.rejected().kind()).isEqualTo(RejectionKind.NOT_FOUND);
            assertThat(refused.rejected().code()).isEqualTo(FireRules.UNKNOWN_FIRE);
            assertThat(refused.rejected().violations()).extracting(FieldViolation::getField).containsExactly("fireId");
            assertThat(refused.outputs()).isEmpty();
        }
    }

    @Test
    void datesBeforeTheReportOrContainmentAreRefused() {
        Decided reported = decide(report("f3", 10), null, "fire:f3");
        assertThat(decide(new ContainFire("f3", LocalDate.of(2025, 7, 9)), reported.state(), "fire:f3").rejected()
                .violations()).extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("containedOn",
                        FireRules.CONTAINED_BEFORE_REPORT));
        Decided contained = decide(new ContainFire("f3", LocalDate.of(2025, 7, 12)), reported.state(), "fire:f3");
        assertThat(decide(new ExtinguishFire("f3", 10.0, LocalDate.of(2025, 7, 11)), contained.state(), "fire:f3")
                .rejected().violations()).extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("extinguishedOn",
                        FireRules.EXTINGUISHED_TOO_EARLY));
    }

    @Test
    void invalidFireAndDetectionCommandsNameTheirFields() {
        assertThat(rules.validate(new ReportFire("bad id", Region.UNKNOWN, " ", 0.0, FireCause.UNKNOWN,
                LocalDate.of(2025, 9, 2)), TODAY)).extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("fireId", ForestRules.INVALID_ID),
                        org.assertj.core.groups.Tuple.tuple("forestryInstitution", ForestRules.REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("hectares", ForestRules.NOT_POSITIVE),
                        org.assertj.core.groups.Tuple.tuple("reportedOn", ForestRules.DATE_IN_FUTURE),
                        org.assertj.core.groups.Tuple.tuple("regionCode", ForestRules.UNKNOWN_REGION));
        assertThat(rules.validate(report("f4", FireRules.MAX_FIRE_HECTARES + 1), TODAY))
                .extracting(FieldViolation::getCode).containsExactly(ForestRules.OUT_OF_RANGE);
        assertThat(rules.validate(new ExtinguishFire("f4", -1.0, TODAY), TODAY))
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hectaresBurned", ForestRules.NEGATIVE));
        assertThat(rules.validate(new ExtinguishFire("f4", Double.NaN, TODAY), TODAY))
                .extracting(FieldViolation::getField).containsExactly("hectaresBurned");
        assertThat(rules.validate(new ContainFire("f4", null), TODAY))
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("containedOn", ForestRules.REQUIRED));
        assertThat(rules.validate(new InstallDetectionSystem("eds-1", Region.ABAI, "Semey Ormany", -5.0,
                LocalDate.of(1999, 1, 1)), TODAY)).extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("coveredHectares", ForestRules.NOT_POSITIVE),
                        org.assertj.core.groups.Tuple.tuple("installedOn", ForestRules.DATE_TOO_EARLY));
    }

    @Test
    void aDetectionSystemIsRecordedOnce() {
        InstallDetectionSystem system = new InstallDetectionSystem("eds-9", Region.EAST_KAZAKHSTAN, "Semey Ormany",
                250_000.0, LocalDate.of(2025, 4, 1));
        Decided first = decide(system, null, "detection:eds-9");
        assertThat(first.outputs()).singleElement().satisfies(out -> {
            assertThat(out.key()).isEqualTo("63");
            assertThat(((DetectionSystemInstalled) out.value()).getCoveredHectares()).isEqualTo(250_000);
        });
        assertThat(decide(system, first.state(), "detection:eds-9").outputs()).isEmpty();
    }

    private static ReportFire report(String id, double hectares) {
        return new ReportFire(id, Region.ABAI, "Semey Ormany", hectares, FireCause.LIGHTNING,
                LocalDate.of(2025, 7, 10));
    }
}

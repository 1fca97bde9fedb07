package kz.taza.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.Pollutant;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.inspection.CompleteInspection;
import kz.taza.events.inspection.ComplianceNoticeIssued;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.FineAmountBasis;
import kz.taza.events.inspection.ExceedanceRef;
import kz.taza.events.inspection.FineArticle;
import kz.taza.events.inspection.FineGround;
import kz.taza.events.inspection.FineImposed;
import kz.taza.events.inspection.FinePaid;
import kz.taza.events.inspection.FulfilOrder;
import kz.taza.events.inspection.ImposeFine;
import kz.taza.events.inspection.InspectionScheduled;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.IssueOrder;
import kz.taza.events.inspection.OffenderSize;
import kz.taza.events.inspection.OrderFulfilled;
import kz.taza.events.inspection.OrderOverdue;
import kz.taza.events.inspection.OrderStatus;
import kz.taza.events.inspection.RecordExceedance;
import kz.taza.events.inspection.RecordFacility;
import kz.taza.events.inspection.RecordPayment;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.events.inspection.ViolationFound;
import kz.taza.events.inspection.ViolationSeverity;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.schemas.codec.AvroSerdes;

/** Officers' rules for inspections, fines, payments and remediation orders, as plain functions. */
class OfficerRulesTest {

    private static final String FACILITY = "KZ-35-0042";
    /** 10:00 on 2 June 2025 in Kazakhstan. */
    private static final Instant NOW = Instant.parse("2025-06-02T05:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 2);

    private final ComplianceRules rules = new ComplianceRules(EnforcementPolicy.defaults());
    private FacilityCompliance state;

    @BeforeEach
    void registeredFacility() {
        state = null;
        accept(RecordFacility.newBuilder().setFacilityId(FACILITY).setFacilityName("Karaganda GRES")
                .setRegionCode("35").setCategory(FacilityCategory.I).setSector("energy").setTop50(true)
                .setUpdatedAt(Instant.parse("2021-07-01T00:00:00Z")).build());
    }

    @Test
    void anInspectionOfAnUnregisteredFacilityIsRefusedAsNotFound() {
        state = null;
        Outcome.Rejected<FacilityCompliance> rejected = reject(schedule("i-1", InspectionType.RISK_BASED));
        assertThat(rejected.kind()).isEqualTo(RejectionKind.NOT_FOUND);
        assertThat(rejected.code()).isEqualTo("FACILITY_UNKNOWN");
    }

    @Test
    void aSecondUnscheduledInspectionWhileOneIsOpenIsAConflict() {
        accept(schedule("i-1", InspectionType.UNSCHEDULED));
        Outcome.Rejected<FacilityCompliance> rejected = reject(schedule("i-2", InspectionType.UNSCHEDULED));
        assertThat(rejected.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(rejected.code()).isEqualTo("UNSCHEDULED_INSPECTION_OPEN");
        // A risk-based one is still possible.
        accept(schedule("i-3", InspectionType.RISK_BASED));
    }

    @Test
    void completingAnUnknownInspectionIsNotFoundAndCompletingTwiceIsAConflict() {
        assertThat(reject(complete("nope", violation())).kind()).isEqualTo(RejectionKind.NOT_FOUND);
        accept(schedule("i-1", InspectionType.RISK_BASED));
        accept(complete("i-1", violation()));
        Outcome.Rejected<FacilityCompliance> twice = reject(complete("i-1", violation()));
        assertThat(twice.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(twice.code()).isEqualTo("INSPECTION_ALREADY_COMPLETED");
    }

    @Test
    void aViolationWithoutArticleIsInvalidNamingTheField() {
        accept(schedule("i-1", InspectionType.RISK_BASED));
        ViolationFound bad = ViolationFound.newBuilder(violation()).setArticle(" ").build();
        Outcome.Rejected<FacilityCompliance> rejected = reject(complete("i-1", bad));
        assertThat(rejected.kind()).isEqualTo(RejectionKind.INVALID);
        assertThat(rejected.violations()).extracting(FieldViolation::getField)
                .containsExactly("violations[0].article");
    }

    @Test
    void aFineIsConvertedToTengeWithTheMciOfTheOffencesYear() {
        completedWithViolations("i-1");
        FineImposed fine2024 = (FineImposed) accept(fine("i-1", "f-1", 100, LocalDate.of(2024, 12, 31))).get(0);
        FineImposed fine2025 = (FineImposed) accept(fine("i-1", "f-2", 100, LocalDate.of(2025, 1, 1))).get(0);

        assertThat(fine2024.getMciKzt()).isEqualTo(3_692);
        assertThat(fine2024.getAmountKzt()).isEqualTo(369_200);
        assertThat(fine2025.getMciKzt()).isEqualTo(3_932);
        assertThat(fine2025.getAmountKzt()).isEqualTo(393_200);
    }

    @Test
    void aFineBeyondTheDocumentedRangeIsRefusedBeforeItIsConvertedToTenge() {
        completedWithViolations("i-1");
        // Long.MAX_VALUE MCI would overflow the conversion to tenge; any amount above the documented range is refused
        for (long amount : new long[] {Long.MAX_VALUE, ComplianceRules.MAX_FINE_MCI + 1}) {
            Outcome.Rejected<FacilityCompliance> rejected = reject(fine("i-1", "f-" + amount, amount, TODAY));
            assertThat(rejected.kind()).isEqualTo(RejectionKind.INVALID);
            assertThat(rejected.violations()).extracting(FieldViolation::getField).containsExactly("amountMci");
        }
        assertThat(accept(fine("i-1", "f-max", ComplianceRules.MAX_FINE_MCI, TODAY))).hasSize(1);
    }

    @Test
    void anArticle324FineIsTheFlatAmountOfTheOffendersSize() {
        completedWithViolations("i-1");
        java.util.Map<OffenderSize, Long> expected = java.util.Map.of(OffenderSize.INDIVIDUAL, 10L,
                OffenderSize.SMALL_BUSINESS, 15L, OffenderSize.MEDIUM_BUSINESS, 20L, OffenderSize.LARGE_BUSINESS, 100L);
        for (OffenderSize size : expected.keySet()) {
            ImposeFine command = ImposeFine.newBuilder(fine("i-1", "f-" + size, 0, TODAY))
                    .setArticle(FineArticle.ART_324).setOffenderSize(size).build();
            FineImposed fine = (FineImposed) accept(command).get(0);
            assertThat(fine.getAmountMci()).as("art. 324, %s", size).isEqualTo(expected.get(size));
            assertThat(fine.getAmountKzt()).isEqualTo(expected.get(size) * 3_932);
            assertThat(fine.getArticle()).isEqualTo(FineArticle.ART_324);
            assertThat(fine.getAmountBasis()).isEqualTo(FineAmountBasis.FLAT_RATE);
            assertThat(fine.getOffenderSize()).isEqualTo(size);
            assertThat(fine.getFeeRateMciPerTonne()).isNull();
        }
    }

    @Test
    void anArticle324FineNeedsTheOffendersSizeAndTakesNoAmountOrExcess() {
        completedWithViolations("i-1");
        ImposeFine art324 = ImposeFine.newBuilder(fine("i-1", "f-1", 0, TODAY)).setArticle(FineArticle.ART_324).build();
        assertThat(reject(art324).violations()).extracting(FieldViolation::getField).containsExactly("offenderSize");
        assertThat(reject(ImposeFine.newBuilder(art324).setOffenderSize(OffenderSize.SMALL_BUSINESS).setAmountMci(15)
                .build()).violations()).extracting(FieldViolation::getField).containsExactly("amountMci");
        assertThat(reject(ImposeFine.newBuilder(art324).setOffenderSize(OffenderSize.SMALL_BUSINESS)
                .setExcessTonnes(3.0).build()).violations()).extracting(FieldViolation::getField)
                .containsExactly("excessTonnes");
        assertThat(reject(ImposeFine.newBuilder(art324).setArticle(FineArticle.UNKNOWN).build()).violations())
                .extracting(FieldViolation::getField).containsExactly("article");
    }

    @Test
    void anArticle328FineWithTheExcessMassIsTheAssumedMultipleOfItsEmissionFee() {
        completedWithViolations("i-1");
        // 12.345 t of SO2 above the standard: 12.345 x 20 MCI/t (Tax Code rate) x 1000 % = 2,469 MCI
        ImposeFine command = ImposeFine.newBuilder(fine("i-1", "f-1", 0, TODAY)).setArticle(FineArticle.ART_328_1)
                .setExcessPollutant(Pollutant.SO2).setExcessTonnes(12.345).setOffenderSize(OffenderSize.LARGE_BUSINESS)
                .build();
        FineImposed fine = (FineImposed) accept(command).get(0);
        assertThat(fine.getAmountMci()).isEqualTo(2_469);
        assertThat(fine.getAmountKzt()).isEqualTo(2_469L * 3_932);
        assertThat(fine.getAmountBasis()).isEqualTo(FineAmountBasis.EMISSION_FEE_MULTIPLE);
        assertThat(fine.getArticle()).isEqualTo(FineArticle.ART_328_1);
        assertThat(fine.getExcessPollutant()).isEqualTo(Pollutant.SO2);
        assertThat(fine.getExcessTonnes()).isEqualTo(12.345);
        assertThat(fine.getFeeRateMciPerTonne()).isEqualTo(20.0);
        assertThat(fine.getFeeMultiplePct()).isEqualTo(1_000);
        // a subscriber recomputes the amount from the event alone
        assertThat(Math.round(fine.getExcessTonnes() * fine.getFeeRateMciPerTonne() * fine.getFeeMultiplePct() / 100))
                .isEqualTo(fine.getAmountMci());
        // 0.25 t of DUST x 10 MCI/t x 1000 % = 25 MCI; halves round up (0.015 t: 1.5 MCI -> 2); 0.002 t of SO2 is
        // 0.4 MCI, below 1 MCI, refused
        assertThat(FineSizing.defaults().excessEmission(Pollutant.DUST, 0.25).orElseThrow().amountMci()).isEqualTo(25);
        assertThat(FineSizing.defaults().excessEmission(Pollutant.DUST, 0.015).orElseThrow().amountMci()).isEqualTo(2);
        assertThat(reject(ImposeFine.newBuilder(command).setExcessTonnes(0.002).build()).violations())
                .extracting(FieldViolation::getField).containsExactly("excessTonnes");
    }

    @Test
    void theMultipleOfTheFeeIsConfigurable() {
        ComplianceRules twice = new ComplianceRules(EnforcementPolicy.defaults(),
                new FineSizing(kz.taza.contracts.emission.EmissionFeeRates.defaults(), 200));
        completedWithViolations("i-1");
        ImposeFine command = ImposeFine.newBuilder(fine("i-1", "f-1", 0, TODAY)).setArticle(FineArticle.ART_328_1)
                .setExcessPollutant(Pollutant.NOX).setExcessTonnes(100.0).build();
        Outcome<FacilityCompliance> outcome = CommandRules.apply(twice, command, state, context("c-1", NOW));
        FineImposed fine = (FineImposed) ((Outcome.Accepted<FacilityCompliance>) outcome).events().get(0);
        assertThat(fine.getAmountMci()).isEqualTo(4_000);
        assertThat(fine.getFeeMultiplePct()).isEqualTo(200);
        assertThatThrownBy(() -> new FineSizing(kz.taza.contracts.emission.EmissionFeeRates.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArticle328FineWithoutTheExcessMassIsSetByTheOfficer() {
        completedWithViolations("i-1");
        ImposeFine unknownMass = ImposeFine.newBuilder(fine("i-1", "f-1", 0, TODAY))
                .setArticle(FineArticle.ART_328_1).build();
        assertThat(reject(unknownMass).violations()).extracting(FieldViolation::getField)
                .containsExactly("amountMci");
        FineImposed fine = (FineImposed) accept(ImposeFine.newBuilder(unknownMass).setAmountMci(40_000).build()).get(0);
        assertThat(fine.getAmountMci()).isEqualTo(40_000);
        assertThat(fine.getAmountBasis()).isEqualTo(FineAmountBasis.SET_BY_OFFICER);
        assertThat(fine.getArticle()).isEqualTo(FineArticle.ART_328_1);
        // the mass given, the article sizes the fine: an amount besides it is refused, naming it
        assertThat(reject(ImposeFine.newBuilder(unknownMass).setFineId("f-2").setAmountMci(40_000)
                .setExcessPollutant(Pollutant.SO2).setExcessTonnes(1.0).build()).violations())
                .extracting(FieldViolation::getField).containsExactly("amountMci");
        // tonnes without the pollutant, or of a pollutant without a fee rate, cannot size it
        assertThat(reject(ImposeFine.newBuilder(unknownMass).setFineId("f-3").setExcessTonnes(1.0).build())
                .violations()).extracting(FieldViolation::getField).containsExactly("excessPollutant");
        assertThat(reject(ImposeFine.newBuilder(unknownMass).setFineId("f-4").setExcessTonnes(1.0)
                .setExcessPollutant(Pollutant.VOC).build()).violations()).extracting(FieldViolation::getField)
                .containsExactly("excessPollutant");
        assertThat(reject(ImposeFine.newBuilder(unknownMass).setFineId("f-5").setExcessTonnes(-1.0)
                .setExcessPollutant(Pollutant.SO2).build()).violations()).extracting(FieldViolation::getField)
                .containsExactly("excessTonnes");
    }

    @Test
    void aFineWithoutAnArticleKeepsTheOfficersAmountAndSaysSo() {
        completedWithViolations("i-1");
        FineImposed fine = (FineImposed) accept(fine("i-1", "f-1", 100, TODAY)).get(0);
        assertThat(fine.getArticle()).isNull();
        assertThat(fine.getAmountBasis()).isEqualTo(FineAmountBasis.SET_BY_OFFICER);
        assertThat(fine.getAmountMci()).isEqualTo(100);
    }

    @Test
    void theMciTableIsConfigurable() {
        ComplianceRules withOwnTable = new ComplianceRules(new EnforcementPolicy(
                EnforcementPolicy.defaults().exceedanceWindow(), 3, 2.0, 10,
                EnforcementPolicy.defaults().episodeRetention(), java.util.Map.of(2025, 4_000L), java.util.Set.of(),
                EnforcementPolicy.defaults().zone()));
        completedWithViolations("i-1");
        Outcome<FacilityCompliance> outcome = CommandRules.apply(withOwnTable, fine("i-1", "f-1", 10, TODAY), state,
                context("c-1", NOW));
        assertThat(((FineImposed) ((Outcome.Accepted<FacilityCompliance>) outcome).events().get(0)).getAmountKzt())
                .isEqualTo(40_000);
        Outcome<FacilityCompliance> unknownYear = CommandRules.apply(withOwnTable, fine("i-1", "f-2", 10,
                LocalDate.of(2024, 5, 1)), state, context("c-2", NOW));
        assertThat(((Outcome.Rejected<FacilityCompliance>) unknownYear).violations())
                .extracting(FieldViolation::getField)
                .containsExactly("offenceDate");
    }

    @Test
    void aFineOnAnInspectionWithoutViolationsIsRefused() {
        accept(schedule("i-1", InspectionType.RISK_BASED));
        accept(CompleteInspection.newBuilder().setFacilityId(FACILITY).setInspectionId("i-1")
                .setCompletedOn(TODAY).setViolations(List.of()).build());
        Outcome.Rejected<FacilityCompliance> rejected = reject(fine("i-1", "f-1", 100, TODAY));
        assertThat(rejected.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(rejected.code()).isEqualTo("NO_VIOLATIONS");
    }

    @Test
    void aFineBeforeTheInspectionIsCompletedIsRefused() {
        accept(schedule("i-1", InspectionType.RISK_BASED));
        assertThat(reject(fine("i-1", "f-1", 100, TODAY)).code()).isEqualTo("INSPECTION_NOT_COMPLETED");
    }

    @Test
    void zeroAndNegativeAmountsAreInvalid() {
        completedWithViolations("i-1");
        assertThat(reject(fine("i-1", "f-1", 0, TODAY)).violations()).extracting(FieldViolation::getField)
                .containsExactly("amountMci");
        assertThat(reject(fine("i-1", "f-1", -5, TODAY)).kind()).isEqualTo(RejectionKind.INVALID);
        accept(fine("i-1", "f-1", 10, TODAY));
        assertThat(reject(pay("f-1", 0)).violations()).extracting(FieldViolation::getField)
                .containsExactly("amountKzt");
        assertThat(reject(pay("f-1", -1)).kind()).isEqualTo(RejectionKind.INVALID);
    }

    @Test
    void partialPaymentsAddUpAndOverpaymentIsRefused() {
        completedWithViolations("i-1");
        accept(fine("i-1", "f-1", 10, TODAY)); // 39,320 KZT

        FinePaid first = (FinePaid) accept(pay("f-1", 20_000)).get(0);
        assertThat(first.getPaidTotalKzt()).isEqualTo(20_000);
        assertThat(first.getOutstandingKzt()).isEqualTo(19_320);

        Outcome.Rejected<FacilityCompliance> over = reject(pay("f-1", 19_321));
        assertThat(over.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(over.code()).isEqualTo("OVERPAYMENT");

        FinePaid second = (FinePaid) accept(pay("f-1", 19_320)).get(0);
        assertThat(second.getPaidTotalKzt()).isEqualTo(39_320);
        assertThat(second.getOutstandingKzt()).isZero();
        assertThat(reject(pay("f-1", 1)).code()).isEqualTo("OVERPAYMENT");
        assertThat(reject(pay("unknown", 1)).kind()).isEqualTo(RejectionKind.NOT_FOUND);
    }

    @Test
    void anOrderDueTodayOrInThePastIsInvalid() {
        completedWithViolations("i-1");
        assertThat(reject(order("i-1", "o-1", TODAY)).violations()).extracting(FieldViolation::getField)
                .containsExactly("dueOn");
        assertThat(reject(order("i-1", "o-1", TODAY.minusDays(3))).kind()).isEqualTo(RejectionKind.INVALID);
        assertThat(reject(order("unknown", "o-1", TODAY.plusDays(3))).kind()).isEqualTo(RejectionKind.NOT_FOUND);
    }

    @Test
    void anUnfulfilledOrderBecomesOverdueTheDayAfterItsDueDateOnce() {
        completedWithViolations("i-1");
        accept(order("i-1", "o-1", TODAY.plusDays(5)));

        // On its due day (23:59 in Kazakhstan) it is not overdue yet.
        assertThat(rules.onTick(FACILITY, state, context("tick", Instant.parse("2025-06-07T18:59:00Z")))).isEmpty();
        Outcome.Accepted<FacilityCompliance> overdue = rules.onTick(FACILITY, state,
                context("tick", Instant.parse("2025-06-07T19:00:00Z"))).orElseThrow();
        assertThat(overdue.events()).singleElement().isInstanceOfSatisfying(OrderOverdue.class, e -> {
            assertThat(e.getOrderId()).isEqualTo("o-1");
            assertThat(e.getDueOn()).isEqualTo(TODAY.plusDays(5));
        });
        state = overdue.state();
        assertThat(state.getOrders().get(0).getStatus()).isEqualTo(OrderStatus.OVERDUE);
        assertThat(rules.onTick(FACILITY, state, context("tick", Instant.parse("2025-06-09T19:00:00Z")))).isEmpty();
    }

    @Test
    void anOverdueOrderCanStillBeFulfilledOnceAndSaysItWasOverdue() {
        completedWithViolations("i-1");
        accept(order("i-1", "o-1", TODAY.plusDays(1)));
        state = rules.onTick(FACILITY, state, context("tick", NOW.plus(java.time.Duration.ofDays(2)))).orElseThrow()
                .state();

        OrderFulfilled fulfilled = (OrderFulfilled) accept(FulfilOrder.newBuilder().setFacilityId(FACILITY)
                .setOrderId("o-1").setFulfilledOn(TODAY).build()).get(0);
        assertThat(fulfilled.getWasOverdue()).isTrue();
        assertThat(reject(FulfilOrder.newBuilder().setFacilityId(FACILITY).setOrderId("o-1")
                .setFulfilledOn(TODAY).build()).code()).isEqualTo("ORDER_ALREADY_FULFILLED");
    }

    @Test
    void aRiskBasedPlanInspectionOfAYearAlreadyPlannedChangesNothing() {
        accept(ScheduleInspection.newBuilder(schedule("p-1", InspectionType.RISK_BASED)).setPlanYear(2026).build());
        Outcome<FacilityCompliance> again = CommandRules.apply(rules, ScheduleInspection.newBuilder(schedule("p-2",
                InspectionType.RISK_BASED))
                .setPlanYear(2026).build(), state, context("c-x", NOW));
        assertThat(again).isInstanceOfSatisfying(Outcome.Accepted.class, a -> {
            assertThat(a.state()).isNull();
            assertThat(a.events()).isEmpty();
            assertThat(a.resourceId()).isEqualTo("p-1");
        });
    }

    @Test
    void tenWorkingDaysSkipWeekendsAndConfiguredHolidays() {
        LocalDate friday = LocalDate.of(2025, 3, 14);
        assertThat(WorkingDays.after(friday, 10, java.util.Set.of())).isEqualTo(LocalDate.of(2025, 3, 28));
        // Nauryz (21, 24, 25 March 2025) as holidays push it by three working days.
        assertThat(WorkingDays.after(friday, 10, java.util.Set.of(LocalDate.of(2025, 3, 21),
                LocalDate.of(2025, 3, 24), LocalDate.of(2025, 3, 25)))).isEqualTo(LocalDate.of(2025, 4, 2));
    }

    @Test
    void episodesOfDifferentLimitsStartingAtTheSameIntervalAreOneExceedance() {
        Instant start = NOW.minusSeconds(7_200);
        // one interval above the mg/Nm3, the g/s and (its tonnes crossing) the t/yr limit: three episodes
        List<SpecificRecord> first = accept(episode("ep-mg", "S-1", "SO2", start, 1.3));
        accept(episode("ep-gs", "S-1", "SO2", start, 1.2));
        accept(episode("ep-ty", "S-1", "SO2", start, 1.01));
        assertThat(first).singleElement().isInstanceOf(ComplianceNoticeIssued.class);
        assertThat(state.getNotices()).hasSize(1);
        assertThat(state.getInspections()).isEmpty();
        assertThat(state.getEpisodes()).hasSize(3);

        // two more exceedances of their own within the window: three in all, an unscheduled inspection
        accept(episode("ep-2", "S-1", "SO2", start.plusSeconds(1_200), 1.3));
        List<SpecificRecord> third = accept(episode("ep-3", "S-2", "SO2", start.plusSeconds(1_200), 1.3));
        assertThat(third).singleElement().isInstanceOf(InspectionScheduled.class);
        assertThat(((InspectionScheduled) third.get(0)).getReason()).startsWith("3 AMS exceedance episodes");
    }

    // ---- fines that follow no inspection, and preventive visits ---------------------------------------------------

    @Test
    void anAmsExceedanceIsFinedWithoutAnInspectionOnceAndOnlyIfRecorded() {
        accept(exceedance("ep-1", 1.4));
        ImposeFine onEpisode = withoutInspection("f-1", FineGround.AMS_EXCEEDANCE).setExceedanceEventId("ep-1")
                .setArticle(FineArticle.ART_328_1).setAmountMci(2_000).build();
        FineImposed fine = (FineImposed) accept(onEpisode).get(0);
        assertThat(fine.getGround()).isEqualTo(FineGround.AMS_EXCEEDANCE);
        assertThat(fine.getExceedanceEventId()).isEqualTo("ep-1");
        assertThat(fine.getInspectionId()).isEmpty();
        assertThat(fine.getAmountKzt()).isEqualTo(2_000L * 3_932);
        assertThat(state.getFines()).singleElement().satisfies(f -> {
            assertThat(f.getGround()).isEqualTo(FineGround.AMS_EXCEEDANCE);
            assertThat(f.getExceedanceEventId()).isEqualTo("ep-1");
        });

        Outcome.Rejected<FacilityCompliance> again = reject(ImposeFine.newBuilder(onEpisode).setFineId("f-2").build());
        assertThat(again.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(again.code()).isEqualTo("EXCEEDANCE_ALREADY_FINED");
        Outcome.Rejected<FacilityCompliance> unknown = reject(ImposeFine.newBuilder(onEpisode).setFineId("f-3")
                .setExceedanceEventId("ep-never").build());
        assertThat(unknown.kind()).isEqualTo(RejectionKind.NOT_FOUND);
        assertThat(unknown.code()).isEqualTo("EXCEEDANCE_UNKNOWN");
    }

    @Test
    void episodesOfDifferentLimitsAtTheSameIntervalAreFinedOnce() {
        Instant start = NOW.minusSeconds(7_200);
        accept(episode("ep-mg", "S-1", "SO2", start, 1.3));
        accept(episode("ep-gs", "S-1", "SO2", start, 1.2));
        accept(episode("ep-other", "S-1", "SO2", start.plusSeconds(1_200), 1.2));
        accept(withoutInspection("f-1", FineGround.AMS_EXCEEDANCE).setExceedanceEventId("ep-mg").setAmountMci(50)
                .build());

        Outcome.Rejected<FacilityCompliance> twin = reject(withoutInspection("f-2", FineGround.AMS_EXCEEDANCE)
                .setExceedanceEventId("ep-gs").setAmountMci(50).build());
        assertThat(twin.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(twin.code()).isEqualTo("EXCEEDANCE_ALREADY_FINED");
        // an exceedance of its own, at the next interval, is fined
        assertThat(accept(withoutInspection("f-3", FineGround.AMS_EXCEEDANCE).setExceedanceEventId("ep-other")
                .setAmountMci(50).build())).hasSize(1);
    }

    @Test
    void aFineOnAnExceedanceNamesTheEpisodeAndNoInspectionUnderArticle328() {
        accept(exceedance("ep-1", 1.4));
        ImposeFine base = withoutInspection("f-1", FineGround.AMS_EXCEEDANCE).setAmountMci(50).build();
        assertThat(reject(base).violations()).extracting(FieldViolation::getField)
                .containsExactly("exceedanceEventId");
        assertThat(reject(ImposeFine.newBuilder(base).setExceedanceEventId("ep-1").setInspectionId("i-1")
                .build()).violations()).extracting(FieldViolation::getField).containsExactly("inspectionId");
        assertThat(reject(ImposeFine.newBuilder(base).setExceedanceEventId("ep-1")
                .setArticle(FineArticle.ART_324).setOffenderSize(OffenderSize.LARGE_BUSINESS).setAmountMci(0)
                .build()).violations()).extracting(FieldViolation::getField).containsExactly("article");
        assertThat(reject(ImposeFine.newBuilder(base).setExceedanceEventId("ep-1").setCaseReference("c-1")
                .build()).violations()).extracting(FieldViolation::getField).containsExactly("caseReference");
        assertThat(reject(ImposeFine.newBuilder(base).setGround(FineGround.UNKNOWN).build()).violations())
                .extracting(FieldViolation::getField).containsExactly("ground");
        // Without an article the officer's amount stands, as for a fine after an inspection.
        assertThat(accept(ImposeFine.newBuilder(base).setExceedanceEventId("ep-1").build())).hasSize(1);
    }

    @Test
    void anAdministrativeCaseIsFinedOnceByItsReferenceAndSizedByItsArticle() {
        ImposeFine onCase = withoutInspection("f-1", FineGround.ADMINISTRATIVE_CASE).setCaseReference("AK-2025-117")
                .setArticle(FineArticle.ART_324).setOffenderSize(OffenderSize.MEDIUM_BUSINESS).build();
        FineImposed fine = (FineImposed) accept(onCase).get(0);
        assertThat(fine.getGround()).isEqualTo(FineGround.ADMINISTRATIVE_CASE);
        assertThat(fine.getCaseReference()).isEqualTo("AK-2025-117");
        assertThat(fine.getAmountMci()).isEqualTo(20);

        Outcome.Rejected<FacilityCompliance> again = reject(ImposeFine.newBuilder(onCase).setFineId("f-2").build());
        assertThat(again.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(again.code()).isEqualTo("CASE_ALREADY_FINED");
        assertThat(reject(ImposeFine.newBuilder(onCase).setFineId("f-3").setCaseReference(" ").build()).violations())
                .extracting(FieldViolation::getField).containsExactly("caseReference");
        assertThat(reject(ImposeFine.newBuilder(onCase).setFineId("f-4").setCaseReference("AK-2")
                .setExceedanceEventId("ep-1").build()).violations()).extracting(FieldViolation::getField)
                .containsExactly("exceedanceEventId");
        // The fine is paid like any other.
        assertThat(((FinePaid) accept(pay("f-1", fine.getAmountKzt())).get(0)).getOutstandingKzt()).isZero();
    }

    @Test
    void aFineWithoutInspectionAtAnUnregisteredFacilityIsNotFound() {
        state = null;
        Outcome.Rejected<FacilityCompliance> rejected = reject(withoutInspection("f-1",
                FineGround.ADMINISTRATIVE_CASE).setCaseReference("AK-1").setAmountMci(10).build());
        assertThat(rejected.code()).isEqualTo("FACILITY_UNKNOWN");
    }

    @Test
    void aFineOnTheGroundInspectionStillNeedsTheInspection() {
        ImposeFine noInspection = ImposeFine.newBuilder(fine("", "f-1", 100, TODAY)).setGround(FineGround.INSPECTION)
                .build();
        assertThat(reject(noInspection).violations()).extracting(FieldViolation::getField)
                .containsExactly("inspectionId");
        completedWithViolations("i-1");
        FineImposed fine = (FineImposed) accept(ImposeFine.newBuilder(noInspection).setInspectionId("i-1").build())
                .get(0);
        assertThat(fine.getGround()).isEqualTo(FineGround.INSPECTION);
        assertThat(fine.getInspectionId()).isEqualTo("i-1");
    }

    @Test
    void aPreventiveVisitsFindingsAreRemediedByOrderNeverFined() {
        accept(schedule("pv-1", InspectionType.PREVENTIVE_VISIT));
        accept(complete("pv-1", violation()));
        Outcome.Rejected<FacilityCompliance> fined = reject(fine("pv-1", "f-1", 100, TODAY));
        assertThat(fined.kind()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(fined.code()).isEqualTo("PREVENTIVE_CONTROL_NOT_FINED");
        assertThat(accept(order("pv-1", "o-1", TODAY.plusDays(30)))).hasSize(1);
        // Preventive visits do not count as the one open unscheduled inspection.
        accept(schedule("pv-2", InspectionType.PREVENTIVE_VISIT));
        accept(schedule("u-1", InspectionType.UNSCHEDULED));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** What the command processor tells the rules: the command's id, the facility, the clock, the service's name. */
    private static CommandContext context(String commandId, Instant now) {
        return CommandContext.of(commandId, FACILITY, now, EnforcementPolicy.defaults().zone(),
                new EventMetadataFactory("inspection-service"));
    }

    private void completedWithViolations(String inspectionId) {
        accept(schedule(inspectionId, InspectionType.RISK_BASED));
        accept(complete(inspectionId, violation()));
    }

    private List<SpecificRecord> accept(SpecificRecord command) {
        Outcome<FacilityCompliance> outcome = CommandRules.apply(rules, command, state,
                context(UUID.randomUUID().toString(), NOW));
        assertThat(outcome).as("outcome of " + command).isInstanceOf(Outcome.Accepted.class);
        Outcome.Accepted<FacilityCompliance> accepted = (Outcome.Accepted<FacilityCompliance>) outcome;
        if (accepted.state() != null) {
            state = accepted.state();
        }
        return accepted.events();
    }

    private Outcome.Rejected<FacilityCompliance> reject(SpecificRecord command) {
        byte[] before = encoded(state);
        Outcome<FacilityCompliance> outcome = CommandRules.apply(rules, command, state,
                context(UUID.randomUUID().toString(), NOW));
        assertThat(outcome).as("outcome of " + command).isInstanceOf(Outcome.Rejected.class);
        assertThat(encoded(state)).as("state untouched").isEqualTo(before);
        return (Outcome.Rejected<FacilityCompliance>) outcome;
    }

    /** Avro's equals() cannot compare arrays of records with optional dates; their encodings can be compared. */
    private static byte[] encoded(FacilityCompliance compliance) {
        return compliance == null ? null
                : AvroSerdes.of(FacilityCompliance.class).serializer().serialize("state", compliance);
    }

    private static ScheduleInspection schedule(String inspectionId, InspectionType type) {
        return ScheduleInspection.newBuilder().setFacilityId(FACILITY).setInspectionId(inspectionId).setType(type)
                .setReason("complaint from residents").build();
    }

    private static CompleteInspection complete(String inspectionId, ViolationFound violation) {
        return CompleteInspection.newBuilder().setFacilityId(FACILITY).setInspectionId(inspectionId)
                .setCompletedOn(TODAY).setViolations(List.of(violation)).build();
    }

    private static ViolationFound violation() {
        return ViolationFound.newBuilder().setViolationId(UUID.randomUUID().toString())
                .setArticle("Environmental Code art. 186(4)").setDescription("AMS not transmitting")
                .setSeverity(ViolationSeverity.SIGNIFICANT).build();
    }

    private static ImposeFine fine(String inspectionId, String fineId, long mci, LocalDate offence) {
        return ImposeFine.newBuilder().setFacilityId(FACILITY).setInspectionId(inspectionId).setFineId(fineId)
                .setAmountMci(mci).setOffenceDate(offence).build();
    }

    private static RecordPayment pay(String fineId, long kzt) {
        return RecordPayment.newBuilder().setFacilityId(FACILITY).setFineId(fineId)
                .setPaymentId(UUID.randomUUID().toString()).setAmountKzt(kzt).setPaidOn(TODAY).build();
    }

    private static IssueOrder order(String inspectionId, String orderId, LocalDate dueOn) {
        return IssueOrder.newBuilder().setFacilityId(FACILITY).setInspectionId(inspectionId).setOrderId(orderId)
                .setDescription("Restore AMS data transmission").setDueOn(dueOn).build();
    }

    private static RecordExceedance exceedance(String episodeId, double ratio) {
        return RecordExceedance.newBuilder().setFacilityId(FACILITY).setExceedance(ExceedanceRef.newBuilder()
                .setExceedanceEventId(episodeId).setSourceId("S-1").setPollutant("SO2")
                .setStartedAt(NOW.minusSeconds(3_600)).setRatio(ratio).build()).build();
    }

    private static RecordExceedance episode(String episodeId, String sourceId, String pollutant, Instant startedAt,
            double ratio) {
        return RecordExceedance.newBuilder().setFacilityId(FACILITY).setExceedance(ExceedanceRef.newBuilder()
                .setExceedanceEventId(episodeId).setSourceId(sourceId).setPollutant(pollutant)
                .setStartedAt(startedAt).setRatio(ratio).build()).build();
    }

    private static ImposeFine.Builder withoutInspection(String fineId, FineGround ground) {
        return ImposeFine.newBuilder().setFacilityId(FACILITY).setInspectionId("").setFineId(fineId)
                .setAmountMci(0).setOffenceDate(TODAY.minusDays(1)).setGround(ground);
    }
}

package kz.taza.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.emission.ExceedanceEndReason;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.inspection.ComplianceNoticeIssued;
import kz.taza.events.inspection.ExceedanceRef;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.InspectionScheduled;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.inspection.InspectionFixtures;
import kz.taza.inspection.config.InspectionConfiguration;
import kz.taza.inspection.domain.ComplianceRules;
import kz.taza.inspection.domain.EnforcementPolicy;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.test.TopologyTestSupport;

/**
 * The reaction to exceedance episodes, through the real topologies: ThresholdExceeded on emission.exceedances.v1
 * becomes an internal command, decided by the facility's single writer, whose events land on inspection.events.v1.
 */
class ExceedanceRulesTopologyTest {

    private static final String FACILITY = "KZ-55-0001";
    /** Monday 2 June 2025, 10:00 in Kazakhstan. */
    private static final Instant NOW = Instant.parse("2025-06-02T05:00:00Z");
    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, Facility> facilities;
    private TestInputTopic<String, SpecificRecord> exceedances;
    private TestInputTopic<String, SpecificRecord> commands;
    private TestOutputTopic<String, SpecificRecord> events;
    private TestOutputTopic<String, CommandResult> results;

    @BeforeEach
    void start() {
        ComplianceRules rules = new ComplianceRules(EnforcementPolicy.defaults());
        driver = TopologyTestSupport.driver(NOW, new InternalCommandsTopology(),
                InspectionConfiguration.inspectionCommandTopology(rules, Duration.ofMinutes(1), new TazaProperties(),
                        new EventMetadataFactory("inspection-service"), null));
        facilities = TopologyTestSupport.input(driver, PermitTopics.FACILITIES);
        exceedances = TopologyTestSupport.input(driver, EmissionTopics.EXCEEDANCES);
        commands = TopologyTestSupport.input(driver, InspectionTopics.COMMANDS);
        events = TopologyTestSupport.output(driver, InspectionTopics.EVENTS);
        results = TopologyTestSupport.output(driver, InspectionTopics.COMMAND_RESULTS);
        facilities.pipeInput(FACILITY, InspectionFixtures.facility(FACILITY, "55", FacilityCategory.I));
        assertThat(results.readValuesToList()).as("the registration is recorded").singleElement()
                .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aFacilitysFirstEpisodeGetsAComplianceNoticeDueInTenWorkingDays() {
        ThresholdExceeded first = exceed(T0, 1.3);

        List<SpecificRecord> out = events.readValuesToList();
        assertThat(out).singleElement().isInstanceOf(ComplianceNoticeIssued.class);
        ComplianceNoticeIssued notice = (ComplianceNoticeIssued) out.get(0);
        assertThat(notice.getIssuedOn()).isEqualTo(LocalDate.of(2025, 6, 2));
        // Ten working days after Monday 2 June, Kurban Ait (Friday 6 June 2025) not one of them: Tuesday 17 June.
        assertThat(notice.getResponseDueOn()).isEqualTo(LocalDate.of(2025, 6, 17));
        assertThat(notice.getRegionCode()).isEqualTo("55");
        assertThat(notice.getExceedance().getExceedanceEventId()).isEqualTo(first.getMetadata().getEventId());
        assertThat(notice.getMetadata().getCausationId()).isEqualTo(first.getMetadata().getEventId());
    }

    @Test
    void aSecondEpisodeJustInsideTheWindowGetsNoNewNotice() {
        exceed(T0, 1.3);
        exceed(T0.plus(Duration.ofDays(30)).minusMillis(1), 1.3);

        assertThat(events.readValuesToList()).singleElement().isInstanceOf(ComplianceNoticeIssued.class);
    }

    @Test
    void anEpisodeExactlyThirtyDaysAfterTheLastOneStartsANewWindowAndGetsANotice() {
        exceed(T0, 1.3);
        exceed(T0.plus(Duration.ofDays(30)), 1.3);

        assertThat(events.readValuesToList()).hasSize(2).allMatch(e -> e instanceof ComplianceNoticeIssued);
    }

    @Test
    void threeEpisodesWithinThirtyDaysScheduleAnUnscheduledInspectionCausedByAllThree() {
        ThresholdExceeded first = exceed(T0, 1.2);
        ThresholdExceeded second = exceed(T0.plus(Duration.ofDays(10)), 1.2);
        ThresholdExceeded third = exceed(T0.plus(Duration.ofDays(30)).minusMillis(1), 1.2);

        List<SpecificRecord> out = events.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(ComplianceNoticeIssued.class);
        InspectionScheduled inspection = (InspectionScheduled) out.get(1);
        assertThat(inspection.getType()).isEqualTo(InspectionType.UNSCHEDULED);
        assertThat(inspection.getCauses()).extracting(ExceedanceRef::getExceedanceEventId).containsExactly(
                first.getMetadata().getEventId(), second.getMetadata().getEventId(), third.getMetadata().getEventId());
        assertThat(inspection.getReason()).contains("3 AMS exceedance episodes within 30 days");
    }

    @Test
    void threeEpisodesSpanningExactlyThirtyDaysScheduleNothing() {
        exceed(T0, 1.2);
        exceed(T0.plus(Duration.ofDays(10)), 1.2);
        exceed(T0.plus(Duration.ofDays(30)), 1.2); // the first one is no longer in this episode's window

        assertThat(events.readValuesToList()).singleElement().isInstanceOf(ComplianceNoticeIssued.class);
    }

    @Test
    void oneEpisodeAtTwiceTheLimitSchedulesAnUnscheduledInspectionCausedByItAlone() {
        exceed(T0, 1.1);
        ThresholdExceeded severe = exceed(T0.plus(Duration.ofDays(1)), 2.0);

        List<SpecificRecord> out = events.readValuesToList();
        assertThat(out).hasSize(2);
        InspectionScheduled inspection = (InspectionScheduled) out.get(1);
        assertThat(inspection.getCauses()).extracting(ExceedanceRef::getExceedanceEventId)
                .containsExactly(severe.getMetadata().getEventId());
    }

    @Test
    void anEpisodeJustUnderTwiceTheLimitSchedulesNothing() {
        exceed(T0, 1.1);
        exceed(T0.plus(Duration.ofDays(1)), 1.99);

        assertThat(events.readValuesToList()).singleElement().isInstanceOf(ComplianceNoticeIssued.class);
    }

    @Test
    void aFacilityHasAtMostOneOpenUnscheduledInspection() {
        exceed(T0, 2.5);
        exceed(T0.plus(Duration.ofDays(1)), 3.0);
        exceed(T0.plus(Duration.ofDays(2)), 1.5);
        exceed(T0.plus(Duration.ofDays(3)), 2.2);

        List<SpecificRecord> out = events.readValuesToList();
        assertThat(out.stream().filter(e -> e instanceof InspectionScheduled)).hasSize(1);
        assertThat(results.readValuesToList()).extracting(CommandResult::getOutcome)
                .containsOnly(CommandOutcome.ACCEPTED);
    }

    @Test
    void onceTheOpenInspectionIsCompletedAFurtherSevereEpisodeSchedulesANewOne() {
        exceed(T0, 2.5);
        InspectionScheduled first = (InspectionScheduled) events.readValuesToList().get(1);
        complete(first.getInspectionId());
        events.readValuesToList();

        exceed(T0.plus(Duration.ofDays(5)), 2.5);

        List<SpecificRecord> out = events.readValuesToList();
        assertThat(out).singleElement().isInstanceOf(InspectionScheduled.class);
        assertThat(((InspectionScheduled) out.get(0)).getInspectionId()).isNotEqualTo(first.getInspectionId());
    }

    @Test
    void aReplayedExceedanceNeverTriggersTwice() {
        ThresholdExceeded severe = InspectionFixtures.exceeded(FACILITY, T0, 2.5);
        exceedances.pipeInput(FACILITY, severe);
        assertThat(events.readValuesToList()).hasSize(2);

        // Replayed at once (the command id repeats), and again after the command ids are forgotten (past the
        // idempotency window: the commands topic's retention of seven days).
        exceedances.pipeInput(FACILITY, severe);
        driver.advanceWallClockTime(Duration.ofDays(8));
        exceedances.pipeInput(FACILITY, severe);

        assertThat(events.readValuesToList()).isEmpty();
        List<CommandResult> answers = results.readValuesToList();
        assertThat(answers).hasSize(3).allMatch(r -> r.getOutcome() == CommandOutcome.ACCEPTED);
        assertThat(answers.get(2).getEventIds()).isEmpty();
    }

    @Test
    void theEndOfAnEpisodeChangesNothing() {
        exceedances.pipeInput(FACILITY, ExceedanceEnded.newBuilder()
                .setMetadata(InspectionFixtures.exceeded(FACILITY, T0, 1.5).getMetadata())
                .setEpisodeId("episode-1").setFacilityId(FACILITY).setSourceId("STACK-1")
                .setPollutant(kz.taza.events.common.Pollutant.SO2).setPermitId("KEP-1").setLimitMgNm3(400)
                .setStartedAt(T0).setEndedAt(T0.plus(Duration.ofHours(1))).setIntervalsAbove(3)
                .setPeakMgNm3(700).setReason(ExceedanceEndReason.values()[0]).build());

        assertThat(events.isEmpty()).isTrue();
        assertThat(results.isEmpty()).isTrue();
    }

    @Test
    void episodesOfAnotherFacilityDoNotCountTowardsTheWindow() {
        facilities.pipeInput("KZ-35-0002", InspectionFixtures.facility("KZ-35-0002", "35", FacilityCategory.II));
        exceed(T0, 1.2);
        exceedances.pipeInput("KZ-35-0002", InspectionFixtures.exceeded("KZ-35-0002", T0.plusSeconds(60), 1.2));
        exceed(T0.plus(Duration.ofDays(2)), 1.2);

        List<SpecificRecord> out = events.readValuesToList();
        assertThat(out).hasSize(2).allMatch(e -> e instanceof ComplianceNoticeIssued);
    }

    @Test
    void anEpisodeAYearOlderThanTheNewestIsForgottenAndActsNoMoreWhenReplayed() {
        TestOutputTopic<String, FacilityCompliance> records = TopologyTestSupport.output(driver,
                InspectionTopics.COMPLIANCE);
        records.readValuesToList();
        ThresholdExceeded old = exceed(T0, 1.3);
        ThresholdExceeded stillKept = exceed(T0.plus(Duration.ofDays(200)), 1.3);
        // 365 days after the first episode started, to the millisecond: the first is as old as the retention, and
        // forgotten; the second is kept
        ThresholdExceeded newest = exceed(T0.plus(Duration.ofDays(365)), 1.3);
        assertThat(events.readValuesToList()).as("each the first of its 30-day window").hasSize(3)
                .allMatch(e -> e instanceof ComplianceNoticeIssued);
        assertThat(last(records).getEpisodes()).extracting(ExceedanceRef::getExceedanceEventId)
                .containsExactly(stillKept.getMetadata().getEventId(), newest.getMetadata().getEventId());

        // replayed after the command ids are forgotten too (the commands topic keeps them seven days): without its
        // record, the old episode could pass for a new one and get a second notice; it is recognised as too old
        driver.advanceWallClockTime(Duration.ofDays(8));
        exceedances.pipeInput(FACILITY, old);
        assertThat(events.readValuesToList()).isEmpty();
        assertThat(results.readValuesToList()).last()
                .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED))
                .satisfies(r -> assertThat(r.getEventIds()).isEmpty());

        // one a millisecond younger than the retention is still taken: new to the record, it gets its notice
        exceedances.pipeInput(FACILITY, InspectionFixtures.exceeded(FACILITY, T0.plusMillis(1), 1.3));
        assertThat(events.readValuesToList()).singleElement().isInstanceOf(ComplianceNoticeIssued.class);
        assertThat(last(records).getEpisodes()).hasSize(3);
    }

    @Test
    void anEpisodeOfAMassLimitIsRecordedAndGetsANoticeLikeAnyEpisode() {
        ThresholdExceeded rate = InspectionFixtures.exceeded(FACILITY, T0, 1.3);
        rate.setLimitKind(kz.taza.events.emission.ExceedanceLimitKind.MASS_RATE);
        rate.setLimitGramsPerSecond(40.0);
        rate.setMeasuredGramsPerSecond(52.0);
        rate.setExcessTonnes(0.0144);
        exceedances.pipeInput(FACILITY, rate);

        assertThat(events.readValuesToList()).singleElement().isInstanceOf(ComplianceNoticeIssued.class)
                .satisfies(e -> assertThat(((ComplianceNoticeIssued) e).getExceedance().getExceedanceEventId())
                        .isEqualTo(rate.getMetadata().getEventId()));
    }

    @Test
    void anEpisodeWrittenWithTheSecondVersionOfThresholdExceededIsStillRead() throws Exception {
        // a producer not yet upgraded writes version 2 (no limit kind, no mass fields), single-object encoded
        org.apache.avro.Schema v2;
        try (java.io.InputStream in = getClass().getResourceAsStream(
                "/kz/taza/schemas/avro-history/kz.taza.events.emission.ThresholdExceeded/v2.avsc")) {
            v2 = new org.apache.avro.Schema.Parser().parse(in);
        }
        org.apache.avro.generic.GenericRecord metadata = new org.apache.avro.generic.GenericData.Record(
                v2.getField("metadata").schema());
        metadata.put("eventId", "event-v2");
        metadata.put("occurredAt", T0.toEpochMilli());
        metadata.put("correlationId", "event-v2");
        metadata.put("causationId", null);
        metadata.put("producer", "emission-service");
        metadata.put("actor", null);
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(v2);
        old.put("metadata", metadata);
        old.put("episodeId", "episode-v2");
        old.put("facilityId", FACILITY);
        old.put("sourceId", "STACK-1");
        old.put("pollutant", new org.apache.avro.generic.GenericData.EnumSymbol(v2.getField("pollutant").schema(),
                "SO2"));
        old.put("permitId", "KEP-" + FACILITY);
        old.put("limitMgNm3", 400.0);
        old.put("measuredMgNm3", 520.0);
        old.put("ratio", 1.3);
        old.put("intervalStart", T0.toEpochMilli());
        old.put("intervalMinutes", 20);
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), v2).encode(old).array();
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(EmissionTopics.EXCEEDANCES.name(),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());

        raw.pipeInput(FACILITY, bytes);

        assertThat(events.readValuesToList()).singleElement().isInstanceOf(ComplianceNoticeIssued.class)
                .satisfies(e -> assertThat(((ComplianceNoticeIssued) e).getExceedance().getExceedanceEventId())
                        .isEqualTo("event-v2"));
    }

    private static FacilityCompliance last(TestOutputTopic<String, FacilityCompliance> records) {
        List<FacilityCompliance> all = records.readValuesToList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    private ThresholdExceeded exceed(Instant start, double ratio) {
        ThresholdExceeded event = InspectionFixtures.exceeded(FACILITY, start, ratio);
        exceedances.pipeInput(FACILITY, event);
        return event;
    }

    private void complete(String inspectionId) {
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(kz.taza.platform.command.CommandHeaders.COMMAND_ID, "complete-1".getBytes());
        commands.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(FACILITY,
                kz.taza.events.inspection.CompleteInspection.newBuilder().setFacilityId(FACILITY)
                        .setInspectionId(inspectionId).setCompletedOn(LocalDate.of(2025, 6, 1))
                        .setViolations(List.of()).build(), headers, NOW));
    }
}

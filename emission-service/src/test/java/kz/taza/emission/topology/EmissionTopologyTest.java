package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static kz.taza.emission.EmissionFixtures.permit;
import static kz.taza.emission.EmissionFixtures.reading;
import static kz.taza.emission.EmissionFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionFixtures;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.emission.ExceedanceEndReason;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.MonitoringGapDetected;
import kz.taza.events.emission.MonitoringResumed;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kpi.Micros;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;

/** The emission pipeline, record by record, with the real codec and the service's own topology. */
class EmissionTopologyTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final String F1 = "KZ-55-0001";
    private static final String F2 = "KZ-35-0002";

    private TopologyTestDriver driver;
    private TestInputTopic<String, Facility> facilities;
    private TestInputTopic<String, Permit> permits;
    private TestInputTopic<String, AmsReading> readings;
    private TestInputTopic<String, EmissionReportSubmitted> reports;
    private TestOutputTopic<String, SpecificRecord> exceedances;
    private TestOutputTopic<String, SpecificRecord> monitoring;
    private TestOutputTopic<String, KpiValue> kpis;
    private TestOutputTopic<String, byte[]> rejected;

    @BeforeEach
    void start() {
        EmissionSettings settings = EmissionFixtures.topologySettings();
        driver = TopologyTestSupport.driver(NOW, new EmissionTopology(settings,
                new EventMetadataFactory("emission-service")));
        facilities = TopologyTestSupport.input(driver, PermitTopics.FACILITIES);
        permits = TopologyTestSupport.input(driver, PermitTopics.PERMITS);
        readings = TopologyTestSupport.input(driver, EmissionTopics.AMS_READINGS);
        reports = TopologyTestSupport.input(driver, EmissionTopics.REPORTS);
        exceedances = TopologyTestSupport.output(driver, EmissionTopics.EXCEEDANCES);
        monitoring = TopologyTestSupport.output(driver, EmissionTopics.MONITORING);
        kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
        rejected = driver.createOutputTopic(EmissionTopics.AMS_READINGS.rejectedTopicName(),
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        facilities.pipeInput(F1, facility(F1));
        facilities.pipeInput(F2, facility(F2, "35", FacilityCategory.II, "metallurgy", false));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void consecutiveIntervalsAboveTheLimitFormOneEpisodeThatEndsWhenBackUnder() {
        // given an ACTIVE permit limiting SO2 at the stack to 400 mg/Nm3
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));

        // when the stack reports under, twice above, then under the limit
        send(F1, "2025-03-03T10:00:00Z", 350, ReadingStatus.VALID);
        send(F1, "2025-03-03T10:20:00Z", 450, ReadingStatus.VALID);
        send(F1, "2025-03-03T10:40:00Z", 500, ReadingStatus.VALID);
        send(F1, "2025-03-03T11:00:00Z", 380, ReadingStatus.VALID);

        // then one episode: started at the first interval above, ended at the first back under
        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2);
        ThresholdExceeded started = (ThresholdExceeded) events.get(0);
        assertThat(started.getFacilityId()).isEqualTo(F1);
        assertThat(started.getPermitId()).isEqualTo("KEP-" + F1);
        assertThat(started.getLimitMgNm3()).isEqualTo(400.0);
        assertThat(started.getMeasuredMgNm3()).isEqualTo(450.0);
        assertThat(started.getRatio()).isEqualTo(1.125);
        assertThat(started.getIntervalStart()).isEqualTo(Instant.parse("2025-03-03T10:20:00Z"));
        ExceedanceEnded ended = (ExceedanceEnded) events.get(1);
        assertThat(ended.getEpisodeId()).isEqualTo(started.getEpisodeId());
        assertThat(ended.getIntervalsAbove()).isEqualTo(2);
        assertThat(ended.getPeakMgNm3()).isEqualTo(500.0);
        assertThat(ended.getEndedAt()).isEqualTo(Instant.parse("2025-03-03T11:00:00Z"));
        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.BACK_UNDER_LIMIT);

        // and the episode is counted once in the month's and the year's exceedance KPI
        Map<String, KpiValue> values = kpis();
        assertThat(values.get("emissions.exceedances.count|NATIONAL|MONTH:2025-03-01").getValue()).isEqualTo(1.0);
        assertThat(values.get("emissions.exceedances.count|REGION:55|YEAR:2025-01-01").getValue()).isEqualTo(1.0);
        assertThat(values.get("emissions.exceedances.count|POLLUTANT:SO2|MONTH:2025-03-01").getValue())
                .isEqualTo(1.0);
    }

    @Test
    void anExceedanceIsCausedByItsReadingWithAnIdAReplayReproduces() {
        // given a reading above the limit, taken in over REST as the 4th of batch b-7
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));
        Instant start = Instant.parse("2025-03-03T10:20:00Z");
        AmsReading above = reading(F1, start, 450, ReadingStatus.VALID);
        above.setMetadata(new EventMetadataFactory("emission-service").metadata(
                new EventCause("b-7", "b-7", null), 3, start));

        // when it is processed, and processed again from scratch (a replay after a crash)
        readings.pipeInput(F1, above, start.plus(Duration.ofMinutes(20)));
        EventMetadata first = ((ThresholdExceeded) exceedances.readValue()).getMetadata();
        stop();
        start();
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));
        readings.pipeInput(F1, above, start.plus(Duration.ofMinutes(20)));
        EventMetadata replayed = ((ThresholdExceeded) exceedances.readValue()).getMetadata();

        // then the exceedance's metadata names the reading as its cause, in the batch's flow, and is the same again
        assertThat(first.getCausationId()).isEqualTo(above.getMetadata().getEventId());
        assertThat(first.getCorrelationId()).isEqualTo("b-7");
        assertThat(first.getProducer()).isEqualTo("emission-service");
        assertThat(first.getEventId()).isNotEqualTo(above.getMetadata().getEventId());
        assertThat(replayed).isEqualTo(first);
    }

    @Test
    void aReadingExactlyAtTheLimitIsNotAnExceedance() {
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));

        send(F1, "2025-03-03T10:00:00Z", 400.0, ReadingStatus.VALID);
        assertThat(exceedances.isEmpty()).isTrue();

        send(F1, "2025-03-03T10:20:00Z", 400.001, ReadingStatus.VALID);
        assertThat(exceedances.readValuesToList()).singleElement().isInstanceOf(ThresholdExceeded.class);
    }

    @Test
    void readingsThatAreNotValidAreNeverComparedWithTheLimit() {
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));

        // far above the limit, but not VALID: no episode
        send(F1, "2025-03-03T10:00:00Z", 900, ReadingStatus.CALIBRATION);
        send(F1, "2025-03-03T10:20:00Z", 900, ReadingStatus.FAULT);
        send(F1, "2025-03-03T10:40:00Z", 900, ReadingStatus.SUBSTITUTED);
        send(F1, "2025-03-03T11:00:00Z", 900, ReadingStatus.MAINTENANCE);
        assertThat(exceedances.isEmpty()).isTrue();

        // an episode is not ended by a non-VALID interval under the limit either
        send(F1, "2025-03-03T11:20:00Z", 450, ReadingStatus.VALID);
        send(F1, "2025-03-03T11:40:00Z", 100, ReadingStatus.FAULT);
        assertThat(exceedances.readValuesToList()).singleElement().isInstanceOf(ThresholdExceeded.class);
    }

    @Test
    void aFacilityWithoutAnActivePermitHasNoLimitToExceed() {
        permits.pipeInput(F1, permit(F1, PermitStatus.SUSPENDED, 400.0));

        send(F1, "2025-03-03T10:00:00Z", 900, ReadingStatus.VALID);
        send(F2, "2025-03-03T10:00:00Z", 900, ReadingStatus.VALID); // F2 has no permit at all

        assertThat(exceedances.isEmpty()).isTrue();
    }

    @Test
    void aPermitAmendedMidEpisodeIsComparedWithItsNewLimit() {
        // given an episode open against 400 mg/Nm3
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));
        send(F1, "2025-03-03T10:00:00Z", 450, ReadingStatus.VALID);

        // when the limit is lowered, the episode goes on (no second start)
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 300.0));
        send(F1, "2025-03-03T10:20:00Z", 350, ReadingStatus.VALID);
        // when it is raised above the measured value, the episode ends
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 600.0));
        send(F1, "2025-03-03T10:40:00Z", 480, ReadingStatus.VALID);

        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(ThresholdExceeded.class);
        ExceedanceEnded ended = (ExceedanceEnded) events.get(1);
        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.BACK_UNDER_LIMIT);
        assertThat(ended.getIntervalsAbove()).isEqualTo(2);
        assertThat(ended.getLimitMgNm3()).isEqualTo(400.0);

        // and a suspension mid-episode ends it: no limit is in force any more
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));
        send(F1, "2025-03-03T11:00:00Z", 450, ReadingStatus.VALID);
        permits.pipeInput(F1, permit(F1, PermitStatus.SUSPENDED, 400.0));
        send(F1, "2025-03-03T11:20:00Z", 470, ReadingStatus.VALID);
        List<SpecificRecord> more = exceedances.readValuesToList();
        assertThat(more).hasSize(2);
        assertThat(((ExceedanceEnded) more.get(1)).getReason()).isEqualTo(ExceedanceEndReason.LIMIT_NOT_IN_FORCE);
    }

    @Test
    void aSilentSourceGetsAGapAndItsNextReadingResumesIt() {
        // given F1's stack reported up to 10:20
        send(F1, "2025-03-03T10:00:00Z", 100, ReadingStatus.VALID);

        // when the readings' clock reaches 11:20 (exactly 60 minutes of silence), no gap yet
        send(F2, "2025-03-03T11:00:00Z", 100, ReadingStatus.VALID);
        assertThat(monitoring.isEmpty()).isTrue();

        // when it passes 60 minutes, the gap is declared once
        send(F2, "2025-03-03T11:20:00Z", 100, ReadingStatus.VALID);
        send(F2, "2025-03-03T11:40:00Z", 100, ReadingStatus.VALID);
        List<SpecificRecord> gaps = monitoring.readValuesToList();
        assertThat(gaps).singleElement().isInstanceOf(MonitoringGapDetected.class);
        MonitoringGapDetected gap = (MonitoringGapDetected) gaps.get(0);
        assertThat(gap.getFacilityId()).isEqualTo(F1);
        assertThat(gap.getLastReadingAt()).isEqualTo(Instant.parse("2025-03-03T10:20:00Z"));
        assertThat(gap.getThresholdMinutes()).isEqualTo(60);

        // then its next reading (even a FAULT one: the analyser is sending again) resumes monitoring
        send(F1, "2025-03-03T12:00:00Z", 100, ReadingStatus.FAULT);
        MonitoringResumed resumed = (MonitoringResumed) monitoring.readValue();
        assertThat(resumed.getGapStartedAt()).isEqualTo(Instant.parse("2025-03-03T10:20:00Z"));
        assertThat(resumed.getResumedAt()).isEqualTo(Instant.parse("2025-03-03T12:00:00Z"));
        assertThat(resumed.getGapMinutes()).isEqualTo(100);
    }

    @Test
    void inAReplayOfLastYearWithReportsOfTodayOnlyTheSourceSilentForTwoHoursGetsAGapAndItResumes() {
        // given last year's readings replayed today: F1 and F2 report every 20 minutes from 08:00 to 09:00
        Instant day = Instant.parse("2024-03-04T08:00:00Z");
        for (int i = 0; i < 3; i++) {
            send(F1, day.plus(Duration.ofMinutes(20L * i)).toString(), 100, ReadingStatus.VALID);
            send(F2, day.plus(Duration.ofMinutes(20L * i)).toString(), 100, ReadingStatus.VALID);
        }
        // and reports submitted today arrive in between (same task: their record time is today)
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 100.0, NOW), NOW);

        // when F1 then falls silent for two hours (09:00 to 11:00) while F2 goes on, with another report of today
        for (int i = 3; i < 9; i++) {
            send(F2, day.plus(Duration.ofMinutes(20L * i)).toString(), 100, ReadingStatus.VALID);
            if (i == 5) {
                reports.pipeInput(F2, report(F2, 2024, Pollutant.SO2, 80.0, NOW), NOW);
            }
        }
        // and F1 speaks again at 11:00, F2 still reporting
        send(F1, "2024-03-04T11:00:00Z", 100, ReadingStatus.VALID);
        send(F2, "2024-03-04T11:00:00Z", 100, ReadingStatus.VALID);
        send(F1, "2024-03-04T11:20:00Z", 100, ReadingStatus.VALID);
        send(F2, "2024-03-04T11:20:00Z", 100, ReadingStatus.VALID);

        // then F1 has exactly one gap, declared when last year's readings passed 60 minutes of its silence (10:20),
        // and one resumption; F2, never silent, has nothing
        List<TestRecord<String, SpecificRecord>> events = monitoring.readRecordsToList();
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(event -> assertThat(event.key()).isEqualTo(F1));
        MonitoringGapDetected gap = (MonitoringGapDetected) events.get(0).value();
        assertThat(gap.getFacilityId()).isEqualTo(F1);
        assertThat(gap.getSourceId()).isEqualTo(EmissionFixtures.STACK);
        assertThat(gap.getLastReadingAt()).isEqualTo(Instant.parse("2024-03-04T09:00:00Z"));
        assertThat(gap.getThresholdMinutes()).isEqualTo(60);
        assertThat(gap.getMetadata().getOccurredAt()).isEqualTo(Instant.parse("2024-03-04T10:20:00Z"));
        assertThat(events.get(0).timestamp()).isEqualTo(Instant.parse("2024-03-04T10:20:00Z").toEpochMilli());
        MonitoringResumed resumed = (MonitoringResumed) events.get(1).value();
        assertThat(resumed.getGapStartedAt()).isEqualTo(Instant.parse("2024-03-04T09:00:00Z"));
        assertThat(resumed.getResumedAt()).isEqualTo(Instant.parse("2024-03-04T11:00:00Z"));
        assertThat(resumed.getGapMinutes()).isEqualTo(120);
    }

    @Test
    void reportsArrivingAheadOfTheLaggingReadingsDeclareNoGapAndDoNotMakeOneEarly() {
        // given live readings of F1 and F2 that reach the service 75 minutes after their interval ends (buffered
        // gateway), with reports submitted meanwhile, stamped with the wall clock, ahead of every reading
        Instant day = Instant.parse("2025-03-10T06:00:00Z");
        for (int i = 0; i < 6; i++) {
            Instant start = day.plus(Duration.ofMinutes(20L * i));
            send(F1, start.toString(), 100, ReadingStatus.VALID);
            send(F2, start.toString(), 100, ReadingStatus.VALID);
            Instant submitted = start.plus(Duration.ofMinutes(20 + 75));
            reports.pipeInput(i % 2 == 0 ? F1 : F2, report(i % 2 == 0 ? F1 : F2, 2024, Pollutant.SO2, 100.0 + i,
                    submitted), submitted);
        }
        // then no source is silent: the reports interleaved with them declare no gap
        assertThat(monitoring.isEmpty()).isTrue();

        // when F1 falls silent after 08:00 and F2 reports up to 09:00, exactly 60 minutes of F1's silence,
        // while a report stamped 10:15 (75 minutes ahead of the readings) arrives
        send(F2, "2025-03-10T08:00:00Z", 100, ReadingStatus.VALID);
        send(F2, "2025-03-10T08:20:00Z", 100, ReadingStatus.VALID);
        send(F2, "2025-03-10T08:40:00Z", 100, ReadingStatus.VALID);
        reports.pipeInput(F2, report(F2, 2023, Pollutant.SO2, 90.0, Instant.parse("2025-03-10T10:15:00Z")),
                Instant.parse("2025-03-10T10:15:00Z"));
        // then there is no gap yet: the readings, not the report, say how long F1 has been silent
        assertThat(monitoring.isEmpty()).isTrue();

        // and when F2's next interval takes the readings past 60 minutes, F1's gap is declared, once (and not again
        // with the interval after)
        send(F2, "2025-03-10T09:00:00Z", 100, ReadingStatus.VALID);
        send(F2, "2025-03-10T09:20:00Z", 100, ReadingStatus.VALID);
        List<SpecificRecord> gaps = monitoring.readValuesToList();
        assertThat(gaps).singleElement().isInstanceOf(MonitoringGapDetected.class);
        MonitoringGapDetected gap = (MonitoringGapDetected) gaps.get(0);
        assertThat(gap.getFacilityId()).isEqualTo(F1);
        assertThat(gap.getLastReadingAt()).isEqualTo(Instant.parse("2025-03-10T08:00:00Z"));
        assertThat(gap.getMetadata().getOccurredAt()).isEqualTo(Instant.parse("2025-03-10T09:20:00Z"));
    }

    @Test
    void aLateReadingUpdatesItsMonthAndARepeatedOneIsNotCountedTwice() {
        // 500 mg/Nm3 x 300,000 Nm3/h x 1/3 h = 0.05 t
        send(F1, "2025-03-05T10:00:00Z", 500, ReadingStatus.VALID);
        assertThat(kpis().get("emissions.measured.tonnes|NATIONAL|MONTH:2025-03-01").getValue())
                .isCloseTo(0.05, within());

        // a late reading for the 1st of March, then the same reading sent again
        send(F1, "2025-03-01T10:00:00Z", 500, ReadingStatus.VALID);
        send(F1, "2025-03-01T10:00:00Z", 500, ReadingStatus.VALID);

        Map<String, KpiValue> values = kpis();
        KpiValue march = values.get("emissions.measured.tonnes|NATIONAL|MONTH:2025-03-01");
        assertThat(march.getValue()).isCloseTo(0.10, within());
        assertThat(march.getInputEvents()).isEqualTo(2);
        assertThat(values.get("emissions.measured.tonnes|REGION:55|YEAR:2025-01-01").getValue())
                .isCloseTo(0.10, within());

        // a correction of that interval to FAULT takes its tonnes back out
        send(F1, "2025-03-01T10:00:00Z", 500, ReadingStatus.FAULT);
        assertThat(kpis().get("emissions.measured.tonnes|POLLUTANT:SO2|MONTH:2025-03-01").getValue())
                .isCloseTo(0.05, within());
    }

    @Test
    void aReadingAsLateAsTheHorizonStillUpdatesItsMonthOnceAndItsRepeatIsNotCountedAgain() {
        // given the stack has reported up to 6 March (the horizon is the default week)
        send(F1, "2025-03-06T10:00:00Z", 500, ReadingStatus.VALID);
        assertThat(kpis().get("emissions.measured.tonnes|NATIONAL|MONTH:2025-03-01").getValue())
                .isCloseTo(0.05, within());

        // when the gateway sends a buffered February interval exactly one week older, then sends it again
        send(F1, "2025-02-27T10:00:00Z", 500, ReadingStatus.VALID);
        send(F1, "2025-02-27T10:00:00Z", 500, ReadingStatus.VALID);

        // then February counts it once, March is untouched, and nothing was rejected
        Map<String, KpiValue> values = kpis();
        KpiValue february = values.get("emissions.measured.tonnes|NATIONAL|MONTH:2025-02-01");
        assertThat(february.getValue()).isCloseTo(0.05, within());
        assertThat(february.getInputEvents()).isEqualTo(1);
        assertThat(values.get("ams.sources.transmitting|NATIONAL|MONTH:2025-02-01").getValue()).isEqualTo(1.0);
        assertThat(values).doesNotContainKey("emissions.measured.tonnes|NATIONAL|MONTH:2025-03-01");
        assertThat(rejected.isEmpty()).isTrue();

        // and a repeat of the March interval, inside the horizon too, changes nothing
        send(F1, "2025-03-06T10:00:00Z", 500, ReadingStatus.VALID);
        assertThat(kpis()).isEmpty();
    }

    @Test
    void aReadingBeyondTheHorizonGoesToTheRejectedTopicAsTooLateAndChangesNoKpi() {
        // given the stack has reported up to 9 March, above its limit
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));
        send(F1, "2025-03-09T10:00:00Z", 500, ReadingStatus.VALID);
        kpis();
        exceedances.readValuesToList();
        monitoring.readValuesToList();

        // when a reading arrives for an interval 20 minutes more than a week older (and above the limit)
        AmsReading tooLate = reading(F1, Instant.parse("2025-03-02T09:40:00Z"), 900, ReadingStatus.VALID);
        readings.pipeInput(F1, tooLate, Instant.parse("2025-03-09T10:30:00Z"));

        // then it is in the rejected topic as its original bytes, with TOO_LATE and the horizon in the headers
        TestRecord<String, byte[]> reject = rejected.readRecord();
        assertThat(reject.key()).isEqualTo(F1);
        assertThat(reject.value())
                .isEqualTo(EmissionTopics.AMS_READINGS.valueSerde().serializer().serialize("t", tooLate));
        assertThat(header(reject, RejectedRecordHeaders.ERROR_REASON)).isEqualTo("TOO_LATE");
        assertThat(header(reject, RejectedRecordHeaders.ERROR_MESSAGE))
                .contains("2025-03-02T09:40:00Z", "PT168H", "taza.emission.max-reading-lateness");
        assertThat(header(reject, RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("PROCESSING");
        assertThat(header(reject, RejectedRecordHeaders.SOURCE_TOPIC)).isEqualTo(EmissionTopics.AMS_READINGS.name());

        // and no KPI, exceedance or monitoring event came of it
        assertThat(kpis()).isEmpty();
        assertThat(exceedances.readValuesToList()).isEmpty();
        assertThat(monitoring.readValuesToList()).isEmpty();

        // and the pipeline goes on: the next interval is counted
        send(F1, "2025-03-09T10:20:00Z", 500, ReadingStatus.VALID);
        assertThat(kpis().get("emissions.measured.tonnes|NATIONAL|MONTH:2025-03-01").getValue())
                .isCloseTo(0.10, within());
        assertThat(rejected.isEmpty()).isTrue();
    }

    @Test
    void lateReadingsAreMeasuredAgainstTheNewestReadingNotAgainstReportsOfToday() {
        // given a report submitted now (record time 10 March) for the same facility, so the same task
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 100.0, NOW), NOW);

        // when readings of two weeks ago arrive after it
        send(F1, "2025-02-24T10:00:00Z", 500, ReadingStatus.VALID);

        // then they are counted, not refused as late
        assertThat(rejected.isEmpty()).isTrue();
        assertThat(kpis().get("emissions.measured.tonnes|NATIONAL|MONTH:2025-02-01").getValue())
                .isCloseTo(0.05, within());
    }

    @Test
    void dataAvailabilityAndTransmittingSourcesFollowTheValidIntervals() {
        // the Kazakhstan day of 4 March starts at 19:00 UTC on the 3rd; one AMS-required source, SO2 required
        send(F1, "2025-03-03T19:00:00Z", 100, ReadingStatus.VALID);
        send(F1, "2025-03-03T19:20:00Z", 100, ReadingStatus.VALID);
        Map<String, KpiValue> values = kpis();
        // F1 and F2 each have one AMS-required source: 2 sources x 2 intervals expected, 2 VALID
        assertThat(values.get("ams.data_availability_pct|NATIONAL|DAY:2025-03-04").getValue()).isEqualTo(50.0);
        assertThat(values.get("ams.data_availability_pct|REGION:55|DAY:2025-03-04").getValue()).isEqualTo(100.0);
        assertThat(values.get("ams.sources.transmitting|NATIONAL|DAY:2025-03-04").getValue()).isEqualTo(1.0);

        send(F1, "2025-03-03T19:40:00Z", 100, ReadingStatus.FAULT);
        send(F1, "2025-03-03T20:00:00Z", 100, ReadingStatus.VALID);
        assertThat(kpis().get("ams.data_availability_pct|REGION:55|DAY:2025-03-04").getValue()).isEqualTo(75.0);
    }

    @Test
    void availabilityCountsInstalledMonitorsOnlyAndObligedSourcesWithoutOneAreCountedApart() {
        // F1 gets a second AMS-required stack without AMS installed
        facilities.pipeInput(F1, withSecondStack(F1, false));
        send(F1, "2025-03-03T19:00:00Z", 100, ReadingStatus.VALID);
        send(F1, "2025-03-03T19:20:00Z", 100, ReadingStatus.VALID);

        // availability is that of the installed stack (F1) and of F2's: the stack without AMS is no missing data
        Map<String, KpiValue> values = kpis();
        assertThat(values.get("ams.data_availability_pct|REGION:55|DAY:2025-03-04").getValue()).isEqualTo(100.0);
        assertThat(values.get("ams.data_availability_pct|NATIONAL|DAY:2025-03-04").getValue()).isEqualTo(50.0);
        // the stack without AMS is counted apart, for the day and month of the registry's recount (wall clock)
        assertThat(values.get("ams.sources.obliged_not_installed|REGION:55|DAY:2025-03-10").getValue())
                .isEqualTo(1.0);
        assertThat(values.get("ams.sources.obliged_not_installed|NATIONAL|DAY:2025-03-10").getValue())
                .isEqualTo(1.0);
        KpiValue month = values.get("ams.sources.obliged_not_installed|NATIONAL|MONTH:2025-03-01");
        assertThat(month.getValue()).isEqualTo(1.0);
        assertThat(month.getInputEvents()).isEqualTo(1);
        assertThat(values).doesNotContainKey("ams.sources.obliged_not_installed|REGION:35|DAY:2025-03-10");

        // when the registry says the second stack now has AMS installed
        facilities.pipeInput(F1, withSecondStack(F1, true));
        send(F1, "2025-03-03T19:40:00Z", 100, ReadingStatus.VALID);

        // then it leaves the obliged-not-installed count and enters the availability denominator
        values = kpis();
        assertThat(values.get("ams.sources.obliged_not_installed|REGION:55|DAY:2025-03-10").getValue())
                .isEqualTo(0.0);
        assertThat(values.get("ams.sources.obliged_not_installed|NATIONAL|MONTH:2025-03-01").getValue())
                .isEqualTo(0.0);
        // F1: 3 VALID intervals of 2 stacks x 3 intervals expected
        assertThat(values.get("ams.data_availability_pct|REGION:55|DAY:2025-03-04").getValue()).isEqualTo(50.0);

        // and an unchanged registry is not published again the same day
        assertThat(kpis()).doesNotContainKey("ams.sources.obliged_not_installed|REGION:55|DAY:2025-03-10");
    }

    @Test
    void anAmendedReportReplacesTheEarlierTonnesInsteadOfAddingToThem() {
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 100.0, Instant.parse("2025-02-01T00:00:00Z")));
        flush();
        assertThat(kpis().get("emissions.reported.tonnes|NATIONAL|YEAR:2024-01-01").getValue()).isEqualTo(100.0);

        // the operator corrects the report
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 80.0, Instant.parse("2025-02-10T00:00:00Z")));
        // an older submission arriving late changes nothing
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 500.0, Instant.parse("2025-01-15T00:00:00Z")));
        flush();

        Map<String, KpiValue> values = kpis();
        assertThat(values.get("emissions.reported.tonnes|NATIONAL|YEAR:2024-01-01").getValue()).isEqualTo(80.0);
        assertThat(values.get("emissions.reported.tonnes|NATIONAL|YEAR:2024-01-01").getInputEvents()).isEqualTo(1);
        assertThat(values.get("emissions.reported.tonnes|SECTOR:energy|YEAR:2024-01-01").getValue()).isEqualTo(80.0);
        assertThat(values.get("emissions.reported.tonnes|CATEGORY:I|YEAR:2024-01-01").getValue()).isEqualTo(80.0);
    }

    @Test
    void reportsGiveTheYearOnYearChangeNationallyAndForTheTop50CategoryIGroup() {
        // F1: Category I of a top-50 enterprise, halves its emissions; F2: Category II, rises
        reports.pipeInput(F1, report(F1, 2023, Pollutant.SO2, 100.0, Instant.parse("2024-02-01T00:00:00Z")));
        reports.pipeInput(F2, report(F2, 2023, Pollutant.SO2, 100.0, Instant.parse("2024-02-01T00:00:00Z")));
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 50.0, Instant.parse("2025-02-01T00:00:00Z")));
        reports.pipeInput(F2, report(F2, 2024, Pollutant.SO2, 138.0, Instant.parse("2025-02-01T00:00:00Z")));
        flush();

        Map<String, KpiValue> values = kpis();
        KpiValue national = values.get("emissions.reported.change_pct|NATIONAL|YEAR:2024-01-01");
        assertThat(national.getValue()).isEqualTo(-6.0);
        assertThat(national.getBaseline()).isEqualTo(200.0);
        assertThat(values.get("emissions.reported.change_pct|GROUP:TOP50_CAT1|YEAR:2024-01-01").getValue())
                .isEqualTo(-50.0);
        assertThat(values.get("emissions.reported.tonnes|NATIONAL|YEAR:2024-01-01").getChangePct()).isEqualTo(-6.0);
        assertThat(values.get("emissions.reported.change_pct|REGION:35|YEAR:2024-01-01").getValue()).isEqualTo(38.0);

        // a late correction of 2023 moves 2024's baseline, and the change is published again
        reports.pipeInput(F2, report(F2, 2023, Pollutant.SO2, 150.0, Instant.parse("2024-03-01T00:00:00Z")));
        flush();
        assertThat(kpis().get("emissions.reported.change_pct|NATIONAL|YEAR:2024-01-01").getValue())
                .isEqualTo(-24.8); // 188 against 100 + 150
    }

    @Test
    void anIntervalCorrectedManyTimesAndBackToItsFirstReadingLeavesTheMeasuredTotalsExactlyAsTheyWere() {
        // given two intervals of the stack, of awkward masses: the first is to be corrected, the second stays
        Instant corrected = Instant.parse("2025-03-05T10:00:00Z");
        send(F1, corrected, 123.4567, 287_654.3, ReadingStatus.VALID);
        send(F1, corrected.plus(Duration.ofMinutes(20)), 77.7, 301_234.5, ReadingStatus.VALID);
        Map<String, KpiValue> original = kpis();
        List<String> keys = List.of("emissions.measured.tonnes|NATIONAL|MONTH:2025-03-01",
                "emissions.measured.tonnes|REGION:55|YEAR:2025-01-01",
                "emissions.measured.tonnes|POLLUTANT:SO2|MONTH:2025-03-01");
        assertThat(original).containsKeys(keys.toArray(String[]::new));

        // when the first interval is corrected over and over (masses from 1e-11 t to 666 t, to FAULT and back to
        // VALID), the changes handed on now after one correction, now after several
        double[][] corrections = {{0.1, 300_000}, {0.2, 300_000}, {1e-7, 300_000}, {12_345.6789, 123_456.789},
                {99_999.9999, 19_999_999.9}, {1.0 / 3, 7_777_777.7}, {0.3, 1.1}, {4.2e-3, 0.7}};
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < corrections.length; i++) {
                ReadingStatus status = (round + i) % 5 == 0 ? ReadingStatus.FAULT : ReadingStatus.VALID;
                send(F1, corrected, corrections[i][0], corrections[i][1], status);
                if ((round + i) % 3 == 0) {
                    flush();
                }
            }
        }
        Map<String, KpiValue> meanwhile = kpis();
        assertThat(meanwhile.get(keys.get(0)).getValue()).isNotEqualTo(original.get(keys.get(0)).getValue());

        // and finally back to what it first said
        send(F1, corrected, 123.4567, 287_654.3, ReadingStatus.VALID);

        // then every total is exactly what the first two readings made it, not merely close to it
        Map<String, KpiValue> restored = kpis();
        for (String key : keys) {
            assertThat(restored.get(key).getValue()).as(key).isEqualTo(original.get(key).getValue());
            assertThat(restored.get(key).getInputEvents()).as(key).isEqualTo(2);
        }
        // and that is the two masses, each rounded once to the gram
        long grams = Micros.of(EmissionMass.tonnes(123.4567, 287_654.3, 20))
                + Micros.of(EmissionMass.tonnes(77.7, 301_234.5, 20));
        assertThat(restored.get(keys.get(0)).getValue()).isEqualTo(Micros.toDouble(grams));
    }

    @Test
    void aReportReplacedByManyVersionsAndBackToItsFirstTonnesLeavesTheReportedTotalsExactlyAsTheyWere() {
        // given reports of both facilities for 2024 and 2023 (the year-on-year change has a baseline)
        Instant submitted = Instant.parse("2025-02-01T00:00:00Z");
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 1234.5678, submitted));
        reports.pipeInput(F2, report(F2, 2024, Pollutant.SO2, 0.7, submitted));
        reports.pipeInput(F1, report(F1, 2023, Pollutant.SO2, 999.9, submitted.minus(Duration.ofDays(365))));
        Map<String, KpiValue> original = kpis();
        List<String> keys = List.of("emissions.reported.tonnes|NATIONAL|YEAR:2024-01-01",
                "emissions.reported.tonnes|SECTOR:energy|YEAR:2024-01-01",
                "emissions.reported.tonnes|POLLUTANT:SO2|YEAR:2024-01-01",
                "emissions.reported.change_pct|NATIONAL|YEAR:2024-01-01");
        assertThat(original).containsKeys(keys.toArray(String[]::new));

        // when F1 replaces its 2024 report again and again with awkward tonnes, each version a minute later
        double[] versions = {0.1, 0.2, 1e-7, 12_345.6789, 999_999.999999, 1.0 / 3, 0.3, 5e-7, 77_777.77777};
        Instant at = submitted;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < versions.length; i++) {
                at = at.plus(Duration.ofMinutes(1));
                reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, versions[i], at));
                if ((round + i) % 4 == 0) {
                    flush();
                }
            }
        }
        assertThat(kpis().get(keys.get(0)).getValue()).isNotEqualTo(original.get(keys.get(0)).getValue());

        // and finally with what it first said
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 1234.5678, at.plus(Duration.ofMinutes(1))));

        // then every reported total, and the change computed from it, is exactly what the first reports made it
        Map<String, KpiValue> restored = kpis();
        for (String key : keys) {
            assertThat(restored.get(key).getValue()).as(key).isEqualTo(original.get(key).getValue());
        }
        assertThat(restored.get(keys.get(0)).getInputEvents()).isEqualTo(2);
        assertThat(restored.get(keys.get(0)).getValue()).isEqualTo(1235.2678);
    }

    @Test
    void reportedTonnesBecomeFeesDueAtTheRateOfTheirPollutantAndTheMciOfTheirYearAndACorrectionReplacesThem() {
        // given F2 (Category II, Karaganda, no permit) reports SO2, CO and H2S for 2024
        reports.pipeInput(F2, report(F2, 2024, Pollutant.SO2, 100.0, Instant.parse("2025-02-01T00:00:00Z")));
        reports.pipeInput(F2, report(F2, 2024, Pollutant.CO, 12.5, Instant.parse("2025-02-01T00:00:00Z")));
        reports.pipeInput(F2, report(F2, 2024, Pollutant.H2S, 3.0, Instant.parse("2025-02-01T00:00:00Z")));
        Map<String, KpiValue> first = kpis();

        // then SO2 is charged 20 MCI/t and CO 0.32 MCI/t at 2024's MCI of 3,692 KZT; H2S has no rate: not charged
        // 100 x 20 x 3692 = 7,384,000; 12.5 x 0.32 x 3692 = 14,768
        KpiValue due = first.get("emissions.fees.due_kzt|REGION:35|YEAR:2024-01-01");
        assertThat(due.getValue()).isEqualTo(7_398_768.0);
        assertThat(due.getUnit()).isEqualTo("KZT");
        assertThat(due.getInputEvents()).isEqualTo(2);
        assertThat(first.get("emissions.fees.due_kzt|NATIONAL|YEAR:2024-01-01").getValue()).isEqualTo(7_398_768.0);
        // and nothing of it is redirected: F2 holds no KEP
        assertThat(first).doesNotContainKey("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:2024-01-01");

        // when the operator corrects SO2 late, and an older version of it arrives after the correction
        reports.pipeInput(F2, report(F2, 2024, Pollutant.SO2, 80.0, Instant.parse("2025-04-01T00:00:00Z")));
        reports.pipeInput(F2, report(F2, 2024, Pollutant.SO2, 500.0, Instant.parse("2025-03-01T00:00:00Z")));

        // then the corrected version's fee replaces the first one's: 80 x 20 x 3692 = 5,907,200 (+ CO's 14,768)
        Map<String, KpiValue> corrected = kpis();
        assertThat(corrected.get("emissions.fees.due_kzt|REGION:35|YEAR:2024-01-01").getValue())
                .isEqualTo(5_921_968.0);
        assertThat(corrected.get("emissions.fees.due_kzt|REGION:35|YEAR:2024-01-01").getInputEvents()).isEqualTo(2);
        assertThat(corrected.get("emissions.fees.due_kzt|NATIONAL|YEAR:2024-01-01").getValue())
                .isEqualTo(5_921_968.0);

        // and a 2023 report is charged at 2023's MCI (3,450): 10 x 10 x 3450 = 345,000
        reports.pipeInput(F2, report(F2, 2023, Pollutant.DUST, 10.0, Instant.parse("2024-02-01T00:00:00Z")));
        assertThat(kpis().get("emissions.fees.due_kzt|REGION:35|YEAR:2023-01-01").getValue()).isEqualTo(345_000.0);
    }

    @Test
    void theFeesOfAKepHolderAreDueAndReportedAsRedirectedForTheYearsItsKepCovers() {
        // given F1 holds a KEP valid from 1 June 2024
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));

        // when it reports NOx for 2023 and 2024, and F2 (no KEP) SO2 for 2024
        reports.pipeInput(F1, report(F1, 2023, Pollutant.NOX, 50.0, Instant.parse("2024-02-01T00:00:00Z")));
        reports.pipeInput(F1, report(F1, 2024, Pollutant.NOX, 40.0, Instant.parse("2025-02-01T00:00:00Z")));
        reports.pipeInput(F2, report(F2, 2024, Pollutant.SO2, 10.0, Instant.parse("2025-02-01T00:00:00Z")));
        Map<String, KpiValue> values = kpis();

        // then all fees are due: 2024 F1 40 x 20 x 3692 = 2,953,600 and F2 10 x 20 x 3692 = 738,400
        assertThat(values.get("emissions.fees.due_kzt|NATIONAL|YEAR:2024-01-01").getValue()).isEqualTo(3_692_000.0);
        // and of 2024 F1's part is redirected (its KEP covers 2024), nationally and in Pavlodar
        assertThat(values.get("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:2024-01-01").getValue())
                .isEqualTo(2_953_600.0);
        assertThat(values.get("emissions.fees.kep_redirected_kzt|REGION:55|YEAR:2024-01-01").getValue())
                .isEqualTo(2_953_600.0);
        assertThat(values).doesNotContainKey("emissions.fees.kep_redirected_kzt|REGION:35|YEAR:2024-01-01");
        // and 2023's fee is due but not redirected: the KEP was not yet held (50 x 20 x 3450 = 3,450,000)
        assertThat(values.get("emissions.fees.due_kzt|REGION:55|YEAR:2023-01-01").getValue()).isEqualTo(3_450_000.0);
        assertThat(values).doesNotContainKey("emissions.fees.kep_redirected_kzt|REGION:55|YEAR:2023-01-01");

        // when F1 corrects 2024, the redirected part follows the correction: 30 x 20 x 3692 = 2,215,200
        reports.pipeInput(F1, report(F1, 2024, Pollutant.NOX, 30.0, Instant.parse("2025-05-01T00:00:00Z")));
        Map<String, KpiValue> corrected = kpis();
        assertThat(corrected.get("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:2024-01-01").getValue())
                .isEqualTo(2_215_200.0);
        assertThat(corrected.get("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:2024-01-01").getInputEvents())
                .isEqualTo(1);
        assertThat(corrected.get("emissions.fees.due_kzt|NATIONAL|YEAR:2024-01-01").getValue())
                .isEqualTo(2_953_600.0);
    }

    @Test
    void aKepArrivingAfterTheReportRedirectsItsFeeAtTheNextRecheckAndARevokedOneTakesItBack() {
        // given F1's 2024 SO2 report is counted before its KEP is known: due, not redirected
        reports.pipeInput(F1, report(F1, 2024, Pollutant.SO2, 100.0, Instant.parse("2025-02-01T00:00:00Z")));
        Map<String, KpiValue> before = kpis();
        assertThat(before.get("emissions.fees.due_kzt|NATIONAL|YEAR:2024-01-01").getValue()).isEqualTo(7_384_000.0);
        assertThat(before).doesNotContainKey("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:2024-01-01");

        // when the KEP arrives, and the recheck (wall clock) runs
        permits.pipeInput(F1, permit(F1, PermitStatus.ACTIVE, 400.0));
        Map<String, KpiValue> after = kpis();

        // then the whole fee is redirected, and the fee due is unchanged
        assertThat(after.get("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:2024-01-01").getValue())
                .isEqualTo(7_384_000.0);
        assertThat(after.get("emissions.fees.kep_redirected_kzt|REGION:55|YEAR:2024-01-01").getValue())
                .isEqualTo(7_384_000.0);
        assertThat(after).doesNotContainKey("emissions.fees.due_kzt|NATIONAL|YEAR:2024-01-01");

        // when the KEP is revoked, the redirected part is taken back at the next recheck
        permits.pipeInput(F1, permit(F1, PermitStatus.REVOKED, 400.0));
        assertThat(kpis().get("emissions.fees.kep_redirected_kzt|NATIONAL|YEAR:2024-01-01").getValue())
                .isEqualTo(0.0);
    }

    @Test
    void invalidReadingsGoToTheRejectedTopicWithTheirBytesAndReasonWhileGoodOnesFlow() {
        AmsReading negative = reading(F1, Instant.parse("2025-03-03T10:00:00Z"), -5, ReadingStatus.VALID);
        AmsReading unknownFacility = reading("KZ-00-9999", Instant.parse("2025-03-03T10:00:00Z"), 5,
                ReadingStatus.VALID);
        AmsReading misaligned = reading(F1, Instant.parse("2025-03-03T10:07:00Z"), 5, ReadingStatus.VALID);
        AmsReading future = reading(F1, NOW.plus(Duration.ofHours(1)), 5, ReadingStatus.VALID);
        readings.pipeInput(F1, negative, Instant.parse("2025-03-03T10:20:00Z"));
        readings.pipeInput("KZ-00-9999", unknownFacility, Instant.parse("2025-03-03T10:20:00Z"));
        readings.pipeInput(F1, misaligned, Instant.parse("2025-03-03T10:20:00Z"));
        readings.pipeInput(F1, future, NOW);
        send(F1, "2025-03-03T10:00:00Z", 500, ReadingStatus.VALID);

        List<TestRecord<String, byte[]>> rejects = rejected.readRecordsToList();
        assertThat(rejects).extracting(r -> header(r, RejectedRecordHeaders.ERROR_REASON))
                .containsExactly("NEGATIVE_CONCENTRATION", "UNKNOWN_FACILITY", "MISALIGNED_INTERVAL", "IN_FUTURE");
        assertThat(rejects.get(0).value())
                .isEqualTo(EmissionTopics.AMS_READINGS.valueSerde().serializer().serialize("t", negative));
        assertThat(header(rejects.get(0), RejectedRecordHeaders.ERROR_MESSAGE)).contains("-5.0");
        assertThat(header(rejects.get(0), RejectedRecordHeaders.ERROR_STAGE)).isEqualTo("PROCESSING");
        assertThat(header(rejects.get(1), RejectedRecordHeaders.SOURCE_TOPIC))
                .isEqualTo(EmissionTopics.AMS_READINGS.name());
        assertThat(kpis().get("emissions.measured.tonnes|NATIONAL|MONTH:2025-03-01").getValue())
                .isCloseTo(0.05, within());
    }

    private void send(String facilityId, String start, double mgNm3, ReadingStatus status) {
        Instant begin = Instant.parse(start);
        readings.pipeInput(facilityId, reading(facilityId, begin, mgNm3, status), begin.plus(Duration.ofMinutes(20)));
    }

    private void send(String facilityId, Instant start, double mgNm3, double flow, ReadingStatus status) {
        readings.pipeInput(facilityId, reading(facilityId, Pollutant.SO2, start, mgNm3, flow, status),
                start.plus(Duration.ofMinutes(20)));
    }

    /** The facility with a second AMS-required stack, STACK-2, with or without AMS installed. */
    private static Facility withSecondStack(String facilityId, boolean installed) {
        Facility facility = facility(facilityId);
        List<EmissionSource> sources = new ArrayList<>(facility.getSources());
        sources.add(EmissionSource.newBuilder().setSourceId("STACK-2").setName("Second stack").setAmsRequired(true)
                .setAmsInstalled(installed).build());
        facility.setSources(sources);
        return facility;
    }

    /** Lets the wall-clock flush hand the collected KPI changes on. */
    private void flush() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
    }

    private Map<String, KpiValue> kpis() {
        flush();
        return kpis.readKeyValuesToMap();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private static String header(TestRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

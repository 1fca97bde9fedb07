package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.STACK;
import static kz.taza.emission.EmissionFixtures.facility;
import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionFixtures;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEndReason;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ExceedanceLimitKind;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitType;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The mass limits through the whole topology: the g/s limit against each VALID interval's mass rate, the t/yr limit
 * against the source's tonnes of the calendar year, each its own series of episodes beside the mg/Nm3 one.
 */
class MassLimitsTopologyTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final String F1 = "KZ-55-0001";
    /** 360,000 Nm3/h: a concentration of c mg/Nm3 is a mass rate of c / 10 g/s. */
    private static final double FLOW = 360_000.0;
    private static final double SECONDS = 20 * 60.0;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Facility> facilities;
    private TestInputTopic<String, Permit> permits;
    private TestInputTopic<String, AmsReading> readings;
    private TestOutputTopic<String, SpecificRecord> exceedances;
    private TestOutputTopic<String, KpiValue> kpis;

    @BeforeEach
    void start() {
        EmissionSettings settings = EmissionFixtures.topologySettings();
        driver = TopologyTestSupport.driver(NOW, new EmissionTopology(settings,
                new EventMetadataFactory("emission-service")));
        facilities = TopologyTestSupport.input(driver, PermitTopics.FACILITIES);
        permits = TopologyTestSupport.input(driver, PermitTopics.PERMITS);
        readings = TopologyTestSupport.input(driver, EmissionTopics.AMS_READINGS);
        exceedances = TopologyTestSupport.output(driver, EmissionTopics.EXCEEDANCES);
        kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
        facilities.pipeInput(F1, facility(F1));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aMassRateAboveTheGramsPerSecondLimitStartsAnEpisodeThatContinuesAndEndsBackUnder() {
        // given a g/s limit of 40 and an mg/Nm3 limit (1,000) that the concentrations stay under
        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 1000.0, 40.0, null));

        // when the stack runs at 30, 45, 50 then 35 g/s
        send("2025-03-03T10:00:00Z", 300);
        send("2025-03-03T10:20:00Z", 450);
        send("2025-03-03T10:40:00Z", 500);
        send("2025-03-03T11:00:00Z", 350);

        // then one mass-rate episode, and none of the concentration
        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2);
        ThresholdExceeded started = (ThresholdExceeded) events.get(0);
        assertThat(started.getLimitKind()).isEqualTo(ExceedanceLimitKind.MASS_RATE);
        assertThat(started.getLimitGramsPerSecond()).isEqualTo(40.0);
        assertThat(started.getMeasuredGramsPerSecond()).isCloseTo(45.0, within(1e-9));
        assertThat(started.getRatio()).isCloseTo(45.0 / 40.0, within(1e-9));
        assertThat(started.getLimitMgNm3()).isEqualTo(1000.0);
        assertThat(started.getMeasuredMgNm3()).isEqualTo(450.0);
        assertThat(started.getExcessTonnes()).isCloseTo(5.0 * SECONDS / 1e6, within(1e-12));
        assertThat(started.getLimitTonnesPerYear()).isNull();
        assertThat(started.getIntervalStart()).isEqualTo(Instant.parse("2025-03-03T10:20:00Z"));
        ExceedanceEnded ended = (ExceedanceEnded) events.get(1);
        assertThat(ended.getEpisodeId()).isEqualTo(started.getEpisodeId());
        assertThat(ended.getLimitKind()).isEqualTo(ExceedanceLimitKind.MASS_RATE);
        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.BACK_UNDER_LIMIT);
        assertThat(ended.getIntervalsAbove()).isEqualTo(2);
        assertThat(ended.getPeakGramsPerSecond()).isCloseTo(50.0, within(1e-9));
        assertThat(ended.getPeakMgNm3()).isEqualTo(500.0);
        // the mass above the limit over the episode's intervals: (45 - 40) + (50 - 40) g/s for 20 minutes each
        assertThat(ended.getExcessTonnes()).isCloseTo(15.0 * SECONDS / 1e6, within(1e-12));
        assertThat(ended.getEndedAt()).isEqualTo(Instant.parse("2025-03-03T11:00:00Z"));

        // and it is counted in the mass-rate KPI, not in the concentration's
        Map<String, KpiValue> values = kpis();
        assertThat(values.get("emissions.exceedances.mass_rate.count|NATIONAL|MONTH:2025-03-01").getValue())
                .isEqualTo(1.0);
        assertThat(values.get("emissions.exceedances.mass_rate.count|POLLUTANT:SO2|YEAR:2025-01-01").getValue())
                .isEqualTo(1.0);
        assertThat(values).doesNotContainKey("emissions.exceedances.count|NATIONAL|MONTH:2025-03-01");
    }

    @Test
    void anIntervalAboveBothLimitsStartsAnEpisodeOfEachKindWithDifferentIds() {
        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 400.0, 40.0, null));

        send("2025-03-03T10:00:00Z", 450); // 450 mg/Nm3 and 45 g/s

        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2).allMatch(ThresholdExceeded.class::isInstance);
        ThresholdExceeded concentration = (ThresholdExceeded) events.get(0);
        ThresholdExceeded rate = (ThresholdExceeded) events.get(1);
        assertThat(concentration.getLimitKind()).isEqualTo(ExceedanceLimitKind.CONCENTRATION);
        assertThat(concentration.getExcessTonnes()).isNull();
        assertThat(rate.getLimitKind()).isEqualTo(ExceedanceLimitKind.MASS_RATE);
        assertThat(rate.getEpisodeId()).isNotEqualTo(concentration.getEpisodeId());
        assertThat(rate.getMetadata().getEventId()).isNotEqualTo(concentration.getMetadata().getEventId());
        Map<String, KpiValue> values = kpis();
        assertThat(values.get("emissions.exceedances.count|NATIONAL|MONTH:2025-03-01").getValue()).isEqualTo(1.0);
        assertThat(values.get("emissions.exceedances.mass_rate.count|NATIONAL|MONTH:2025-03-01").getValue())
                .isEqualTo(1.0);
    }

    @Test
    void aMassRateEpisodeEndsWhenThePermitIsSuspended() {
        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 1000.0, 40.0, null));
        send("2025-03-03T10:00:00Z", 450);

        permits.pipeInput(F1, permit(PermitStatus.SUSPENDED, 1000.0, 40.0, null));
        send("2025-03-03T10:20:00Z", 600);

        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2);
        ExceedanceEnded ended = (ExceedanceEnded) events.get(1);
        assertThat(ended.getLimitKind()).isEqualTo(ExceedanceLimitKind.MASS_RATE);
        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.LIMIT_NOT_IN_FORCE);
        assertThat(ended.getIntervalsAbove()).isEqualTo(1);
        assertThat(ended.getExcessTonnes()).isCloseTo(5.0 * SECONDS / 1e6, within(1e-12));
    }

    @Test
    void anAmendmentMidEpisodeComparesLaterIntervalsWithTheNewGramsPerSecondLimit() {
        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 1000.0, 40.0, null));
        send("2025-03-03T10:00:00Z", 450); // 45 g/s: 5 above 40

        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 1000.0, 48.0, null)); // amended to 48 g/s
        send("2025-03-03T10:20:00Z", 500); // 50 g/s: still above, 2 above 48
        send("2025-03-03T10:40:00Z", 460); // 46 g/s: under the new limit (though above the old one)

        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2);
        ExceedanceEnded ended = (ExceedanceEnded) events.get(1);
        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.BACK_UNDER_LIMIT);
        assertThat(ended.getEndedAt()).isEqualTo(Instant.parse("2025-03-03T10:40:00Z"));
        assertThat(ended.getIntervalsAbove()).isEqualTo(2);
        assertThat(ended.getLimitGramsPerSecond()).isEqualTo(40.0); // the limit when the episode started
        assertThat(ended.getExcessTonnes()).isCloseTo((5.0 + 2.0) * SECONDS / 1e6, within(1e-12));
    }

    @Test
    void aLateIntervalDoesNotRewriteAMassRateEpisode() {
        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 1000.0, 40.0, null));
        send("2025-03-03T10:20:00Z", 450);
        send("2025-03-03T10:40:00Z", 500);

        // a late interval under the limit does not end the episode, and one above starts none
        send("2025-03-03T10:00:00Z", 100);
        send("2025-03-03T09:40:00Z", 900);
        send("2025-03-03T11:00:00Z", 300);

        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2);
        ThresholdExceeded started = (ThresholdExceeded) events.get(0);
        assertThat(started.getIntervalStart()).isEqualTo(Instant.parse("2025-03-03T10:20:00Z"));
        ExceedanceEnded ended = (ExceedanceEnded) events.get(1);
        assertThat(ended.getEndedAt()).isEqualTo(Instant.parse("2025-03-03T11:00:00Z"));
        assertThat(ended.getIntervalsAbove()).isEqualTo(2);
        assertThat(ended.getExcessTonnes()).isCloseTo(15.0 * SECONDS / 1e6, within(1e-12));
    }

    @Test
    void theTonnesOfTheYearCrossTheAnnualLimitWithinTheYearAndStartAgainAtTheNewYear() {
        // given a t/yr limit of 0.2 t and no other limit the intervals exceed; each interval of 450 mg/Nm3 at
        // 360,000 Nm3/h for 20 minutes weighs 0.054 t
        double tonnes = EmissionMass.tonnes(450, FLOW, 20);
        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 1000.0, null, 0.2));

        // when the last five intervals of 2024 (Kazakhstan time, UTC+5) and two of 2025 arrive
        send("2024-12-31T17:20:00Z", 450); // 0.054
        send("2024-12-31T17:40:00Z", 450); // 0.108
        send("2024-12-31T18:00:00Z", 450); // 0.162
        send("2024-12-31T18:20:00Z", 450); // 0.216: above 0.2
        send("2024-12-31T18:40:00Z", 450); // 0.270
        send("2024-12-31T19:00:00Z", 450); // 2025-01-01 00:00 in Almaty: a new year
        send("2024-12-31T19:20:00Z", 450); // 0.108 of 2025

        // then the episode starts at the fourth interval, and the new year ends it
        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).hasSize(2);
        ThresholdExceeded started = (ThresholdExceeded) events.get(0);
        assertThat(started.getLimitKind()).isEqualTo(ExceedanceLimitKind.ANNUAL_MASS);
        assertThat(started.getIntervalStart()).isEqualTo(Instant.parse("2024-12-31T18:20:00Z"));
        assertThat(started.getLimitTonnesPerYear()).isEqualTo(0.2);
        assertThat(started.getTonnesOfYear()).isCloseTo(4 * tonnes, within(1e-6));
        assertThat(started.getExcessTonnes()).isCloseTo(4 * tonnes - 0.2, within(1e-6));
        assertThat(started.getLimitGramsPerSecond()).isNull();
        ExceedanceEnded ended = (ExceedanceEnded) events.get(1);
        assertThat(ended.getEpisodeId()).isEqualTo(started.getEpisodeId());
        assertThat(ended.getReason()).isEqualTo(ExceedanceEndReason.YEAR_ENDED);
        assertThat(ended.getEndedAt()).isEqualTo(Instant.parse("2024-12-31T19:00:00Z"));
        assertThat(ended.getIntervalsAbove()).isEqualTo(2);
        assertThat(ended.getTonnesOfYear()).isCloseTo(5 * tonnes, within(1e-6));
        assertThat(ended.getExcessTonnes()).isCloseTo(5 * tonnes - 0.2, within(1e-6));

        // and it is counted once, in its month of 2024
        Map<String, KpiValue> values = kpis();
        assertThat(values.get("emissions.exceedances.annual_mass.count|NATIONAL|MONTH:2024-12-01").getValue())
                .isEqualTo(1.0);
        assertThat(values).doesNotContainKey("emissions.exceedances.annual_mass.count|NATIONAL|MONTH:2025-01-01");
    }

    @Test
    void aLateIntervalCountsInTheYearsTonnesButStartsNoAnnualEpisodeItself() {
        permits.pipeInput(F1, permit(PermitStatus.ACTIVE, 1000.0, null, 0.15));
        send("2025-03-03T10:20:00Z", 450); // 0.054
        send("2025-03-03T10:40:00Z", 450); // 0.108

        send("2025-03-03T10:00:00Z", 450); // late: 0.162 in the year, above 0.15, but no episode from it
        assertThat(exceedances.readValuesToList()).isEmpty();

        send("2025-03-03T11:00:00Z", 100); // the next in order: 0.174 t of the year
        List<SpecificRecord> events = exceedances.readValuesToList();
        assertThat(events).singleElement().satisfies(e -> {
            ThresholdExceeded started = (ThresholdExceeded) e;
            assertThat(started.getIntervalStart()).isEqualTo(Instant.parse("2025-03-03T11:00:00Z"));
            assertThat(started.getTonnesOfYear()).isCloseTo(3 * EmissionMass.tonnes(450, FLOW, 20)
                    + EmissionMass.tonnes(100, FLOW, 20), within(1e-6));
        });
    }

    private static Permit permit(PermitStatus status, Double mgNm3, Double gramsPerSecond, Double tonnesPerYear) {
        Instant issued = Instant.parse("2024-06-01T00:00:00Z");
        return Permit.newBuilder()
                .setPermitId("KEP-" + F1)
                .setFacilityId(F1)
                .setType(PermitType.KEP)
                .setStatus(status)
                .setValidFrom(LocalDate.of(2024, 6, 1))
                .setValidTo(LocalDate.of(2034, 5, 31))
                .setLimits(List.of(PermitLimit.newBuilder().setSourceId(STACK).setPollutant(Pollutant.SO2)
                        .setGramsPerSecond(gramsPerSecond).setTonnesPerYear(tonnesPerYear).setMgPerNm3(mgNm3)
                        .build()))
                .setIssuedAt(issued)
                .setUpdatedAt(issued)
                .build();
    }

    private void send(String start, double mgNm3) {
        Instant begin = Instant.parse(start);
        readings.pipeInput(F1, reading(F1, Pollutant.SO2, begin, mgNm3, FLOW, ReadingStatus.VALID),
                begin.plus(Duration.ofMinutes(20)));
    }

    private Map<String, KpiValue> kpis() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        return kpis.readKeyValuesToMap();
    }
}

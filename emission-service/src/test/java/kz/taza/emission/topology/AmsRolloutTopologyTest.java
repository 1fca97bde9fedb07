package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static kz.taza.emission.EmissionFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionFixtures;
import kz.taza.events.common.KpiValue;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The AMS rollout by enterprise: obliged and installed as the registry stands (wall clock, partition 0, following the
 * registry's changes), connected from the VALID intervals of the enterprises' AMS-required sources (the interval's
 * day and month).
 */
class AmsRolloutTopologyTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final String TODAY = "DAY:2025-03-10";
    /** Enterprise A: a power plant in Pavlodar (55) and a metallurgy plant in Aktobe (35), each one stack with AMS. */
    private static final String A1 = "KZ-55-0001";
    private static final String A2 = "KZ-35-0002";
    /** Enterprise B: a plant in Pavlodar whose obliged stack has no AMS yet. */
    private static final String B1 = "KZ-55-0003";
    /** Enterprise C: a plant with no obliged source. */
    private static final String C1 = "KZ-55-0004";
    private static final String OPERATOR_C = "120340000333";

    private TopologyTestDriver driver;
    private TestInputTopic<String, Facility> facilities;
    private TestInputTopic<String, AmsReading> readings;
    private TestOutputTopic<String, KpiValue> kpis;

    @BeforeEach
    void start() {
        EmissionSettings settings = EmissionFixtures.topologySettings();
        driver = TopologyTestSupport.driver(NOW, new EmissionTopology(settings,
                new EventMetadataFactory("emission-service")));
        facilities = TopologyTestSupport.input(driver, PermitTopics.FACILITIES);
        readings = TopologyTestSupport.input(driver, EmissionTopics.AMS_READINGS);
        kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
        facilities.pipeInput(A1, facility(A1));
        facilities.pipeInput(A2, facility(A2, "35", FacilityCategory.II, "metallurgy", false));
        facilities.pipeInput(B1, operatedBy(SharedIdentityProvider.OPERATOR_B, B1, true, false));
        facilities.pipeInput(C1, operatedBy(OPERATOR_C, C1, false, false));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void obligedAndInstalledEnterprisesFollowTheRegistryAsMonitorsAreInstalledAndSourcesAdded() {
        // A is obliged (two regions) and has every obliged stack equipped; B is obliged without; C is not obliged
        Map<String, KpiValue> values = kpis();
        assertThat(value(values, "ams.enterprises.obliged.count|NATIONAL|" + TODAY)).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.installed.count|NATIONAL|" + TODAY)).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.obliged.count|REGION:55|" + TODAY)).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.installed.count|REGION:55|" + TODAY)).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.obliged.count|REGION:35|" + TODAY)).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.installed.count|REGION:35|" + TODAY)).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.obliged.count|NATIONAL|MONTH:2025-03-01")).isEqualTo(2.0);
        assertThat(value(values, "ams.sources.obliged_not_installed|NATIONAL|" + TODAY)).isEqualTo(1.0);

        // when B's monitor is installed (a facility update)
        facilities.pipeInput(B1, operatedBy(SharedIdentityProvider.OPERATOR_B, B1, true, true));
        values = kpis();

        // then B is installed too, and its stack leaves the obliged-not-installed count
        assertThat(value(values, "ams.enterprises.installed.count|NATIONAL|" + TODAY)).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.installed.count|REGION:55|" + TODAY)).isEqualTo(2.0);
        assertThat(value(values, "ams.sources.obliged_not_installed|NATIONAL|" + TODAY)).isEqualTo(0.0);
        assertThat(values).as("the obliged count did not change, so it is not published again the same day")
                .doesNotContainKey("ams.enterprises.obliged.count|NATIONAL|" + TODAY);

        // when A's Aktobe plant gets a second obliged stack without AMS
        facilities.pipeInput(A2, withSecondStack(facility(A2, "35", FacilityCategory.II, "metallurgy", false)));
        values = kpis();

        // then A is no longer installed nationally nor in Aktobe, but still in Pavlodar, where its stacks have AMS
        assertThat(value(values, "ams.enterprises.installed.count|NATIONAL|" + TODAY)).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.installed.count|REGION:35|" + TODAY)).isEqualTo(0.0);
        assertThat(values).doesNotContainKey("ams.enterprises.installed.count|REGION:55|" + TODAY);

        // when C registers an obliged source with AMS installed
        facilities.pipeInput(C1, operatedBy(OPERATOR_C, C1, true, true));
        values = kpis();
        assertThat(value(values, "ams.enterprises.obliged.count|NATIONAL|" + TODAY)).isEqualTo(3.0);
        assertThat(value(values, "ams.enterprises.installed.count|NATIONAL|" + TODAY)).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.obliged.count|REGION:55|" + TODAY)).isEqualTo(3.0);

        // and when B's facility is deleted from the registry
        facilities.pipeInput(B1, (Facility) null);
        values = kpis();
        assertThat(value(values, "ams.enterprises.obliged.count|NATIONAL|" + TODAY)).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.installed.count|NATIONAL|" + TODAY)).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.obliged.count|REGION:55|" + TODAY)).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.installed.count|REGION:55|" + TODAY)).isEqualTo(2.0);
    }

    @Test
    void anEnterpriseIsConnectedOnADayOneOfItsObligedSourcesSendsAValidIntervalAndNotWhenItStops() {
        facilities.pipeInput(B1, operatedBy(SharedIdentityProvider.OPERATOR_B, B1, true, true));
        // 4 March, Kazakhstan time (from 19:00 UTC on the 3rd): A sends from both plants, B from its stack
        send(A1, "2025-03-03T19:00:00Z", ReadingStatus.VALID);
        send(A2, "2025-03-03T19:00:00Z", ReadingStatus.VALID);
        send(B1, "2025-03-03T19:20:00Z", ReadingStatus.VALID);
        Map<String, KpiValue> values = kpis();
        assertThat(value(values, "ams.enterprises.connected.count|NATIONAL|DAY:2025-03-04")).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.connected.count|REGION:55|DAY:2025-03-04")).isEqualTo(2.0);
        assertThat(value(values, "ams.enterprises.connected.count|REGION:35|DAY:2025-03-04")).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.connected.count|NATIONAL|MONTH:2025-03-01")).isEqualTo(2.0);
        assertThat(value(values, "ams.sources.transmitting|NATIONAL|DAY:2025-03-04")).isEqualTo(3.0);

        // 5 March: B's stack stops transmitting (nothing, then a FAULT interval); A goes on from Pavlodar only
        send(A1, "2025-03-04T19:00:00Z", ReadingStatus.VALID);
        send(B1, "2025-03-04T19:00:00Z", ReadingStatus.FAULT);
        values = kpis();
        assertThat(value(values, "ams.enterprises.connected.count|NATIONAL|DAY:2025-03-05")).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.connected.count|REGION:55|DAY:2025-03-05")).isEqualTo(1.0);
        assertThat(values).doesNotContainKey("ams.enterprises.connected.count|REGION:35|DAY:2025-03-05");
        assertThat(values).as("the month already counted both enterprises")
                .doesNotContainKey("ams.enterprises.connected.count|NATIONAL|MONTH:2025-03-01");

        // a correction turns B's only VALID interval of 4 March into a FAULT: B was not connected that day after all
        send(B1, "2025-03-03T19:20:00Z", ReadingStatus.FAULT);
        values = kpis();
        assertThat(value(values, "ams.enterprises.connected.count|NATIONAL|DAY:2025-03-04")).isEqualTo(1.0);
        assertThat(value(values, "ams.enterprises.connected.count|NATIONAL|MONTH:2025-03-01")).isEqualTo(1.0);

        // an interval sent again changes nothing
        send(A1, "2025-03-04T19:00:00Z", ReadingStatus.VALID);
        assertThat(kpis()).doesNotContainKeys("ams.enterprises.connected.count|NATIONAL|DAY:2025-03-05",
                "ams.enterprises.connected.count|NATIONAL|DAY:2025-03-04");
    }

    @Test
    void noEnterpriseScopeIsEverPublished() {
        send(A1, "2025-03-03T19:00:00Z", ReadingStatus.VALID);
        assertThat(kpis().keySet()).isNotEmpty().noneMatch(key -> key.contains("ENTERPRISE:"));
    }

    private void send(String facilityId, String start, ReadingStatus status) {
        Instant begin = Instant.parse(start);
        readings.pipeInput(facilityId, reading(facilityId, begin, 100, status), begin.plus(Duration.ofMinutes(20)));
    }

    /** A Pavlodar facility of the operator with one stack, obliged or not, with AMS installed or not. */
    private static Facility operatedBy(String operatorBin, String facilityId, boolean obliged, boolean installed) {
        Facility facility = facility(facilityId);
        facility.setOperatorBin(operatorBin);
        facility.setOperatorName("Enterprise " + operatorBin);
        facility.setTop50(false);
        facility.setSources(List.of(EmissionSource.newBuilder(facility.getSources().get(0))
                .setAmsRequired(obliged).setAmsInstalled(installed).build()));
        return facility;
    }

    /** The facility with a second AMS-required stack, STACK-2, without AMS installed. */
    private static Facility withSecondStack(Facility facility) {
        List<EmissionSource> sources = new ArrayList<>(facility.getSources());
        sources.add(EmissionSource.newBuilder().setSourceId("STACK-2").setName("Second stack").setAmsRequired(true)
                .setAmsInstalled(false).build());
        facility.setSources(sources);
        return facility;
    }

    private static double value(Map<String, KpiValue> values, String key) {
        assertThat(values).containsKey(key);
        return values.get(key).getValue();
    }

    /** Lets the wall-clock flush and the registry's recount run, and reads what was published since. */
    private Map<String, KpiValue> kpis() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        return kpis.readKeyValuesToMap();
    }
}

package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.StatisticsBureau;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionFixtures;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The statistics bureau's published figures are reference data on the KPI topic: published by the task of partition
 * 0 once it starts, each as published, and not again while it runs.
 */
class StatisticsReferenceTopologyTest {

    private static final Instant NOW = Instant.parse("2025-07-10T06:00:00Z");

    private TopologyTestDriver driver;
    private TestOutputTopic<String, KpiValue> kpis;

    @BeforeEach
    void start() {
        EmissionSettings settings = EmissionFixtures.topologySettings();
        driver = TopologyTestSupport.driver(NOW, new EmissionTopology(settings,
                new EventMetadataFactory("emission-service")));
        kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
        TopologyTestSupport.input(driver, PermitTopics.FACILITIES).pipeInput("KZ-55-0001", facility("KZ-55-0001"));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everyPublishedFigureIsOnTheKpiTopicOnceAsPublished() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<KpiValue> first = kpis.readValuesToList().stream()
                .filter(v -> v.getKpiId().equals("emissions.statistics.tonnes")).toList();

        assertThat(first).hasSize(StatisticsBureau.FIGURES.size());
        Map<String, KpiValue> byKey = new java.util.HashMap<>();
        first.forEach(v -> byKey.put(v.getScope() + "|" + v.getPeriod().getStart(), v));
        KpiValue national2024 = byKey.get("NATIONAL|2024-01-01");
        assertThat(national2024.getValue()).isEqualTo(2_271_400.0);
        assertThat(national2024.getUnit()).isEqualTo("t");
        assertThat(national2024.getPeriod().getGranularity().name()).isEqualTo("YEAR");
        // the end of 2024 in Kazakhstan
        assertThat(national2024.getDataAsOf()).isEqualTo(Instant.parse("2024-12-31T19:00:00Z"));
        assertThat(byKey.get("REGION:55|2022-01-01").getValue()).isEqualTo(724_200.0);
        assertThat(byKey.get("NATIONAL|2018-01-01").getValue()).isEqualTo(2_446_700.0);
        // 2023 has no published figure, so no value
        assertThat(byKey).doesNotContainKey("NATIONAL|2023-01-01");

        // while the task runs, the figures are not sent again
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(kpis.readValuesToList()).noneMatch(v -> v.getKpiId().equals("emissions.statistics.tonnes"));
    }
}

package kz.taza.inspection.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.KpiValue;
import kz.taza.events.inspection.ComplianceKpiTotals;
import kz.taza.events.inspection.FineGround;
import kz.taza.events.inspection.FineImposed;
import kz.taza.events.inspection.FinePaid;
import kz.taza.events.inspection.InspectionCompleted;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.OrderFulfilled;
import kz.taza.events.inspection.OrderOverdue;
import kz.taza.events.inspection.ViolationFound;
import kz.taza.events.inspection.ViolationSeverity;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;

/** The compliance KPIs from inspection events, nationally and per region, per month and year. */
class ComplianceKpiTopologyTest {

    private static final Instant NOW = Instant.parse("2025-06-02T05:00:00Z");
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> events;

    @BeforeEach
    void start() {
        driver = TopologyTestSupport.driver(NOW, new ComplianceKpiTopology(Clock.fixed(NOW, ZoneOffset.UTC)));
        events = TopologyTestSupport.input(driver, InspectionTopics.EVENTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aTotalThatWouldOverflowIsRefusedNotWrapped() {
        ComplianceKpiTotals nearlyFull = ComplianceKpiTotals.newBuilder().setInspectionsCompleted(0).setViolations(0)
                .setFinesImposedKzt(Long.MAX_VALUE - 1).setFinesCollectedKzt(0).setOrdersOverdue(0).setInputEvents(1)
                .setDataAsOf(NOW).build();
        ComplianceKpiTotals fine = ComplianceKpiTotals.newBuilder(nearlyFull).setFinesImposedKzt(2).build();

        assertThatThrownBy(() -> ComplianceKpiTopology.add(nearlyFull, fine)).isInstanceOf(ArithmeticException.class);
        assertThat(ComplianceKpiTopology.add(nearlyFull, ComplianceKpiTotals.newBuilder(fine).setFinesImposedKzt(1)
                .build()).getFinesImposedKzt()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void countsInspectionsViolationsFinesCollectionAndOverdueOrdersPerScopeAndPeriod() {
        events.pipeInput("F1", completed("F1", "55", LocalDate.of(2025, 3, 10), 2));
        events.pipeInput("F2", completed("F2", "35", LocalDate.of(2025, 4, 1), 1));
        events.pipeInput("F1", FineImposed.newBuilder().setMetadata(meta()).setFacilityId("F1").setRegionCode("55")
                .setFineId("fine-1").setInspectionId("i").setOffenceDate(LocalDate.of(2025, 3, 1)).setAmountMci(100)
                .setMciKzt(3_932).setAmountKzt(393_200).setImposedOn(LocalDate.of(2025, 3, 12)).build());
        events.pipeInput("F1", paid("F1", 100_000, LocalDate.of(2025, 3, 20)));
        events.pipeInput("F1", paid("F1", 96_600, LocalDate.of(2025, 5, 5)));
        events.pipeInput("F1", OrderOverdue.newBuilder().setMetadata(meta()).setFacilityId("F1").setRegionCode("55")
                .setOrderId("o-1").setInspectionId("i").setDueOn(LocalDate.of(2025, 5, 31))
                .setDetectedOn(LocalDate.of(2025, 6, 1)).build());
        events.pipeInput("F1", OrderOverdue.newBuilder().setMetadata(meta()).setFacilityId("F1").setRegionCode("55")
                .setOrderId("o-2").setInspectionId("i").setDueOn(LocalDate.of(2025, 5, 20))
                .setDetectedOn(LocalDate.of(2025, 5, 21)).build());
        events.pipeInput("F1", OrderFulfilled.newBuilder().setMetadata(meta()).setFacilityId("F1")
                .setRegionCode("55").setOrderId("o-2").setFulfilledOn(LocalDate.of(2025, 6, 2))
                .setDueOn(LocalDate.of(2025, 5, 20)).setWasOverdue(true).build());

        Map<String, KpiValue> kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES).readKeyValuesToMap();

        assertThat(value(kpis, "inspections.completed.count|NATIONAL|YEAR:2025-01-01")).isEqualTo(2.0);
        assertThat(value(kpis, "inspections.completed.count|REGION:55|MONTH:2025-03-01")).isEqualTo(1.0);
        assertThat(value(kpis, "inspections.violations.count|NATIONAL|YEAR:2025-01-01")).isEqualTo(3.0);
        assertThat(value(kpis, "inspections.violations.count|REGION:35|MONTH:2025-04-01")).isEqualTo(1.0);
        assertThat(value(kpis, "fines.imposed_kzt|REGION:55|YEAR:2025-01-01")).isEqualTo(393_200.0);
        assertThat(value(kpis, "fines.collected_kzt|NATIONAL|YEAR:2025-01-01")).isEqualTo(196_600.0);
        assertThat(value(kpis, "fines.collected_kzt|REGION:55|MONTH:2025-05-01")).isEqualTo(96_600.0);
        assertThat(value(kpis, "fines.collection_rate_pct|NATIONAL|YEAR:2025-01-01")).isEqualTo(50.0);
        assertThat(value(kpis, "fines.collection_rate_pct|REGION:55|MONTH:2025-03-01")).isEqualTo(25.43);
        // Collected in May, imposed in March: May has no rate (nothing imposed in it).
        assertThat(kpis).doesNotContainKey("fines.collection_rate_pct|NATIONAL|MONTH:2025-05-01");
        // Two orders due in May became overdue; one was fulfilled late, so one is still overdue.
        assertThat(value(kpis, "orders.overdue.count|NATIONAL|MONTH:2025-05-01")).isEqualTo(1.0);
        assertThat(value(kpis, "orders.overdue.count|REGION:55|YEAR:2025-01-01")).isEqualTo(1.0);
        KpiValue national = kpis.get("inspections.completed.count|NATIONAL|YEAR:2025-01-01");
        assertThat(national.getUnit()).isEqualTo("count");
        assertThat(national.getScope()).isEqualTo("NATIONAL");
    }

    @Test
    void countsFinesAndThoseThatFollowNoInspectionAlsoWhenOneArrivesLate() {
        events.pipeInput("F1", fine("F1", "55", "fine-1", FineGround.INSPECTION, LocalDate.of(2025, 3, 12)));
        events.pipeInput("F1", fine("F1", "55", "fine-2", FineGround.AMS_EXCEEDANCE, LocalDate.of(2025, 4, 2)));
        events.pipeInput("F2", fine("F2", "35", "fine-3", FineGround.ADMINISTRATIVE_CASE, LocalDate.of(2025, 4, 9)));
        Map<String, KpiValue> before = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES)
                .readKeyValuesToMap();
        assertThat(value(before, "fines.imposed.count|NATIONAL|YEAR:2025-01-01")).isEqualTo(3.0);
        assertThat(value(before, "fines.without_inspection.count|NATIONAL|YEAR:2025-01-01")).isEqualTo(2.0);
        assertThat(value(before, "fines.without_inspection.count|REGION:55|MONTH:2025-03-01")).isEqualTo(0.0);
        assertThat(value(before, "fines.without_inspection.count|REGION:55|MONTH:2025-04-01")).isEqualTo(1.0);

        // A fine of March recorded after April's: March's values and the year's are corrected, April's stay.
        events.pipeInput("F2", fine("F2", "35", "fine-4", FineGround.AMS_EXCEEDANCE, LocalDate.of(2025, 3, 28)));
        Map<String, KpiValue> after = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES)
                .readKeyValuesToMap();
        assertThat(value(after, "fines.imposed.count|REGION:35|MONTH:2025-03-01")).isEqualTo(1.0);
        assertThat(value(after, "fines.without_inspection.count|NATIONAL|MONTH:2025-03-01")).isEqualTo(1.0);
        assertThat(value(after, "fines.without_inspection.count|NATIONAL|YEAR:2025-01-01")).isEqualTo(3.0);
        assertThat(value(after, "fines.imposed.count|NATIONAL|YEAR:2025-01-01")).isEqualTo(4.0);
        assertThat(after).doesNotContainKey("fines.imposed.count|NATIONAL|MONTH:2025-04-01");
        assertThat(after.get("fines.imposed.count|NATIONAL|YEAR:2025-01-01").getUnit()).isEqualTo("count");
    }

    private static double value(Map<String, KpiValue> kpis, String key) {
        assertThat(kpis).containsKey(key);
        return kpis.get(key).getValue();
    }

    private static InspectionCompleted completed(String facilityId, String region, LocalDate on, int violations) {
        List<ViolationFound> found = java.util.stream.IntStream.range(0, violations)
                .mapToObj(i -> ViolationFound.newBuilder().setViolationId("v" + i).setArticle("art. 186")
                        .setDescription("AMS not working").setSeverity(ViolationSeverity.MINOR).build())
                .toList();
        return InspectionCompleted.newBuilder().setMetadata(meta()).setFacilityId(facilityId).setRegionCode(region)
                .setInspectionId("i-" + facilityId).setType(InspectionType.RISK_BASED).setCompletedOn(on)
                .setViolations(found).build();
    }

    private static FinePaid paid(String facilityId, long kzt, LocalDate on) {
        return FinePaid.newBuilder().setMetadata(meta()).setFacilityId(facilityId).setRegionCode("55")
                .setFineId("fine-1").setPaymentId(java.util.UUID.randomUUID().toString()).setAmountKzt(kzt)
                .setPaidOn(on).setPaidTotalKzt(kzt).setOutstandingKzt(0).build();
    }

    private static EventMetadata meta() {
        return EventMetadata.newBuilder().setEventId(java.util.UUID.randomUUID().toString()).setOccurredAt(NOW)
                .setCorrelationId("c").setProducer("inspection-service").build();
    }

    private static FineImposed fine(String facilityId, String region, String fineId, FineGround ground,
            LocalDate imposedOn) {
        return FineImposed.newBuilder().setMetadata(meta()).setFacilityId(facilityId).setRegionCode(region)
                .setFineId(fineId).setInspectionId(ground == FineGround.INSPECTION ? "i-" + facilityId : "")
                .setGround(ground).setExceedanceEventId(ground == FineGround.AMS_EXCEEDANCE ? "ep-" + fineId : null)
                .setCaseReference(ground == FineGround.ADMINISTRATIVE_CASE ? "case-" + fineId : null)
                .setOffenceDate(imposedOn.minusDays(5)).setAmountMci(100).setMciKzt(3_932).setAmountKzt(393_200)
                .setImposedOn(imposedOn).build();
    }
}

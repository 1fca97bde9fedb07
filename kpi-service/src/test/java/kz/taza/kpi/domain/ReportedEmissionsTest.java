package kz.taza.kpi.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.platform.kpi.Micros;

/** The drill-down's sums: each version's tonnes to the gram, summed exactly, as emission-service totals them. */
class ReportedEmissionsTest {

    @Test
    void theWholeIsTheExactSumOfTheCountedVersionsToTheGramAsTheKpiTotalIs() {
        // given three facilities' 2024 reports of awkward tonnes, one replaced by a later version
        List<EmissionReportSubmitted> versions = List.of(
                report("KZ-55-0001", 0.1, "2025-02-01T00:00:00Z"),
                report("KZ-55-0002", 0.2, "2025-02-01T00:00:00Z"),
                report("KZ-35-0003", 12_345.6789, "2025-02-01T00:00:00Z"),
                report("KZ-35-0003", 1e-7, "2025-02-03T00:00:00Z"),
                report("KZ-35-0003", 1.0 / 3, "2025-02-05T00:00:00Z"));

        // when they are taken apart by region (no facility is registered: all in UNKNOWN)
        ReportedEmissions.Breakdown byRegion = new ReportedEmissions(versions, id -> null).byRegion(2024);

        // then the whole is 0.1 + 0.2 + 0.333333 t exactly (not the sum of the doubles' binary values), and as a
        // double it is the value emission-service publishes from the same grams
        assertThat(byRegion.whole().exactTonnes()).isEqualByComparingTo("0.633333");
        assertThat(byRegion.whole().inputs()).isEqualTo(3);
        long grams = Micros.of(0.1) + Micros.of(0.2) + Micros.of(1.0 / 3);
        assertThat(byRegion.whole().exactTonnes().doubleValue()).isEqualTo(Micros.toDouble(grams));
        assertThat(byRegion.whole().tonnes()).isEqualByComparingTo("0.633");
        assertThat(byRegion.parts()).singleElement()
                .satisfies(part -> assertThat(part.figure()).isEqualTo(byRegion.whole()));
    }

    private static EmissionReportSubmitted report(String facilityId, double tonnes, String submittedAt) {
        Instant at = Instant.parse(submittedAt);
        return EmissionReportSubmitted.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                        .setCorrelationId("test").setCausationId(null).setProducer("test").build())
                .setReportId(UUID.randomUUID().toString()).setFacilityId(facilityId).setYear(2024)
                .setPollutant(Pollutant.SO2).setTonnes(tonnes).setSubmittedAt(at).build();
    }
}

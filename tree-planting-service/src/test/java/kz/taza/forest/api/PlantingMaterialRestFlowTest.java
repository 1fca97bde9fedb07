package kz.taza.forest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.common.KpiValue;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialCorrectionReason;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingMaterialUnit;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.TazaServiceTest;
import kz.taza.platform.topic.PlatformTopics;

/**
 * A nursery's planting material through REST, on the real in-process broker: lots prepared for a coming year's
 * planting, one corrected after a loss, against that year's plan; the events on forest.events.v1, the KPI values on
 * kpi.values.v1 and the lot read back. Bad input to each command is answered with a problem document naming the
 * field, and writes nothing. The lots are for the plantings of 2006 and 2007 (prepared in 2005 and 2006), years no
 * other test looks at, each test in its own year and region.
 */
@TazaServiceTest
@AutoConfigureRestTestClient
class PlantingMaterialRestFlowTest {

    @Autowired
    RestTestClient http;

    @LocalManagementPort
    int managementPort;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void serviceIsReady() {
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build().get()
                        .uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    @Test
    void lotsArePreparedCorrectedAndCountedAgainstTheComingYearsPlan() {
        // given Zhetysu's plan for 2006: 200,000 trees
        http.put().uri("/api/v1/regions/33/plans/2006").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("plannedTrees", 200_000, "plannedHectares", 80.0)).exchange().expectStatus().is2xxSuccessful();
        String seedlings = "pm-" + run;
        String seed = "pm-seed-" + run;
        // when a nursery prepares 180,000 seedlings and 350.6 kg of seed for it in the autumn of 2005
        http.post().uri("/api/v1/planting-material").contentType(MediaType.APPLICATION_JSON)
                .body(lot(seedlings, "33", 2006, "SEEDLING", 180_000.0, "2005-10-15"))
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/v1/planting-material/" + seedlings)
                .expectBody().jsonPath("$.outcome").isEqualTo("ACCEPTED");
        http.post().uri("/api/v1/planting-material").contentType(MediaType.APPLICATION_JSON)
                .body(lot(seed, "33", 2006, "seed", 350.5, "2005-09-01"))
                .exchange().expectStatus().isCreated();
        // and the same lot again: the first answer, nothing written; with another quantity: 409 naming lotId
        http.post().uri("/api/v1/planting-material").contentType(MediaType.APPLICATION_JSON)
                .body(lot(seedlings, "33", 2006, "SEEDLING", 180_000.0, "2005-10-15"))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/v1/planting-material").contentType(MediaType.APPLICATION_JSON)
                .body(lot(seedlings, "33", 2006, "SEEDLING", 240_000.0, "2005-10-15"))
                .exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.violations[0].field").isEqualTo("lotId");
        // and a frost kills 30,000 seedlings (sent twice: a retry), then a recount finds 160,000
        for (int i = 0; i < 2; i++) {
            http.post().uri("/api/v1/planting-material/" + seedlings + "/corrections")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("quantity", 150_000.0, "reason", "LOSS", "correctedOn", "2006-01-20")).exchange()
                    .expectStatus().isOk();
        }
        http.post().uri("/api/v1/planting-material/" + seedlings + "/corrections")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("quantity", 160_000.0, "reason", "RECOUNT", "correctedOn", "2006-02-01")).exchange()
                .expectStatus().isOk();

        // then forest.events.v1 has each lot once and the two corrections, under 33
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(ForestTopics.FOREST_EVENTS,
                seen -> seen.stream().anyMatch(r -> r.value() instanceof PlantingMaterialCorrected c
                        && c.getLotId().equals(seedlings) && c.getQuantity() == 160_000));
        assertThat(events).filteredOn(r -> r.value() instanceof PlantingMaterialPrepared p
                && p.getLotId().equals(seedlings)).singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("33");
                    assertThat(((PlantingMaterialPrepared) r.value()).getUnit()).isEqualTo(PlantingMaterialUnit.PIECES);
                });
        assertThat(events).filteredOn(r -> r.value() instanceof PlantingMaterialPrepared p
                && p.getLotId().equals(seed)).singleElement()
                .satisfies(r -> assertThat(((PlantingMaterialPrepared) r.value()).getUnit())
                        .isEqualTo(PlantingMaterialUnit.KILOGRAMS));
        assertThat(events).filteredOn(r -> r.value() instanceof PlantingMaterialCorrected c
                && c.getLotId().equals(seedlings)).extracting(r -> ((PlantingMaterialCorrected) r.value()).getReason())
                .containsExactly(PlantingMaterialCorrectionReason.LOSS, PlantingMaterialCorrectionReason.RECOUNT);

        // and the KPIs of Zhetysu for 2006: 160,000 seedlings, 0.351 t of seed (to the kilogram), 80 % of the plan
        Map<String, Double> expected = Map.of(
                "forest.planting_material.seedlings|REGION:33|YEAR:2006-01-01", 160_000.0,
                "forest.planting_material.seeds_tonnes|REGION:33|YEAR:2006-01-01", 0.351,
                "forest.planting_material.plan_coverage_pct|REGION:33|YEAR:2006-01-01", 80.0);
        Map<String, KpiValue> latest = new HashMap<>();
        KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES, seen -> {
            latest.clear();
            seen.forEach(r -> latest.put(r.key(), r.value()));
            return expected.entrySet().stream().allMatch(e -> latest.containsKey(e.getKey())
                    && latest.get(e.getKey()).getValue() == e.getValue());
        });
        assertThat(latest.get("forest.planting_material.plan_coverage_pct|REGION:33|YEAR:2006-01-01").getTarget())
                .isEqualTo(100d);

        // and the lot reads back with its quantity now and the latest correction
        http.get().uri("/api/v1/planting-material/" + seedlings).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.preparedQuantity").isEqualTo(180_000.0)
                .jsonPath("$.quantity").isEqualTo(160_000.0)
                .jsonPath("$.unit").isEqualTo("PIECES")
                .jsonPath("$.plantingYear").isEqualTo(2006)
                .jsonPath("$.correctionReason").isEqualTo("RECOUNT");
        http.get().uri("/api/v1/planting-material/ghost-" + run).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.reasonCode").isEqualTo("UNKNOWN_LOT");
    }

    @Test
    void badInputToEveryPlantingMaterialCommandIsAnsweredNamingTheFieldAndWritesNothing() {
        String future = LocalDate.now(ZoneOffset.ofHours(5)).plusDays(2).toString();
        String lotId = "pm-base-" + run;
        http.post().uri("/api/v1/planting-material").contentType(MediaType.APPLICATION_JSON)
                .body(lot(lotId, "39", 2007, "SAPLING", 5_000.0, "2006-10-01")).exchange().expectStatus()
                .isCreated();

        // lots: no quantity, a fraction of a seedling, an unknown kind or region, a planting year before the
        // preparation's or too far ahead, a future date, no nursery, a bad id, too much seed
        lotRejected(lot("zero-" + run, "39", 2007, "SEEDLING", 0.0, "2006-10-01"), "NOT_POSITIVE", "quantity");
        lotRejected(lot("half-" + run, "39", 2007, "SEEDLING", 10.5, "2006-10-01"), "NOT_WHOLE", "quantity");
        lotRejected(lot("cone-" + run, "39", 2007, "CONE", 10.0, "2006-10-01"), "UNKNOWN_KIND", "kind");
        lotRejected(lot("unk-" + run, "39", 2007, "UNKNOWN", 10.0, "2006-10-01"), "UNKNOWN_KIND", "kind");
        lotRejected(lot("nowhere-" + run, "99", 2007, "SEED", 10.0, "2006-10-01"), "UNKNOWN_REGION", "regionCode");
        lotRejected(lot("past-" + run, "39", 2005, "SEED", 10.0, "2006-10-01"), "YEAR_OUT_OF_RANGE",
                "plantingYear");
        lotRejected(lot("far-" + run, "39", 2012, "SEED", 10.0, "2006-10-01"), "YEAR_OUT_OF_RANGE",
                "plantingYear");
        lotRejected(lot("future-" + run, "39", 2099, "SEED", 10.0, future), "DATE_IN_FUTURE", "preparedOn");
        lotRejected(lot("tons-" + run, "39", 2007, "SEED", 6_000_000.0, "2006-10-01"), "OUT_OF_RANGE", "quantity");
        lotRejected(lot("bad id " + run, "39", 2007, "SEED", 10.0, "2006-10-01"), "INVALID_ID", "lotId");
        Map<String, Object> noNursery = lot("nonur-" + run, "39", 2007, "SEED", 10.0, "2006-10-01");
        noNursery.remove("nursery");
        lotRejected(noNursery, "REQUIRED", "nursery");
        Map<String, Object> noYear = lot("noyear-" + run, "39", 2007, "SEED", 10.0, "2006-10-01");
        noYear.remove("plantingYear");
        lotRejected(noYear, "REQUIRED", "plantingYear");
        Map<String, Object> noKind = lot("nokind-" + run, "39", 2007, "SEED", 10.0, "2006-10-01");
        noKind.remove("kind");
        lotRejected(noKind, "REQUIRED", "kind");

        // corrections: of an unknown lot, negative, a fraction of a piece, before the lot, in the future, an unknown
        // reason, no quantity
        String corrections = "/api/v1/planting-material/" + lotId + "/corrections";
        rejected("/api/v1/planting-material/ghost-" + run + "/corrections",
                Map.of("quantity", 5.0, "correctedOn", "2006-11-01"), 404, "UNKNOWN_LOT", "lotId");
        rejected(corrections, Map.of("quantity", -1.0, "correctedOn", "2006-11-01"), 422, "NEGATIVE", "quantity");
        rejected(corrections, Map.of("quantity", 4_000.5, "correctedOn", "2006-11-01"), 422, "NOT_WHOLE",
                "quantity");
        rejected(corrections, Map.of("quantity", 4_000.0, "correctedOn", "2006-09-30"), 422,
                "CORRECTED_BEFORE_PREPARED", "correctedOn");
        rejected(corrections, Map.of("quantity", 4_000.0, "correctedOn", future), 422, "DATE_IN_FUTURE",
                "correctedOn");
        rejected(corrections, Map.of("quantity", 4_000.0, "reason", "THEFT", "correctedOn", "2006-11-01"), 422,
                "UNKNOWN_REASON", "reason");
        rejected(corrections, Map.of("correctedOn", "2006-11-01"), 422, "REQUIRED", "quantity");

        // a correction that passes, as a marker that everything before it has been processed
        http.post().uri(corrections).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("quantity", 4_800.0, "reason", "CULLING", "correctedOn", "2006-11-02")).exchange()
                .expectStatus().isOk();

        // then forest.events.v1 has the good lot and the marker, and nothing from the bad input
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(ForestTopics.FOREST_EVENTS,
                seen -> seen.stream().anyMatch(r -> r.value() instanceof PlantingMaterialCorrected c
                        && c.getLotId().equals(lotId)));
        List<String> written = events.stream().map(ConsumerRecord::value).map(v -> v instanceof PlantingMaterialPrepared p
                ? "prepared:" + p.getLotId() : v instanceof PlantingMaterialCorrected c ? "corrected:" + c.getLotId()
                : "other").filter(id -> id.endsWith(run)).toList();
        assertThat(written).containsExactlyInAnyOrder("prepared:" + lotId, "corrected:" + lotId);
    }

    private void lotRejected(Map<String, Object> body, String reasonCode, String field) {
        rejected("/api/v1/planting-material", body, 422, reasonCode, field);
    }

    private void rejected(String uri, Map<String, Object> body, int status, String reasonCode, String field) {
        http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reasonCode").isEqualTo(reasonCode)
                .jsonPath("$.violations[0].field").isEqualTo(field);
    }

    private static Map<String, Object> lot(String id, String region, int plantingYear, String kind, double quantity,
            String day) {
        Map<String, Object> body = new HashMap<>();
        body.put("lotId", id);
        body.put("regionCode", region);
        body.put("forestryInstitution", "Zhetysu forestry institution");
        body.put("nursery", "Tekeli forest nursery");
        body.put("plantingYear", plantingYear);
        body.put("species", "Tien Shan spruce");
        body.put("kind", kind);
        body.put("quantity", quantity);
        body.put("preparedOn", day);
        return body;
    }
}

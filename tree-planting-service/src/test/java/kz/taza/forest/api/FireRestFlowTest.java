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
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.FireCause;
import kz.taza.events.forest.FireContained;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.TazaServiceTest;
import kz.taza.platform.topic.PlatformTopics;

/**
 * A forestry institution's fire season through REST, on the real in-process broker: a fire reported, contained and
 * put out (and its area corrected), a detection system installed; the events on forest.events.v1, the KPI values on
 * kpi.values.v1 and the fire read back. Bad input to each command is answered with a problem document naming the
 * field, and writes nothing. The fires are of 2002 and 2003, years no other test looks
 * at, each test in its own year and region.
 */
@TazaServiceTest
@AutoConfigureRestTestClient
class FireRestFlowTest {

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
    void aFireIsReportedContainedAndExtinguishedAndCountedInTheKpis() {
        String fireId = "fire-" + run;
        // when Ulytau reports a fire of 40 ha, caused by lightning
        http.post().uri("/api/v1/fires").contentType(MediaType.APPLICATION_JSON)
                .body(fire(fireId, "62", 40.0, "LIGHTNING", "2002-07-10"))
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/v1/fires/" + fireId)
                .expectBody().jsonPath("$.outcome").isEqualTo("ACCEPTED");
        // and the same report again: the first answer, nothing written; with another area: 409 naming fireId
        http.post().uri("/api/v1/fires").contentType(MediaType.APPLICATION_JSON)
                .body(fire(fireId, "62", 40.0, "LIGHTNING", "2002-07-10"))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/v1/fires").contentType(MediaType.APPLICATION_JSON)
                .body(fire(fireId, "62", 400.0, "LIGHTNING", "2002-07-10"))
                .exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.violations[0].field").isEqualTo("fireId");
        // and it is contained, then put out at 350 ha, then its area corrected to 320 ha
        http.post().uri("/api/v1/fires/" + fireId + "/containment").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("containedOn", "2002-07-11")).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/fires/" + fireId + "/extinguishment").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hectaresBurned", 350.0, "extinguishedOn", "2002-07-13")).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/v1/fires/" + fireId + "/extinguishment").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hectaresBurned", 350.0, "extinguishedOn", "2002-07-13")).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/v1/fires/" + fireId + "/extinguishment").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hectaresBurned", 320.0, "extinguishedOn", "2002-07-13")).exchange()
                .expectStatus().isOk();
        // and corrected back to 350 ha: a correction to an earlier area is applied, not taken for the first request
        http.post().uri("/api/v1/fires/" + fireId + "/extinguishment").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hectaresBurned", 350.0, "extinguishedOn", "2002-07-13")).exchange()
                .expectStatus().isOk();
        // and a detection system covering 150,000 ha is installed
        String systemId = "eds-" + run;
        http.post().uri("/api/v1/detection-systems").contentType(MediaType.APPLICATION_JSON)
                .body(detection(systemId, "62", 150_000.0, "2002-05-01"))
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/v1/detection-systems/" + systemId);

        // then forest.events.v1 has the report once, the containment, three extinguishments and the system, under 62
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(ForestTopics.FOREST_EVENTS,
                seen -> seen.stream().anyMatch(r -> r.value() instanceof DetectionSystemInstalled d
                        && d.getSystemId().equals(systemId)));
        assertThat(events).filteredOn(r -> r.value() instanceof FireReported f && f.getFireId().equals(fireId))
                .singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("62");
                    assertThat(((FireReported) r.value()).getCause()).isEqualTo(FireCause.LIGHTNING);
                });
        assertThat(events).filteredOn(r -> r.value() instanceof FireContained f && f.getFireId().equals(fireId))
                .hasSize(1);
        assertThat(events).filteredOn(r -> r.value() instanceof FireExtinguished f && f.getFireId().equals(fireId))
                .extracting(r -> ((FireExtinguished) r.value()).getHectaresBurned())
                .containsExactly(350.0, 320.0, 350.0);

        // and the KPIs of Ulytau in 2002: one fire, 350 ha burned, 150,000 ha watched
        Map<String, Double> expected = Map.of(
                "forest.fires.count|REGION:62|YEAR:2002-01-01", 1.0,
                "forest.fires.hectares_burned|REGION:62|YEAR:2002-01-01", 350.0,
                "forest.fire_detection.covered_hectares|REGION:62|YEAR:2002-01-01", 150_000.0);
        Map<String, KpiValue> latest = new HashMap<>();
        KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES, seen -> {
            latest.clear();
            seen.forEach(r -> latest.put(r.key(), r.value()));
            return expected.entrySet().stream().allMatch(e -> latest.containsKey(e.getKey())
                    && latest.get(e.getKey()).getValue() == e.getValue());
        });
        assertThat(latest.get("forest.fire_detection.covered_hectares|NATIONAL|PROGRAMME:2021-01-01").getTarget())
                .isEqualTo(5_600_000d);
        assertThat(latest).containsKey("forest.fire_detection.coverage_pct|NATIONAL|PROGRAMME:2021-01-01");

        // and the fire reads back as extinguished, with the area as last corrected
        http.get().uri("/api/v1/fires/" + fireId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("EXTINGUISHED")
                .jsonPath("$.hectaresBurned").isEqualTo(350.0)
                .jsonPath("$.containedOn").isEqualTo("2002-07-11");
        http.get().uri("/api/v1/fires/ghost-" + run).exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.reasonCode").isEqualTo("UNKNOWN_FIRE");
        http.get().uri("/api/v1/detection-systems/" + systemId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.coveredHectares").isEqualTo(150_000.0)
                .jsonPath("$.regionCode").isEqualTo("62");
    }

    @Test
    void badInputToEveryFireCommandIsAnsweredNamingTheFieldAndWritesNothing() {
        String future = LocalDate.now(ZoneOffset.ofHours(5)).plusDays(2).toString();
        String fireId = "base-" + run;
        http.post().uri("/api/v1/fires").contentType(MediaType.APPLICATION_JSON)
                .body(fire(fireId, "35", 5.0, null, "2003-08-01")).exchange().expectStatus().isCreated();

        // reports: no area, an unknown region, an unknown cause, a future date, no institution, a bad id
        fireRejected(fire("zero-" + run, "35", 0.0, "ARSON", "2003-08-01"), "NOT_POSITIVE", "hectares");
        fireRejected(fire("nowhere-" + run, "99", 5.0, "ARSON", "2003-08-01"), "UNKNOWN_REGION", "regionCode");
        fireRejected(fire("meteor-" + run, "35", 5.0, "METEOR", "2003-08-01"), "UNKNOWN_CAUSE", "cause");
        fireRejected(fire("future-" + run, "35", 5.0, "ARSON", future), "DATE_IN_FUTURE", "reportedOn");
        fireRejected(fire("huge-" + run, "35", 2_000_000.0, "ARSON", "2003-08-01"), "OUT_OF_RANGE", "hectares");
        Map<String, Object> noInstitution = fire("noinst-" + run, "35", 5.0, "ARSON", "2003-08-01");
        noInstitution.remove("forestryInstitution");
        fireRejected(noInstitution, "REQUIRED", "forestryInstitution");
        Map<String, Object> noArea = fire("noarea-" + run, "35", 5.0, "ARSON", "2003-08-01");
        noArea.remove("hectares");
        fireRejected(noArea, "REQUIRED", "hectares");
        fireRejected(fire("bad id " + run, "35", 5.0, "ARSON", "2003-08-01"), "INVALID_ID", "fireId");

        // containment and extinguishment: of an unknown fire, before the report, negative or missing area
        rejected("/api/v1/fires/ghost-" + run + "/containment", Map.of("containedOn", "2003-08-02"), 404,
                "UNKNOWN_FIRE", "fireId");
        rejected("/api/v1/fires/ghost-" + run + "/extinguishment",
                Map.of("hectaresBurned", 5.0, "extinguishedOn", "2003-08-02"), 404, "UNKNOWN_FIRE", "fireId");
        rejected("/api/v1/fires/" + fireId + "/containment", Map.of("containedOn", "2003-07-31"), 422,
                "CONTAINED_BEFORE_REPORT", "containedOn");
        rejected("/api/v1/fires/" + fireId + "/containment", Map.of("containedOn", future), 422,
                "DATE_IN_FUTURE", "containedOn");
        rejected("/api/v1/fires/" + fireId + "/containment", Map.of(), 422, "REQUIRED", "containedOn");
        rejected("/api/v1/fires/" + fireId + "/extinguishment",
                Map.of("hectaresBurned", -1.0, "extinguishedOn", "2003-08-03"), 422, "NEGATIVE", "hectaresBurned");
        rejected("/api/v1/fires/" + fireId + "/extinguishment", Map.of("extinguishedOn", "2003-08-03"), 422,
                "REQUIRED", "hectaresBurned");
        rejected("/api/v1/fires/" + fireId + "/extinguishment",
                Map.of("hectaresBurned", 5.0, "extinguishedOn", "2003-07-30"), 422, "EXTINGUISHED_TOO_EARLY",
                "extinguishedOn");

        // detection systems: no area, an unknown region, a date before 2000, a future date
        rejected("/api/v1/detection-systems", detection("eds-zero-" + run, "35", 0.0, "2003-05-01"), 422,
                "NOT_POSITIVE", "coveredHectares");
        rejected("/api/v1/detection-systems", detection("eds-nowhere-" + run, "00", 10.0, "2003-05-01"), 422,
                "UNKNOWN_REGION", "regionCode");
        rejected("/api/v1/detection-systems", detection("eds-old-" + run, "35", 10.0, "1999-05-01"), 422,
                "DATE_TOO_EARLY", "installedOn");
        rejected("/api/v1/detection-systems", detection("eds-future-" + run, "35", 10.0, future), 422,
                "DATE_IN_FUTURE", "installedOn");

        // a containment that passes, as a marker that everything before it has been processed
        http.post().uri("/api/v1/fires/" + fireId + "/containment").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("containedOn", "2003-08-02")).exchange().expectStatus().isOk();

        // then forest.events.v1 has the good report and the marker, and nothing from the bad input
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(ForestTopics.FOREST_EVENTS,
                seen -> seen.stream().anyMatch(r -> r.value() instanceof FireContained c
                        && c.getFireId().equals(fireId)));
        List<String> written = events.stream().map(ConsumerRecord::value).map(v -> v instanceof FireReported f
                ? "reported:" + f.getFireId() : v instanceof FireContained c ? "contained:" + c.getFireId()
                : v instanceof FireExtinguished x ? "extinguished:" + x.getFireId()
                : v instanceof DetectionSystemInstalled d ? "system:" + d.getSystemId() : "other")
                .filter(id -> id.endsWith(run)).toList();
        assertThat(written).containsExactlyInAnyOrder("reported:" + fireId, "contained:" + fireId);
    }

    private void fireRejected(Map<String, Object> body, String reasonCode, String field) {
        rejected("/api/v1/fires", body, 422, reasonCode, field);
    }

    private void rejected(String uri, Map<String, Object> body, int status, String reasonCode, String field) {
        http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reasonCode").isEqualTo(reasonCode)
                .jsonPath("$.violations[0].field").isEqualTo(field);
    }

    private static Map<String, Object> fire(String id, String region, double hectares, String cause, String day) {
        Map<String, Object> body = new HashMap<>();
        body.put("fireId", id);
        body.put("regionCode", region);
        body.put("forestryInstitution", "Ulytau forestry institution");
        body.put("hectares", hectares);
        if (cause != null) {
            body.put("cause", cause);
        }
        body.put("reportedOn", day);
        return body;
    }

    private static Map<String, Object> detection(String id, String region, double hectares, String day) {
        Map<String, Object> body = new HashMap<>();
        body.put("systemId", id);
        body.put("regionCode", region);
        body.put("forestryInstitution", "Ulytau forestry institution");
        body.put("coveredHectares", hectares);
        body.put("installedOn", day);
        return body;
    }
}

package kz.taza.forest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Region;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.forest.PlantingMethod;
import kz.taza.events.forest.PlantingPlanSet;
import kz.taza.events.forest.RecordPlanting;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.TazaServiceTest;
import kz.taza.platform.topic.PlatformTopics;

/**
 * A regional forestry office's year through REST, on the real in-process broker: a plan, plantings (alone and in a
 * batch), surveys; then the events on forest.events.v1 and the KPI values on kpi.values.v1, and the reads. Bad input is
 * answered with a problem document and writes nothing.
 */
@TazaServiceTest
@AutoConfigureRestTestClient
// its OpenAPI document is checked below
@TestPropertySource(properties = "taza.security.open-api-public=true")
class ForestRestFlowTest {

    @Autowired
    RestTestClient http;

    @LocalManagementPort
    int managementPort;

    // Unique ids: the broker is shared by every test class of this JVM.
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void serviceIsReady() {
        // Commands are answered once the Streams application runs; readiness says when that is.
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    @Test
    void planPlantingsAndSurveysBecomeEventsAndKpis() {
        // given Kyzylorda's 2024 plan of 100,000 trees
        http.put().uri("/api/v1/regions/43/plans/2024").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("plannedTrees", 100_000, "plannedHectares", 40.0))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("ACCEPTED");

        // when saxaul is sown on the Aral seabed, and two more plantings arrive in a batch
        String aral = "aral-" + run;
        http.post().uri("/api/v1/plantings").contentType(MediaType.APPLICATION_JSON)
                .body(planting(aral, "43", 60_000, 20.0, LocalDate.of(2024, 4, 10), true))
                .exchange().expectStatus().isCreated()
                .expectHeader().location("/api/v1/plantings/" + aral);
        String elm = "elm-" + run;
        String pine = "pine-" + run;
        http.post().uri("/api/v1/plantings/batch").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("plantings", List.of(
                        planting(elm, "43", 30_000, 10.0, LocalDate.of(2024, 5, 1), false),
                        planting(pine, "55", 10_000, 4.0, LocalDate.of(2024, 5, 2), false))))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.results[0].outcome").isEqualTo("ACCEPTED")
                .jsonPath("$.results[1].outcome").isEqualTo("ACCEPTED");
        // and the Aral planting is reported again, padded: refused, naming the plantingId
        http.post().uri("/api/v1/plantings").contentType(MediaType.APPLICATION_JSON)
                .body(planting(aral, "43", 90_000, 20.0, LocalDate.of(2024, 4, 10), true))
                .exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.reasonCode").isEqualTo("IDEMPOTENCY_KEY_REUSED")
                .jsonPath("$.violations[0].field").isEqualTo("plantingId");
        // and its first-year survey counts 40,000 alive and 10,000 dead
        String survey = "survey-" + run;
        http.post().uri("/api/v1/plantings/" + aral + "/surveys").contentType(MediaType.APPLICATION_JSON)
                .body(survey(survey, 1, 40_000, 10_000))
                .exchange().expectStatus().isCreated();
        // and the same survey is sent again, with other numbers: refused, naming the surveyId
        http.post().uri("/api/v1/plantings/" + aral + "/surveys").contentType(MediaType.APPLICATION_JSON)
                .body(survey(survey, 1, 10_000, 40_000))
                .exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.violations[0].field").isEqualTo("surveyId");

        // then forest.events.v1 carries the plan, each planting once (the first report) and the survey once
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(ForestTopics.FOREST_EVENTS,
                seen -> seen.stream().anyMatch(r -> r.value() instanceof SurvivalSurveyed s
                        && s.getSurveyId().equals(survey)));
        List<TreesPlanted> aralPlantings = events.stream().map(ConsumerRecord::value)
                .filter(v -> v instanceof TreesPlanted t && t.getPlantingId().equals(aral))
                .map(TreesPlanted.class::cast).toList();
        assertThat(aralPlantings).hasSize(1);
        assertThat(aralPlantings.get(0).getTreeCount()).isEqualTo(60_000);
        assertThat(events).anyMatch(r -> r.key().equals("43") && r.value() instanceof PlantingPlanSet);
        assertThat(events).anyMatch(r -> r.key().equals("55") && r.value() instanceof TreesPlanted t
                && t.getPlantingId().equals(pine));
        SurvivalSurveyed surveyed = events.stream().map(ConsumerRecord::value)
                .filter(SurvivalSurveyed.class::isInstance).map(SurvivalSurveyed.class::cast)
                .filter(s -> s.getSurveyId().equals(survey)).findFirst().orElseThrow();
        assertThat(events).filteredOn(r -> r.value() instanceof SurvivalSurveyed s && s.getSurveyId().equals(survey))
                .hasSize(1);
        assertThat(surveyed.getAlive()).isEqualTo(40_000);
        assertThat(surveyed.getPlantedCount()).isEqualTo(60_000);
        assertThat(surveyed.getMetadata().getProducer()).isEqualTo("tree-planting-service");

        // and kpi.values.v1 has the region's figures: 90,000 trees, 90% of plan, 80% alive after a year, 20 ha
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("trees.planted.count|REGION:43|PROGRAMME:2021-01-01", 90_000d);
        expected.put("trees.planted.count|REGION:43|YEAR:2024-01-01", 90_000d);
        expected.put("trees.plan_fulfilment_pct|REGION:43|YEAR:2024-01-01", 90.0);
        expected.put("trees.survival_rate_pct.year1|REGION:43|YEAR:2024-01-01", 80.0);
        expected.put("trees.survival_rate_pct.year1|REGION:43|PROGRAMME:2021-01-01", 80.0);
        expected.put("aral.saxaul_hectares|REGION:43|PROGRAMME:2021-01-01", 20.0);
        expected.put("trees.planted.count|REGION:55|YEAR:2024-01-01", 10_000d);
        Map<String, KpiValue> latest = latestKpis(values -> expected.entrySet().stream().allMatch(e ->
                values.containsKey(e.getKey()) && values.get(e.getKey()).getValue() == e.getValue()));
        assertThat(latest.get("trees.planted.count|NATIONAL|PROGRAMME:2021-01-01").getTarget())
                .isEqualTo(2_000_000_000d);
        assertThat(latest.get("aral.saxaul_hectares|NATIONAL|PROGRAMME:2021-01-01").getTarget())
                .isEqualTo(1_100_000d);

        // and the reads show the planting with its survey, and the region's progress
        http.get().uri("/api/v1/plantings/" + aral).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.treeCount").isEqualTo(60_000)
                .jsonPath("$.surveys[0].surveyId").isEqualTo(survey)
                .jsonPath("$.surveys[0].survivalRatePct").isEqualTo(80.0);
        Awaitility.await("region progress").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/api/v1/programme/progress/regions/43").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.treesPlanted").isEqualTo(90_000.0)
                        .jsonPath("$.aralSeabedHectares").isEqualTo(20.0)
                        .jsonPath("$.survivalYear1Pct").isEqualTo(80.0)
                        .jsonPath("$.years[0].planFulfilmentPct").isEqualTo(90.0));
        Awaitility.await("national progress").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/api/v1/programme/progress").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.national.treesTarget").isEqualTo(2.0E9)
                        .jsonPath("$.regions[?(@.scope == 'REGION:43')].treesPlanted").isEqualTo(List.of(90_000.0)));
    }

    @Test
    void documentsTheForestEndpointsInOpenApi() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/plantings'].post").exists()
                .jsonPath("$.paths['/api/v1/plantings/batch'].post").exists()
                .jsonPath("$.paths['/api/v1/plantings/{plantingId}/surveys'].post").exists()
                .jsonPath("$.paths['/api/v1/regions/{regionCode}/plans/{year}'].put").exists()
                .jsonPath("$.paths['/api/v1/plantings/{plantingId}'].get").exists()
                .jsonPath("$.paths['/api/v1/programme/progress'].get").exists();
    }

    @Test
    void badInputIsAnsweredWithTheReasonAndWritesNothing() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.ofHours(5)).plusDays(2);
        String planted = "base-" + run;
        http.post().uri("/api/v1/plantings").contentType(MediaType.APPLICATION_JSON)
                .body(planting(planted, "61", 3_000, 1.0, LocalDate.of(2025, 4, 1), false))
                .exchange().expectStatus().isCreated();

        // zero trees, an implausible density, a future date, an unknown region
        rejected(planting("zero-" + run, "61", 0, 1.0, LocalDate.of(2025, 4, 1), false), "NOT_POSITIVE", "treeCount");
        rejected(planting("dense-" + run, "61", 1_000_000, 1.0, LocalDate.of(2025, 4, 1), false),
                "IMPLAUSIBLE_DENSITY", "hectares");
        rejected(planting("future-" + run, "61", 3_000, 1.0, tomorrow, false), "DATE_IN_FUTURE", "plantedOn");
        rejected(planting("nowhere-" + run, "99", 3_000, 1.0, LocalDate.of(2025, 4, 1), false), "UNKNOWN_REGION",
                "regionCode");
        // a batch with one bad planting records none of them
        http.post().uri("/api/v1/plantings/batch").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("plantings", List.of(
                        planting("batch-ok-" + run, "61", 3_000, 1.0, LocalDate.of(2025, 4, 1), false),
                        planting("batch-bad-" + run, "61", -5, 1.0, LocalDate.of(2025, 4, 1), false))))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("plantings[1].treeCount");
        // a plan without trees
        http.put().uri("/api/v1/regions/61/plans/2025").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("plannedTrees", 0, "plannedHectares", 10.0))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.reasonCode").isEqualTo("NOT_POSITIVE");
        // surveys: more trees than planted, an unknown planting, survey year 2, a future date
        surveyRejected(planted, survey("over-" + run, 1, 2_500, 600), 422, "SURVEY_EXCEEDS_PLANTED");
        surveyRejected("ghost-" + run, survey("ghost-s-" + run, 1, 10, 1), 404, "UNKNOWN_PLANTING");
        surveyRejected(planted, survey("y2-" + run, 2, 10, 1), 422, "INVALID_SURVEY_YEAR");
        Map<String, Object> futureSurvey = new HashMap<>(survey("fut-" + run, 1, 10, 1));
        futureSurvey.put("surveyedOn", tomorrow.toString());
        surveyRejected(planted, futureSurvey, 422, "DATE_IN_FUTURE");
        // a survey that passes, as a marker that everything before it has been processed
        String marker = "marker-" + run;
        http.post().uri("/api/v1/plantings/" + planted + "/surveys").contentType(MediaType.APPLICATION_JSON)
                .body(survey(marker, 1, 2_000, 500)).exchange().expectStatus().isCreated();

        // then forest.events.v1 has the good planting and the marker survey, and nothing from the bad input
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(ForestTopics.FOREST_EVENTS,
                seen -> seen.stream().anyMatch(r -> r.value() instanceof SurvivalSurveyed s
                        && s.getSurveyId().equals(marker)));
        List<String> ids = events.stream().map(ConsumerRecord::value).map(v -> v instanceof TreesPlanted t
                ? t.getPlantingId() : v instanceof SurvivalSurveyed s ? s.getSurveyId() : "plan")
                .filter(id -> id.endsWith(run)).toList();
        assertThat(ids).containsExactlyInAnyOrder(planted, marker);
    }

    @Test
    void theApiAndTheCommandProcessorRejectTheSameBadCommandWithTheSameFieldCodeAndMessage() {
        // given a planting of no trees
        String plantingId = "none-" + run;
        Map<String, Object> body = planting(plantingId, "61", 0, 1.0, LocalDate.of(2025, 4, 1), false);

        // when a forestry office posts it, it is refused before anything is sent
        Map<?, ?> answer = http.post().uri("/api/v1/plantings").contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isEqualTo(422).expectBody(Map.class).returnResult().getResponseBody();
        // and when another sender puts the same command on the commands topic, the processor rejects it
        RecordPlanting command = RecordPlanting.newBuilder().setPlantingId(plantingId).setRegion(Region.TURKISTAN)
                .setForestryInstitution("Kazaly forestry institution").setSite("Block 12").setSpecies("elm")
                .setTreeCount(0).setHectares(1.0).setPlantedOn(LocalDate.of(2025, 4, 1)).setAralSeabed(false)
                .setMethod(PlantingMethod.SEEDLINGS).build();
        CommandResult result = KafkaTestClients.sendCommand(ForestTopics.FOREST_COMMANDS,
                ForestTopics.FOREST_COMMAND_RESULTS, plantingId, UUID.randomUUID().toString(), command);

        // then both name the same field, code and message, and the code types both answers
        Map<?, ?> refused = (Map<?, ?>) ((List<?>) answer.get("violations")).get(0);
        assertThat(answer.get("reasonCode")).isEqualTo(result.getReasonCode()).isEqualTo("NOT_POSITIVE");
        assertThat(result.getRejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(result.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo(refused.get("field")).isEqualTo("treeCount");
            assertThat(v.getCode()).isEqualTo(refused.get("code"));
            assertThat(v.getMessage()).isEqualTo(refused.get("message"));
        });
    }

    private void rejected(Map<String, Object> planting, String reasonCode, String field) {
        http.post().uri("/api/v1/plantings").contentType(MediaType.APPLICATION_JSON).body(planting)
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.reasonCode").isEqualTo(reasonCode)
                .jsonPath("$.violations[0].field").isEqualTo(field);
    }

    private void surveyRejected(String plantingId, Map<String, Object> survey, int status, String reasonCode) {
        http.post().uri("/api/v1/plantings/" + plantingId + "/surveys").contentType(MediaType.APPLICATION_JSON)
                .body(survey).exchange().expectStatus().isEqualTo(status)
                .expectBody().jsonPath("$.reasonCode").isEqualTo(reasonCode)
                .jsonPath("$.detail").isNotEmpty();
    }

    private Map<String, KpiValue> latestKpis(Predicate<Map<String, KpiValue>> done) {
        Map<String, KpiValue> latest = new HashMap<>();
        KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES, seen -> {
            latest.clear();
            seen.forEach(r -> latest.put(r.key(), r.value()));
            return done.test(latest);
        });
        return latest;
    }

    private static Map<String, Object> planting(String id, String region, long trees, double hectares,
            LocalDate day, boolean aral) {
        Map<String, Object> body = new HashMap<>();
        body.put("plantingId", id);
        body.put("regionCode", region);
        body.put("forestryInstitution", "Kazaly forestry institution");
        body.put("site", "Block 12");
        body.put("species", aral ? "saxaul" : "elm");
        body.put("treeCount", trees);
        body.put("hectares", hectares);
        body.put("plantedOn", day.toString());
        body.put("aralSeabed", aral);
        body.put("method", aral ? "SEEDING" : "SEEDLINGS");
        return body;
    }

    private static Map<String, Object> survey(String id, int year, long alive, long dead) {
        return Map.of("surveyId", id, "surveyYear", year, "alive", alive, "dead", dead,
                "surveyedOn", "2025-06-01");
    }
}

package kz.taza.permit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.contracts.permit.PermitKpis;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.FacilityRegistered;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitAmended;
import kz.taza.events.permit.PermitIssued;
import kz.taza.events.permit.PermitReinstated;
import kz.taza.events.permit.PermitRevoked;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitSuspended;
import kz.taza.events.permit.PermitType;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.permit.domain.PermitKpiRules;
import kz.taza.permit.support.Commands;
import kz.taza.permit.support.Json;
import kz.taza.permit.support.LatestValues;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.ServiceStartsContract;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.KpiScopes;

/**
 * The permit API through REST on the real in-process broker, as an officer uses it: the whole lifecycle with what
 * other services then see on the topics, retries, rejections, bad input, and the reads; and, as every Taza service,
 * truthful probes and metrics ({@link ServiceStartsContract}).
 */
@SuppressWarnings("unchecked")
// Closed after the class: a context left running would act as a second deployment deciding later tests' commands.
@DirtiesContext
// its OpenAPI document is checked below
@TestPropertySource(properties = "taza.security.open-api-public=true")
class PermitApiIntegrationTest extends ServiceStartsContract {

    // A bound on eventual consistency (command, events, KPI topology, KPI topic), not a timing: on a busy shared machine
    // the chain of exactly-once transactions took over 30 s once.
    static final Duration WAIT = Duration.ofSeconds(90);

    /**
     * Readiness is honestly DOWN until the Streams application (command processor, registry, KPIs) is RUNNING, which
     * takes a few seconds after the context is up; the probes must come UP within a bound.
     */
    @Override
    @Test
    protected void answersItsLivenessAndReadinessProbes() {
        Awaitility.await("probes UP").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(super::answersItsLivenessAndReadinessProbes);
    }

    /** The command gateway's producer and the result follower's consumer are the platform's: their metrics too. */
    @Override
    @Test
    protected void exposesKafkaStreamsProducerAndConsumerMetrics() {
        super.exposesKafkaStreamsProducerAndConsumerMetrics();
        assertThat(prometheusSeries("kafka_producer_record_send_total"))
                .anyMatch(labels -> labels.contains("client_id=\"permit-service-commands-1\""));
        assertThat(prometheusSeries("kafka_consumer_fetch_manager_records_consumed_total"))
                .anyMatch(labels -> labels.contains("client_id=\"permit-service-command-results-1\""));
    }

    @BeforeEach
    void serviceIsReady() {
        // Commands are answered once the Streams application runs; readiness says so.
        Awaitility.await("readiness").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    @Test
    void everyDecisionIsSignedByWhoMadeItAndAnOperatorReadsItsOwnFacilitiesOnly() {
        // given a facility of operator A, registered and given a permit by an officer
        String f = TestNames.unique("KZ-55");
        RestTestClient officer = as(identity.token(Role.OFFICER));
        officer.post().uri("/api/v1/facilities").contentType(MediaType.APPLICATION_JSON)
                .body(Json.facility(f, "II", false).replace("990240001234", SharedIdentityProvider.OPERATOR_A))
                .exchange().expectStatus().isCreated();
        officer.post().uri("/api/v1/facilities/{id}/permits", f).contentType(MediaType.APPLICATION_JSON)
                .body(Json.kep(f + "-EIP"))
                .exchange().expectStatus().isCreated();

        // then the permit's event names the officer who issued it
        PermitIssued issued = KafkaTestClients.readUntil(PermitTopics.EVENTS, records -> records.stream()
                .anyMatch(r -> r.key().equals(f) && r.value() instanceof PermitIssued)).stream()
                .filter(r -> r.key().equals(f) && r.value() instanceof PermitIssued)
                .map(r -> (PermitIssued) r.value()).findFirst().orElseThrow();
        assertThat(issued.getMetadata().getActor().getSubject()).isEqualTo("test-officer");
        assertThat(issued.getMetadata().getActor().getRoles()).containsExactly("officer");
        // and the facility's history says who did what, and when
        Awaitility.await("history").atMost(WAIT).untilAsserted(() -> officer.get().uri("/api/v1/history/{id}", f)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.commands.length()").isEqualTo(2)
                .jsonPath("$.commands[0].commandType").isEqualTo("kz.taza.events.permit.RegisterFacility")
                .jsonPath("$.commands[1].commandType").isEqualTo("kz.taza.events.permit.IssuePermit")
                .jsonPath("$.commands[1].actor.subject").isEqualTo("test-officer")
                .jsonPath("$.commands[1].outcome").isEqualTo("ACCEPTED")
                .jsonPath("$.commands[1].eventIds[0]").isEqualTo(issued.getMetadata().getEventId()));

        // and its operator reads it, while another operator is refused and does not see it listed
        as(identity.operatorToken(SharedIdentityProvider.OPERATOR_A)).get().uri("/api/v1/facilities/{id}", f)
                .exchange().expectStatus().isOk();
        RestTestClient otherOperator = as(identity.operatorToken(SharedIdentityProvider.OPERATOR_B));
        otherOperator.get().uri("/api/v1/facilities/{id}/permit", f).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
        otherOperator.get().uri("/api/v1/facilities?limit=1000").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain(f));
        // nor may an operator act as an officer
        otherOperator.post().uri("/api/v1/facilities/{id}/permits/{p}/revocation", f, f + "-EIP")
                .contentType(MediaType.APPLICATION_JSON).body(Json.reason("not mine to revoke")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.requiredRoles[0]").isEqualTo("officer");
    }

    @Test
    void theWholeLifecycleIsPublishedAsEventsCompactedStateAndKpis() {
        String f = TestNames.unique("KZ-55");
        try (LatestValues<Permit> permits = new LatestValues<>(PermitTopics.PERMITS);
                LatestValues<Facility> facilities = new LatestValues<>(PermitTopics.FACILITIES);
                LatestValues<KpiValue> kpis = new LatestValues<>(PlatformTopics.KPI_VALUES)) {

            // register a top-50 Category I facility
            post("/api/v1/facilities", Json.facility(f, "I", true), null).expectStatus().isCreated()
                    .expectHeader().location("/api/v1/facilities/" + f);
            http.get().uri("/api/v1/facilities/{id}", f).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.category").isEqualTo("I").jsonPath("$.regionName").isEqualTo("Pavlodar Region")
                    .jsonPath("$.sources.length()").isEqualTo(2);
            assertKpisMatchState(facilities, permits, kpis);

            // issue a KEP
            post("/api/v1/facilities/" + f + "/permits", Json.kep(f + "-KEP"), null).expectStatus().isCreated()
                    .expectHeader().location("/api/v1/facilities/" + f + "/permit")
                    .expectBody().jsonPath("$.resourceId").isEqualTo(f + "-KEP");
            http.get().uri("/api/v1/facilities/{id}/permit", f).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.type").isEqualTo("KEP").jsonPath("$.status").isEqualTo("ACTIVE")
                    .jsonPath("$.limits[0].mgPerNm3").isEqualTo(500.0);
            awaitPermit(permits, f, PermitStatus.ACTIVE);
            assertKpisMatchState(facilities, permits, kpis);

            // amend its limits
            post("/api/v1/facilities/" + f + "/permits/" + f + "-KEP/amendments", """
                    {"limits": [{"sourceId": "STACK-1", "pollutant": "SO2", "mgPerNm3": 250}],
                     "reason": "BAT conclusion for large combustion plants"}""", null).expectStatus().isOk();
            Permit amended = awaitPermit(permits, f, PermitStatus.ACTIVE);
            assertThat(amended.getAmendments()).isEqualTo(1);
            assertThat(amended.getLimits()).singleElement().satisfies(l -> assertThat(l.getMgPerNm3()).isEqualTo(250.0));

            // suspend: the permit is out of force, the KPIs drop it
            post("/api/v1/facilities/" + f + "/permits/" + f + "-KEP/suspension", Json.reason("court decision"), null)
                    .expectStatus().isOk();
            awaitPermit(permits, f, PermitStatus.SUSPENDED);
            assertKpisMatchState(facilities, permits, kpis);

            // reinstate, then revoke
            post("/api/v1/facilities/" + f + "/permits/" + f + "-KEP/reinstatement", Json.reason("remedied"), null)
                    .expectStatus().isOk();
            awaitPermit(permits, f, PermitStatus.ACTIVE);
            assertKpisMatchState(facilities, permits, kpis);
            post("/api/v1/facilities/" + f + "/permits/" + f + "-KEP/revocation", Json.reason("gross violations"), null)
                    .expectStatus().isOk();
            awaitPermit(permits, f, PermitStatus.REVOKED);
            assertKpisMatchState(facilities, permits, kpis);
        }

        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(PermitTopics.EVENTS,
                records -> records.stream().anyMatch(r -> r.key().equals(f) && r.value() instanceof PermitRevoked));
        assertThat(events).filteredOn(r -> r.key().equals(f)).extracting(r -> (Object) r.value().getClass())
                .containsExactly(FacilityRegistered.class, PermitIssued.class, PermitAmended.class,
                        PermitSuspended.class, PermitReinstated.class, PermitRevoked.class);
        http.get().uri("/api/v1/facilities/{id}/permit/history", f).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].change")
                .isEqualTo(List.of("ISSUED", "AMENDED", "SUSPENDED", "REINSTATED", "REVOKED"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstResultAndChangesNothing() {
        String f = TestNames.unique("KZ-10");
        post("/api/v1/facilities", Json.facility(f, "I", false), null).expectStatus().isCreated();

        String first = post("/api/v1/facilities/" + f + "/permits", Json.kep(f + "-A"), "issue-" + f)
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("commandId").toString();
        // The client did not hear the answer and retries the same request with the same key.
        String retried = post("/api/v1/facilities/" + f + "/permits", Json.kep(f + "-A"), "issue-" + f)
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("commandId").toString();
        // A marker after the retry: once it is on the topic, the retry would be too.
        post("/api/v1/facilities/" + f + "/permits/" + f + "-A/suspension", Json.reason("marker"), null)
                .expectStatus().isOk();

        assertThat(retried).isEqualTo(first);
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(PermitTopics.EVENTS,
                records -> records.stream().anyMatch(r -> r.key().equals(f) && r.value() instanceof PermitSuspended));
        assertThat(events).filteredOn(r -> r.key().equals(f) && r.value() instanceof PermitIssued).hasSize(1);
    }

    @Test
    void aRejectedCommandIsAProblemDocumentNamingTheReason() {
        String f = TestNames.unique("KZ-35");
        post("/api/v1/facilities", Json.facility(f, "I", true), null).expectStatus().isCreated();
        post("/api/v1/facilities/" + f + "/permits", Json.kep(f + "-1"), null).expectStatus().isCreated();

        post("/api/v1/facilities/" + f + "/permits", Json.kep(f + "-2"), null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.reasonCode").isEqualTo("LIVE_PERMIT_EXISTS")
                .jsonPath("$.type").isEqualTo("/problems/LIVE_PERMIT_EXISTS")
                .jsonPath("$.detail").value(d -> assertThat(d.toString()).contains(f + "-1").contains("at most one"));

        post("/api/v1/facilities/" + f + "/permits/" + f + "-1/revocation", Json.reason("closed"), null)
                .expectStatus().isOk();
        post("/api/v1/facilities/" + f + "/permits/" + f + "-1/reinstatement", Json.reason("please"), null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.reasonCode").isEqualTo("PERMIT_REVOKED");
    }

    @Test
    void badInputIsAnsweredNamingEachBadFieldAndNothingIsWritten() {
        String bad = TestNames.unique("KZ-BAD");
        post("/api/v1/facilities", "{\"facilityId\": \"" + bad + "\", ", null)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        post("/api/v1/facilities", """
                {"facilityId": "%s", "operatorBin": "12345", "operatorName": "%s", "facilityName": "Plant",
                 "regionCode": "99", "category": "V", "sector": "energy",
                 "sources": [{"sourceId": "STACK-1", "name": "Stack 1", "amsInstalled": false}]}
                """.formatted(bad, "x".repeat(201)), null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.violations[*].field").value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("operatorBin", "operatorName", "regionCode", "category", "top50"));
        // a Category I source the AMS rule obliges, registered as not requiring AMS; a negative declared mass
        post("/api/v1/facilities", """
                {"facilityId": "%s", "operatorBin": "990240001234", "operatorName": "Op", "facilityName": "Plant",
                 "regionCode": "55", "category": "I", "sector": "energy", "top50": false,
                 "sources": [{"sourceId": "OUT-1", "name": "Outfall", "amsRequired": false, "amsInstalled": false,
                              "kind": "WASTEWATER_DISCHARGE"},
                             {"sourceId": "STACK-1", "name": "Stack 1", "amsInstalled": false,
                              "declaredTonnesPerYear": -3}]}
                """.formatted(bad), null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.violations[*].field").value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("sources[0].amsRequired", "sources[1].declaredTonnesPerYear"));
        // a permit for a facility that does not exist
        post("/api/v1/facilities/" + bad + "/permits", Json.kep(bad + "-1"), null)
                .expectStatus().isNotFound().expectBody().jsonPath("$.reasonCode").isEqualTo("FACILITY_NOT_REGISTERED");
        // a permit with a limit on a source the facility does not have, a zero limit and validity running backwards
        String known = TestNames.unique("KZ-OK");
        post("/api/v1/facilities", Json.facility(known, "I", false), null).expectStatus().isCreated();
        post("/api/v1/facilities/" + known + "/permits", """
                {"validFrom": "2025-06-01", "validTo": "2025-05-01",
                 "limits": [{"sourceId": "STACK-1", "pollutant": "SO2", "gramsPerSecond": 0},
                            {"sourceId": "STACK-1", "pollutant": "MERCURY", "gramsPerSecond": 1}]}""", null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.violations[*].field").value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("validTo", "limits[0].gramsPerSecond", "limits[1].pollutant"));
        post("/api/v1/facilities/" + known + "/permits", """
                {"validFrom": "2025-01-01", "validTo": "2030-12-31",
                 "limits": [{"sourceId": "STACK-9", "pollutant": "SO2", "gramsPerSecond": 5}]}""", null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("limits[0].sourceId");

        // A good command for the known facility afterwards: once it is on the commands topic, anything sent
        // before it would be too. Nothing but the registration and this one reached Kafka.
        post("/api/v1/facilities/" + known + "/permits", Json.kep(known + "-1"), null).expectStatus().isCreated();
        List<ConsumerRecord<String, SpecificRecord>> commands = KafkaTestClients.readUntil(
                PermitTopics.COMMANDS, records -> records.stream()
                        .filter(r -> r.key().equals(known)).count() >= 2);
        assertThat(commands).noneMatch(r -> r.key().equals(bad));
        assertThat(commands).filteredOn(r -> r.key().equals(known)).hasSize(2);
    }

    @Test
    void aSourceRegisteredWithoutAmsRequiredIsObligedByTheRuleAndShowsOnWhatGround() {
        String facility = TestNames.unique("KZ-AMS");
        post("/api/v1/facilities", """
                {"facilityId": "%s", "operatorBin": "990240001234", "operatorName": "Op", "facilityName": "CHP",
                 "regionCode": "55", "category": "I", "sector": "energy", "top50": false,
                 "sources": [{"sourceId": "STACK-1", "name": "Main stack", "amsInstalled": true,
                              "declaredTonnesPerYear": 4200},
                             {"sourceId": "STACK-2", "name": "Boiler 3", "amsInstalled": false,
                              "declaredTonnesPerYear": 90, "powerPlantCapacityMw": 120, "powerPlantFuel": "GAS"}]}
                """.formatted(facility), null).expectStatus().isCreated();
        Awaitility.await("facility").atMost(WAIT).untilAsserted(() -> http.get()
                .uri("/api/v1/facilities/{id}", facility).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.sources[0].amsRequired").isEqualTo(true)
                .jsonPath("$.sources[0].amsObligation").isEqualTo("MASS")
                .jsonPath("$.sources[0].kind").isEqualTo("ORGANISED")
                .jsonPath("$.sources[1].amsRequired").isEqualTo(false)
                .jsonPath("$.sources[1].amsObligation").isEqualTo("NOT_OBLIGED")
                .jsonPath("$.sources[1].powerPlantFuel").isEqualTo("GAS"));
    }

    @Test
    void theApiAndTheCommandProcessorRejectTheSameBadCommandWithTheSameFieldAndMessage() {
        // given a registration whose BIN has five digits
        String facility = TestNames.unique("KZ-BIN");
        RegisterFacility bad = Commands.register(facility, FacilityCategory.II, false);
        bad.setOperatorBin("12345");

        // when an officer posts it, it is refused before anything is sent
        Map<?, ?> answer = post("/api/v1/facilities", Json.facility(facility, "II", false)
                .replace("990240001234", "12345"), null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody(Map.class).returnResult().getResponseBody();
        // and when another sender puts the same command on the commands topic, the processor rejects it
        CommandResult result = KafkaTestClients.sendCommand(PermitTopics.COMMANDS,
                PermitTopics.COMMAND_RESULTS, facility, TestNames.unique("cmd"), bad);

        // then both name the same field with the same message
        Map<?, ?> refused = (Map<?, ?>) ((List<?>) answer.get("violations")).get(0);
        assertThat(result.getRejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(result.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo(refused.get("field")).isEqualTo("operatorBin");
            assertThat(v.getMessage()).isEqualTo(refused.get("message"));
        });
    }

    @Test
    void facilitiesAreListedByRegionCategoryAndTop50() {
        String prefix = TestNames.unique("KZ-LIST");
        post("/api/v1/facilities", Json.facility(prefix + "-A", "I", true), null).expectStatus().isCreated();
        post("/api/v1/facilities", Json.facility(prefix + "-B", "II", false), null).expectStatus().isCreated();
        post("/api/v1/facilities", Json.facility(prefix + "-C", "I", false).replace("\"55\"", "\"35\""), null)
                .expectStatus().isCreated();

        List<?> pavlodarCatI = (List<?>) http.get().uri("/api/v1/facilities?regionCode=55&category=I&limit=1000")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
        assertThat(pavlodarCatI).extracting(i -> ((Map<?, ?>) i).get("facilityId").toString())
                .filteredOn(id -> id.startsWith(prefix)).containsExactly(prefix + "-A");
        List<?> notTop50 = (List<?>) http.get().uri("/api/v1/facilities?top50=false&limit=1000")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("items");
        assertThat(notTop50).extracting(i -> ((Map<?, ?>) i).get("facilityId").toString())
                .filteredOn(id -> id.startsWith(prefix)).containsExactly(prefix + "-B", prefix + "-C");
        http.get().uri("/api/v1/facilities?category=V&regionCode=00").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.violations.length()").isEqualTo(2);
        http.get().uri("/api/v1/facilities/{id}", prefix + "-Z").exchange().expectStatus().isNotFound();
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/facilities/{facilityId}/permits'].post").exists()
                .jsonPath("$.paths['/api/v1/facilities/{facilityId}/permit/history'].get").exists();
    }

    private RestTestClient.ResponseSpec post(String uri, String json, String idempotencyKey) {
        var request = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(json);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    private static Permit awaitPermit(LatestValues<Permit> permits, String facilityId, PermitStatus status) {
        Awaitility.await("permit of " + facilityId + " " + status).atMost(WAIT).until(() -> {
            Permit permit = permits.get(facilityId);
            return permit != null && permit.getStatus() == status;
        });
        return permits.get(facilityId);
    }

    /**
     * The KPIs on kpi.values.v1 come to agree with the compacted state as any consumer sees it: the active KEP count
     * and the KEP coverage of the top-50 group (other tests share the broker, so the truth is computed, not fixed).
     */
    private static void assertKpisMatchState(LatestValues<Facility> facilities, LatestValues<Permit> permits,
            LatestValues<KpiValue> kpis) {
        LocalDate year = LocalDate.ofInstant(Instant.now(), ZoneOffset.ofHours(5)).withDayOfYear(1);
        String activeKeps = KpiKeys.key(PermitKpis.ACTIVE_COUNT.id(),
                PermitKpiRules.permitTypeScope(PermitType.KEP), KpiGranularity.YEAR, year);
        String top50Coverage = KpiKeys.key(PermitKpis.KEP_COVERAGE.id(), KpiScopes.TOP50_CAT1, KpiGranularity.YEAR,
                year);
        Awaitility.await("KPIs in step with the state").atMost(WAIT).untilAsserted(() -> {
            Map<String, Permit> allPermits = permits.all();
            Map<String, Facility> allFacilities = facilities.all();
            long kepsActive = allPermits.values().stream().filter(PermitKpiRules::holdsActiveKep).count();
            List<Facility> top50 = allFacilities.values().stream()
                    .filter(fa -> fa.getCategory() == FacilityCategory.I && fa.getTop50()).toList();
            long covered = top50.stream()
                    .filter(fa -> PermitKpiRules.holdsActiveKep(allPermits.get(fa.getFacilityId()))).count();

            KpiValue count = kpis.get(activeKeps);
            KpiValue coverage = kpis.get(top50Coverage);
            assertThat(count).as(activeKeps).isNotNull();
            assertThat(count.getValue()).as(activeKeps).isEqualTo((double) kepsActive);
            assertThat(coverage).as(top50Coverage).isNotNull();
            assertThat(coverage.getValue()).as(top50Coverage)
                    .isEqualTo(PermitKpiRules.coveragePct(covered, top50.size()));
            assertThat(coverage.getInputEvents()).isEqualTo(top50.size());
            assertThat(coverage.getTarget()).isEqualTo(100.0);
        });
    }
}

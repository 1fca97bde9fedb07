package kz.taza.permit.api;

import static kz.taza.permit.support.OfficerHttp.get;
import static kz.taza.permit.support.OfficerHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.PermitIssued;
import kz.taza.events.permit.PermitSuspended;
import kz.taza.permit.PermitServiceApplication;
import kz.taza.permit.support.Json;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.TestNames;

/**
 * Two instances of the service, one Streams application between them, on one broker: concurrent requests to issue a
 * permit for the same facility, spread over both instances, never give it two live permits (each facility's commands
 * are decided by one processor, one at a time), and either instance answers a read for any facility.
 *
 * <p>Every other test context of this module is closed after its class, so this pair is the only permit-service
 * deployment on the broker while it runs (another deployment would decide the same commands again and write its own
 * copy of the events).
 */
class TwoInstancesIntegrationTest {

    static final ServiceSuite INSTANCES = new ServiceSuite();
    static final List<String> BASE_URLS = new ArrayList<>();
    static final List<String> MANAGEMENT_URLS = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() {
        String applicationId = TestNames.unique("permit-service-pair");
        for (int i = 0; i < 2; i++) {
            // command-line arguments: they win over application.yml, as an operator's environment would
            INSTANCES.start("permit-service-" + i, PermitServiceApplication.class, Map.of(
                    "spring.kafka.streams.application-id", applicationId,
                    "taza.streams.commit-interval-ms", "50",
                    // a loaded CI machine must not turn a decided command into a 202 here
                    "taza.commands.wait-for-result", "30s"));
            BASE_URLS.add(INSTANCES.url("permit-service-" + i).toString());
            MANAGEMENT_URLS.add(INSTANCES.managementUrl("permit-service-" + i).toString());
        }
        for (String management : MANAGEMENT_URLS) {
            Awaitility.await("readiness of " + management).atMost(Duration.ofSeconds(90))
                    .until(() -> get(management + "/actuator/health/readiness").statusCode() == 200);
        }
    }

    @AfterAll
    static void stopInstances() {
        INSTANCES.close();
    }

    @Test
    void concurrentIssuesThroughBothInstancesGiveAFacilityOneLivePermit() throws Exception {
        List<String> facilities = List.of(TestNames.unique("KZ-23"), TestNames.unique("KZ-47"));
        for (String f : facilities) {
            assertThat(post(BASE_URLS.get(0) + "/api/v1/facilities", Json.facility(f, "I", false)).statusCode())
                    .isEqualTo(201);
        }
        for (String f : facilities) {
            // both instances must know the facility before the race, or one would answer 404 without a race
            for (String base : BASE_URLS) {
                Awaitility.await().atMost(Duration.ofSeconds(30))
                        .until(() -> get(base + "/api/v1/facilities/" + f).statusCode() == 200);
            }
        }

        // when six officers issue a permit for each facility at once, through both instances
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String f : facilities) {
            for (int i = 0; i < 6; i++) {
                String url = BASE_URLS.get(i % 2) + "/api/v1/facilities/" + f + "/permits";
                String body = Json.kep(f + "-KEP-" + i);
                answers.add(pool.submit((Callable<HttpResponse<String>>) () -> {
                    start.await();
                    return post(url, body);
                }));
            }
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        // then per facility exactly one was issued and the others were told why not
        for (String f : facilities) {
            List<HttpResponse<String>> forFacility = responses.stream()
                    .filter(r -> r.uri().getPath().contains("/" + f + "/")).toList();
            assertThat(forFacility).extracting(HttpResponse::statusCode).containsOnly(201, 409);
            assertThat(forFacility).filteredOn(r -> r.statusCode() == 201).hasSize(1);
            assertThat(forFacility).filteredOn(r -> r.statusCode() == 409)
                    .allSatisfy(r -> assertThat(r.body()).contains("LIVE_PERMIT_EXISTS"));
        }
        // and the event log agrees: a marker command after the race, once visible, proves everything before it is
        for (String f : facilities) {
            String winner = winnerOf(f);
            assertThat(post(BASE_URLS.get(1) + "/api/v1/facilities/" + f + "/permits/" + winner + "/suspension",
                    Json.reason("marker")).statusCode()).isEqualTo(200);
        }
        List<ConsumerRecord<String, SpecificRecord>> events = KafkaTestClients.readUntil(PermitTopics.EVENTS,
                records -> facilities.stream().allMatch(f -> records.stream()
                        .anyMatch(r -> r.key().equals(f) && r.value() instanceof PermitSuspended)));
        for (String f : facilities) {
            assertThat(events).filteredOn(r -> r.key().equals(f) && r.value() instanceof PermitIssued).hasSize(1);
        }
    }

    @Test
    void eitherInstanceAnswersAReadForAnyFacility() throws Exception {
        String viaFirst = TestNames.unique("KZ-63");
        String viaSecond = TestNames.unique("KZ-79");
        assertThat(post(BASE_URLS.get(0) + "/api/v1/facilities", Json.facility(viaFirst, "II", false)).statusCode())
                .isEqualTo(201);
        assertThat(post(BASE_URLS.get(1) + "/api/v1/facilities", Json.facility(viaSecond, "III", false))
                .statusCode()).isEqualTo(201);

        for (String base : BASE_URLS) {
            for (String f : List.of(viaFirst, viaSecond)) {
                Awaitility.await(base + " reads " + f).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> read = get(base + "/api/v1/facilities/" + f);
                    assertThat(read.statusCode()).isEqualTo(200);
                    assertThat(read.body()).contains("\"facilityId\":\"" + f + "\"");
                });
            }
        }
    }

    private static String winnerOf(String facilityId) throws Exception {
        String body = get(BASE_URLS.get(0) + "/api/v1/facilities/" + facilityId + "/permit").body();
        int start = body.indexOf("\"permitId\":\"") + "\"permitId\":\"".length();
        return body.substring(start, body.indexOf('"', start));
    }
}

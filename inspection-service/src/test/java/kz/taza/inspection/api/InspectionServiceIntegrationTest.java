package kz.taza.inspection.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.inspection.ComplianceNoticeIssued;
import kz.taza.events.inspection.FineAmountBasis;
import kz.taza.events.inspection.FineArticle;
import kz.taza.events.inspection.FineGround;
import kz.taza.events.inspection.FineImposed;
import kz.taza.events.inspection.FinePaid;
import kz.taza.events.inspection.InspectionCompleted;
import kz.taza.events.inspection.InspectionScheduled;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.OrderIssued;
import kz.taza.events.inspection.OrderOverdue;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.inspection.InspectionFixtures;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.test.AsyncApiDocument;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.MovableClock;
import kz.taza.platform.test.ServiceStartsContract;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The whole inspection-service on the real in-process broker: exceedances in, a notice and an unscheduled inspection
 * out; officers complete it, fine, take two payments, issue an order that becomes overdue when its day passes; the
 * KPIs appear on kpi.values.v1; the yearly plan run twice schedules once; bad requests get problem documents.
 */
@Import(InspectionServiceIntegrationTest.TestClock.class)
// its OpenAPI document is checked against docs/openapi/ (ServiceStartsContract)
@TestPropertySource(properties = {"taza.inspection.overdue-check-interval=300ms", "taza.security.open-api-public=true"})
class InspectionServiceIntegrationTest extends ServiceStartsContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** A clock the test moves forward, so that an order's due day can pass. */
    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MovableClock movableClock(TazaProperties taza) {
            return new MovableClock(Clock.system(taza.getZone()));
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    MovableClock clock;

    @Override
    @Test
    protected void answersItsLivenessAndReadinessProbes() {
        // On a busy machine the Streams application needs a while to reach RUNNING; readiness says so until then.
        awaitReady();
        super.answersItsLivenessAndReadinessProbes();
    }

    @Test
    void documentsItsPublicTopicsInAsyncApi() {
        assertThat(AsyncApiDocument.load().problemsWith(InspectionTopics::owned)).isEmpty();
    }

    @Test
    void exceedancesLeadToANoticeAndAnInspectionThatOfficersCarryThroughToFinesOrdersAndKpis() {
        awaitReady();
        String region = "63";
        String facility = "KZ-63-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String unknown = "KZ-63-UNKNOWN-" + UUID.randomUUID();
        register(facility, region, FacilityCategory.I);

        // given an unregistered facility, when an officer schedules an inspection, then 404 and nothing is sent
        http.post().uri("/api/v1/facilities/{f}/inspections", unknown).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "UNSCHEDULED", "reason", "complaint")).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.reasonCode").isEqualTo("FACILITY_UNKNOWN");

        // when a first exceedance arrives, then a compliance notice; when a severe one follows, an inspection
        Instant now = clock.instant();
        KafkaTestClients.send(EmissionTopics.EXCEEDANCES,
                Map.entry(facility, InspectionFixtures.exceeded(facility, now.minus(Duration.ofHours(3)), 1.4)));
        KafkaTestClients.send(EmissionTopics.EXCEEDANCES,
                Map.entry(facility, InspectionFixtures.exceeded(facility, now.minus(Duration.ofHours(1)), 2.6)));
        List<SpecificRecord> first = eventsOf(facility, 2);
        assertThat(first.get(0)).isInstanceOf(ComplianceNoticeIssued.class);
        InspectionScheduled scheduled = (InspectionScheduled) first.get(1);
        assertThat(scheduled.getType()).isEqualTo(InspectionType.UNSCHEDULED);
        assertThat(scheduled.getCauses()).hasSize(1);
        String inspection = scheduled.getInspectionId();

        // a fine before completion is refused with a reason
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/fines", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amountMci", 100, "offenceDate", "2025-06-01")).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.reasonCode").isEqualTo("INSPECTION_NOT_COMPLETED");
        // completing an unknown inspection: 404
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/completion", facility, "no-such-inspection")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("violations", List.of())).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.reasonCode").isEqualTo("INSPECTION_UNKNOWN");

        // the officer completes it with two violations; completing twice is a conflict
        Map<String, Object> completion = Map.of("violations", List.of(
                Map.of("article", "Environmental Code art. 186(4)", "description", "AMS data not transmitted",
                        "severity", "SIGNIFICANT"),
                Map.of("article", "Environmental Code art. 39", "description", "SO2 above the KEP standard",
                        "severity", "GROSS")));
        // (the same completion again is a retry: the first result; another one is a conflict)
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/completion", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON).body(completion).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/completion", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON).body(completion).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/completion", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("violations", List.of())).exchange()
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.reasonCode").isEqualTo("INSPECTION_ALREADY_COMPLETED");

        // a fine of zero MCI is invalid (nothing sent); 100 MCI for a 2025 offence is 393,200 KZT
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/fines", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("amountMci", 0, "offenceDate", "2025-06-01"))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.violations[0].field")
                .isEqualTo("amountMci");
        String fine = http.post().uri("/api/v1/facilities/{f}/inspections/{i}/fines", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("amountMci", 100, "offenceDate", "2025-06-01"))
                .exchange().expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("resourceId")
                .toString();

        // two partial payments add up; one tenge more is an overpayment
        pay(facility, fine, 200_000).expectStatus().isCreated();
        pay(facility, fine, 193_201).expectStatus().isEqualTo(409).expectBody().jsonPath("$.reasonCode")
                .isEqualTo("OVERPAYMENT");
        pay(facility, fine, -5).expectStatus().isEqualTo(422);
        pay(facility, fine, 193_200).expectStatus().isCreated();

        // an order due today is invalid; one due tomorrow becomes overdue once that day has passed
        LocalDate today = LocalDate.now(clock);
        http.post().uri("/api/v1/facilities/{f}/orders", facility).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("inspectionId", inspection, "description", "Restore AMS", "dueOn", today.toString()))
                .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.violations[0].field")
                .isEqualTo("dueOn");
        LocalDate due = today.plusDays(1);
        http.post().uri("/api/v1/facilities/{f}/orders", facility).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("inspectionId", inspection, "description", "Restore AMS data transmission",
                        "dueOn", due.toString()))
                .exchange().expectStatus().isCreated();
        clock.advance(Duration.ofDays(2));

        List<SpecificRecord> all = eventsOf(facility, 8);
        assertThat(all).extracting(e -> e.getClass().getSimpleName()).containsExactly("ComplianceNoticeIssued",
                "InspectionScheduled", "InspectionCompleted", "FineImposed", "FinePaid", "FinePaid", "OrderIssued",
                "OrderOverdue");
        assertThat(((InspectionCompleted) all.get(2)).getViolations()).hasSize(2);
        assertThat(((FineImposed) all.get(3)).getAmountKzt()).isEqualTo(393_200);
        assertThat(((FinePaid) all.get(5)).getOutstandingKzt()).isZero();
        assertThat(((OrderIssued) all.get(6)).getDueOn()).isEqualTo(due);
        assertThat(((OrderOverdue) all.get(7)).getDueOn()).isEqualTo(due);

        // then the KPIs of the facility's region are on kpi.values.v1
        String year = "YEAR:" + today.withDayOfYear(1);
        String scope = "REGION:" + region;
        Map<String, Double> expected = Map.of(
                "inspections.completed.count|" + scope + "|" + year, 1.0,
                "inspections.violations.count|" + scope + "|" + year, 2.0,
                "fines.imposed_kzt|" + scope + "|" + year, 393_200.0,
                "fines.collected_kzt|" + scope + "|" + year, 393_200.0,
                "fines.collection_rate_pct|" + scope + "|" + year, 100.0,
                "orders.overdue.count|" + scope + "|MONTH:" + due.withDayOfMonth(1), 1.0);
        Map<String, Double> latest = new java.util.HashMap<>();
        KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES, records -> {
            records.forEach(r -> latest.put(r.key(), r.value().getValue()));
            return expected.entrySet().stream().allMatch(e -> e.getValue().equals(latest.get(e.getKey())));
        });

        // and the compliance history shows it all
        http.get().uri("/api/v1/facilities/{f}/compliance", facility).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.notices.length()").isEqualTo(1)
                .jsonPath("$.inspections[0].status").isEqualTo("COMPLETED")
                .jsonPath("$.inspections[0].violations.length()").isEqualTo(2)
                .jsonPath("$.fines[0].paidKzt").isEqualTo(393_200)
                .jsonPath("$.fines[0].outstandingKzt").isEqualTo(0)
                .jsonPath("$.orders[0].status").isEqualTo("OVERDUE");

        // nothing was ever written for the unregistered facility
        List<ConsumerRecord<String, SpecificRecord>> commands = KafkaTestClients.readUntil(InspectionTopics.COMMANDS,
                records -> records.stream().filter(r -> facility.equals(r.key())).count() >= 13);
        assertThat(commands).noneMatch(r -> unknown.equals(r.key()));
    }

    @Test
    void aRetriedFineIsOneFineWithOrWithoutAKeyAndAKeyReusedForAnotherAmountIs409() {
        awaitReady();
        String facility = "KZ-55-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        register(facility, "55", FacilityCategory.II);
        String inspection = http.post().uri("/api/v1/facilities/{f}/inspections", facility)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("type", "UNSCHEDULED", "reason", "complaint"))
                .exchange().expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("resourceId")
                .toString();
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/completion", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("violations", List.of(Map.of("article",
                        "Environmental Code art. 39", "description", "NOx above the standard", "severity", "GROSS"))))
                .exchange().expectStatus().isOk();
        Map<String, Object> fine = Map.of("amountMci", 100, "offenceDate", "2025-06-01");

        // without a key: the retry names the same fine and is answered with the first result
        String unkeyed = fine(facility, inspection, fine, null).expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("resourceId").toString();
        assertThat(fine(facility, inspection, fine, null).expectStatus().isCreated().returnResult(Map.class)
                .getResponseBody().get("resourceId")).isEqualTo(unkeyed);
        // with a key: the same; a second fine of the same amount needs its own key
        String keyed = fine(facility, inspection, fine, "fine-key-1").expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("resourceId").toString();
        assertThat(fine(facility, inspection, fine, "fine-key-1").expectStatus().isCreated().returnResult(Map.class)
                .getResponseBody().get("resourceId")).isEqualTo(keyed);
        assertThat(keyed).isNotEqualTo(unkeyed);
        // the key re-used for another amount: 409 naming the header, nothing imposed
        fine(facility, inspection, Map.of("amountMci", 250, "offenceDate", "2025-06-01"), "fine-key-1")
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("/problems/IDEMPOTENCY_KEY_REUSED")
                .jsonPath("$.violations[0].field").isEqualTo("Idempotency-Key");
        // an art. 324 fine without the offender's size: 422 naming the field, nothing imposed; an art. 328(1) fine
        // with the excess mass is sized by the service (12.5 t SO2 x 20 MCI/t x 1000 % = 2,500 MCI)
        fine(facility, inspection, Map.of("article", "ART_324", "offenceDate", "2025-06-01"), "fine-key-3")
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.violations[0].field").isEqualTo("offenderSize");
        fine(facility, inspection, Map.of("article", "ART_328_1", "excessPollutant", "SO2", "excessTonnes", 12.5,
                "offenceDate", "2025-06-01"), "fine-key-4").expectStatus().isCreated();
        // a marker command after them all: once its event is there, every earlier one is too
        fine(facility, inspection, Map.of("amountMci", 7, "offenceDate", "2025-06-02"), "fine-key-2")
                .expectStatus().isCreated();

        List<SpecificRecord> events = eventsOf(facility, 6);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("InspectionScheduled",
                "InspectionCompleted", "FineImposed", "FineImposed", "FineImposed", "FineImposed");
        assertThat(events.subList(2, 6)).extracting(e -> ((FineImposed) e).getAmountMci())
                .containsExactly(100L, 100L, 2_500L, 7L);
        assertThat(((FineImposed) events.get(4)).getAmountBasis()).isEqualTo(FineAmountBasis.EMISSION_FEE_MULTIPLE);
        assertThat(((FineImposed) events.get(4)).getArticle()).isEqualTo(FineArticle.ART_328_1);
        http.get().uri("/api/v1/facilities/{f}/compliance", facility).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.fines.length()").isEqualTo(4);
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec fine(String facility,
            String inspection, Map<String, Object> body, String idempotencyKey) {
        var request = http.post().uri("/api/v1/facilities/{f}/inspections/{i}/fines", facility, inspection)
                .contentType(MediaType.APPLICATION_JSON).body(body);
        if (idempotencyKey != null) {
            request = request.header(InspectionController.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return request.exchange();
    }

    @Test
    void finesThatFollowNoInspectionNameTheirGroundAndPreventiveVisitsAreNotFined() {
        awaitReady();
        String facility = "KZ-47-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        register(facility, "47", FacilityCategory.I);
        Instant now = clock.instant();
        KafkaTestClients.send(EmissionTopics.EXCEEDANCES,
                Map.entry(facility, InspectionFixtures.exceeded(facility, now.minus(Duration.ofHours(2)), 1.3)));
        ComplianceNoticeIssued notice = (ComplianceNoticeIssued) eventsOf(facility, 1).get(0);
        String episode = notice.getExceedance().getExceedanceEventId();

        // bad input: 422 naming the field, nothing sent
        facilityFine(facility, Map.of("amountMci", 50, "offenceDate", "2025-06-01"), null).expectStatus()
                .isEqualTo(422).expectBody().jsonPath("$.violations[0].field").isEqualTo("ground");
        facilityFine(facility, Map.of("ground", "AMS_EXCEEDANCE", "amountMci", 50, "offenceDate", "2025-06-01"), null)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.violations[0].field")
                .isEqualTo("exceedanceEventId");
        // (a fine on an inspection's findings is imposed on the inspection: this endpoint does not take the ground)
        facilityFine(facility, Map.of("ground", "INSPECTION", "amountMci", 50, "offenceDate", "2025-06-01"), null)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.violations[0].field").isEqualTo("ground");
        facilityFine(facility, Map.of("ground", "ADMINISTRATIVE_CASE", "amountMci", 50, "offenceDate", "2025-06-01"),
                null).expectStatus().isEqualTo(422).expectBody().jsonPath("$.violations[0].field")
                .isEqualTo("caseReference");
        // an episode the facility never had: 404
        facilityFine(facility, Map.of("ground", "AMS_EXCEEDANCE", "exceedanceEventId", "no-such-episode",
                "amountMci", 50, "offenceDate", "2025-06-01"), null).expectStatus().isNotFound().expectBody()
                .jsonPath("$.reasonCode").isEqualTo("EXCEEDANCE_UNKNOWN");

        // the exceedance fined under art. 328(1) from its excess mass; retried with its key, one fine
        Map<String, Object> onEpisode = Map.of("ground", "AMS_EXCEEDANCE", "exceedanceEventId", episode,
                "article", "ART_328_1", "excessPollutant", "SO2", "excessTonnes", 2.0, "offenceDate", "2025-06-01");
        String fine = facilityFine(facility, onEpisode, "episode-fine").expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("resourceId").toString();
        assertThat(facilityFine(facility, onEpisode, "episode-fine").expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("resourceId")).isEqualTo(fine);
        // a second fine for the same episode under another key: a conflict
        facilityFine(facility, onEpisode, "episode-fine-again").expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.reasonCode").isEqualTo("EXCEEDANCE_ALREADY_FINED");
        // a case opened on a complaint, art. 324 for a large business
        facilityFine(facility, Map.of("ground", "ADMINISTRATIVE_CASE", "caseReference", "AK-47-2025-0031",
                "article", "ART_324", "offenderSize", "LARGE_BUSINESS", "offenceDate", "2025-06-01"), null)
                .expectStatus().isCreated();

        // a preventive visit with a finding: its fine is refused, its order accepted
        String visit = http.post().uri("/api/v1/facilities/{f}/inspections", facility)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "PREVENTIVE_VISIT", "reason", "preventive control of the AMS"))
                .exchange().expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("resourceId")
                .toString();
        http.post().uri("/api/v1/facilities/{f}/inspections/{i}/completion", facility, visit)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("violations", List.of(Map.of("article",
                        "Environmental Code art. 186(4)", "description", "AMS data gaps", "severity", "MINOR"))))
                .exchange().expectStatus().isOk();
        fine(facility, visit, Map.of("amountMci", 100, "offenceDate", "2025-06-01"), null).expectStatus()
                .isEqualTo(409).expectBody().jsonPath("$.reasonCode").isEqualTo("PREVENTIVE_CONTROL_NOT_FINED");

        List<SpecificRecord> events = eventsOf(facility, 5);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("ComplianceNoticeIssued",
                "FineImposed", "FineImposed", "InspectionScheduled", "InspectionCompleted");
        FineImposed onTheEpisode = (FineImposed) events.get(1);
        assertThat(onTheEpisode.getGround()).isEqualTo(FineGround.AMS_EXCEEDANCE);
        assertThat(onTheEpisode.getExceedanceEventId()).isEqualTo(episode);
        assertThat(onTheEpisode.getInspectionId()).isEmpty();
        assertThat(onTheEpisode.getAmountMci()).isEqualTo(400); // 2 t SO2 x 20 MCI/t x 1000 %
        assertThat(((FineImposed) events.get(2)).getGround()).isEqualTo(FineGround.ADMINISTRATIVE_CASE);
        assertThat(((FineImposed) events.get(2)).getAmountMci()).isEqualTo(100);
        http.get().uri("/api/v1/facilities/{f}/compliance", facility).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.fines.length()").isEqualTo(2)
                .jsonPath("$.fines[0].ground").isEqualTo("AMS_EXCEEDANCE")
                .jsonPath("$.fines[0].exceedanceEventId").isEqualTo(episode)
                .jsonPath("$.fines[1].caseReference").isEqualTo("AK-47-2025-0031")
                .jsonPath("$.inspections[0].type").isEqualTo("PREVENTIVE_VISIT");

        // the KPIs count both as fines without an inspection
        String key = "fines.without_inspection.count|REGION:47|YEAR:" + LocalDate.now(clock).withDayOfYear(1);
        Map<String, Double> latest = new java.util.HashMap<>();
        KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES, records -> {
            records.forEach(r -> latest.put(r.key(), r.value().getValue()));
            return Double.valueOf(2.0).equals(latest.get(key));
        });
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec facilityFine(String facility,
            Map<String, Object> body, String idempotencyKey) {
        var request = http.post().uri("/api/v1/facilities/{f}/fines", facility)
                .contentType(MediaType.APPLICATION_JSON).body(body);
        if (idempotencyKey != null) {
            request = request.header(InspectionController.IDEMPOTENCY_KEY, idempotencyKey);
        }
        return request.exchange();
    }

    @Test
    void theApiAndTheCommandProcessorRejectTheSameBadCommandWithTheSameFieldAndMessage() {
        awaitReady();
        String facility = "KZ-35-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        register(facility, "35", FacilityCategory.II);

        // when an officer schedules an inspection without a reason, it is refused before anything is sent
        Map<?, ?> answer = http.post().uri("/api/v1/facilities/{f}/inspections", facility)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("type", "RISK_BASED", "reason", " "))
                .exchange().expectStatus().isEqualTo(422).returnResult(Map.class).getResponseBody();
        // and when another sender puts the same command on the commands topic, the processor rejects it
        CommandResult result = KafkaTestClients.sendCommand(InspectionTopics.COMMANDS,
                InspectionTopics.COMMAND_RESULTS, facility, UUID.randomUUID().toString(),
                new ScheduleInspection(facility, "i-" + facility, InspectionType.RISK_BASED, " ", null, null, null));

        // then both name the same field with the same message
        Map<?, ?> refused = (Map<?, ?>) ((List<?>) answer.get("violations")).get(0);
        assertThat(result.getRejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(result.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo(refused.get("field")).isEqualTo("reason");
            assertThat(v.getMessage()).isEqualTo(refused.get("message"));
        });
    }

    @Test
    void theYearlyRiskBasedPlanRunTwiceSchedulesOnce() {
        awaitReady();
        int year = LocalDate.now(clock).getYear() + 5;
        String risky = "KZ-61-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String mild = "KZ-61-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        register(risky, "61", FacilityCategory.I);
        register(mild, "61", FacilityCategory.III);
        Set<String> before = plannedFacilities(year);

        Map<?, ?> first = http.post().uri("/api/v1/inspection-plans/{y}?capacity=100000", year).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody();
        List<?> planned = (List<?>) first.get("inspections");
        List<String> order = planned.stream().map(e -> String.valueOf(((Map<?, ?>) e).get("facilityId"))).toList();
        assertThat(order).contains(risky, mild);
        assertThat(planned).allMatch(e -> "ACCEPTED".equals(((Map<?, ?>) e).get("status")));
        // Category I ranks above Category III
        assertThat(order.indexOf(risky)).isLessThan(order.indexOf(mild));
        assertThat(before).isEmpty();

        Awaitility.await().atMost(WAIT).until(() -> plannedFacilities(year).containsAll(List.of(risky, mild)));
        Map<?, ?> second = http.post().uri("/api/v1/inspection-plans/{y}?capacity=100000", year).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
        assertThat(second.get("created")).isEqualTo(false);
        assertThat(ids((List<?>) second.get("inspections"))).isEqualTo(ids(planned));
        // each facility has exactly one inspection of that plan year
        for (String f : List.of(risky, mild)) {
            Map<?, ?> history = http.get().uri("/api/v1/facilities/{f}/compliance", f).exchange()
                    .returnResult(Map.class).getResponseBody();
            assertThat((List<?>) history.get("inspections"))
                    .filteredOn(i -> Integer.valueOf(year).equals(((Map<?, ?>) i).get("planYear"))).hasSize(1);
        }
    }

    private Set<String> plannedFacilities(int year) {
        Map<?, ?> plan = http.get().uri("/api/v1/inspection-plans/{y}", year).exchange().expectStatus().isOk()
                .returnResult(Map.class).getResponseBody();
        return ((List<?>) plan.get("inspections")).stream().map(e -> ((Map<?, ?>) e).get("facilityId").toString())
                .collect(Collectors.toSet());
    }

    private static Set<String> ids(List<?> entries) {
        return entries.stream().map(e -> ((Map<?, ?>) e).get("facilityId") + "=" + ((Map<?, ?>) e).get("inspectionId"))
                .collect(Collectors.toSet());
    }

    private org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec pay(String facility, String fine,
            long kzt) {
        return http.post().uri("/api/v1/facilities/{f}/fines/{x}/payments", facility, fine)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("amountKzt", kzt)).exchange();
    }

    private void register(String facility, String region, FacilityCategory category) {
        KafkaTestClients.send(PermitTopics.FACILITIES,
                Map.entry(facility, InspectionFixtures.facility(facility, region, category)));
        Awaitility.await("registration of " + facility).atMost(WAIT).until(() -> http.get()
                .uri("/api/v1/facilities/{f}/compliance", facility).exchange().returnResult(String.class)
                .getStatus().value() == 200);
    }

    private static List<SpecificRecord> eventsOf(String facility, int count) {
        return KafkaTestClients.readUntil(InspectionTopics.EVENTS,
                        records -> records.stream().filter(r -> facility.equals(r.key())).count() >= count)
                .stream().filter(r -> facility.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    private void awaitReady() {
        Awaitility.await("readiness").atMost(WAIT).until(() -> management.get().uri("/actuator/health/readiness")
                .exchange().returnResult(String.class).getStatus().value() == 200);
    }
}

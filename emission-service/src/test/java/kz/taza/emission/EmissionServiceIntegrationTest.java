package kz.taza.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.api.EmissionStoreQueries;
import kz.taza.emission.topology.EmissionSettings;
import kz.taza.emission.topology.EmissionStores;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.PermitStatus;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.test.ClientConfigRecorder;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.ServiceStartsContract;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The whole emission-service on the shared in-process broker: facilities and permits arrive on the permit topics,
 * readings come through Kafka and REST, exceedances, KPIs and rejects are checked on their topics, and the read API
 * answers from the state. One context for the class (it also carries the service-start contract).
 */
@TestPropertySource(properties = {
        // its OpenAPI document is checked below
        "taza.security.open-api-public=true",
        "taza.emission.ingest.readings-per-second=40",
        "taza.emission.kpi-flush-interval=200ms",
        "taza.emission.reference-refresh=0s",
        ClientConfigRecorder.SECURITY_PROTOCOL, ClientConfigRecorder.SSL_PROTOCOL, ClientConfigRecorder.SASL_MECHANISM,
        ClientConfigRecorder.RECORDING})
class EmissionServiceIntegrationTest extends ServiceStartsContract {

    @Autowired
    EmissionStoreQueries queries;

    @Autowired
    EmissionSettings settings;

    @Value("${spring.kafka.streams.application-id}")
    String applicationId;

    /** The readiness probe turns UP once the Streams application (global tables restored) is RUNNING. */
    @Override
    @Test
    protected void answersItsLivenessAndReadinessProbes() {
        await("readiness").atMost(Duration.ofSeconds(60)).until(() -> management.get().uri("/actuator/health/readiness")
                .exchange().returnResult(String.class).getStatus().value() == 200);
        super.answersItsLivenessAndReadinessProbes();
    }

    /** The REST ingestion producer is one of the platform's clients: its metrics are exported too. */
    @Override
    @Test
    protected void exposesKafkaStreamsProducerAndConsumerMetrics() {
        super.exposesKafkaStreamsProducerAndConsumerMetrics();
        assertThat(prometheusSeries("kafka_producer_record_send_total"))
                .anyMatch(labels -> labels.contains("client_id=\"emission-service-ingestion-1\""));
    }

    /** The ingestion producer, like every other client of the service, carries the security of spring.kafka.*. */
    @Test
    void everyClientCarriesTheSecuritySettingsOfSpringKafka() {
        Map<String, Map<String, Object>> clients = ClientConfigRecorder.clientsCarryingTheSecuritySettings(
                "emission-service-", "emission-service-ingestion-1", "emission-service-dead-letters-1",
                applicationId + "-StreamThread-1-producer", applicationId + "-StreamThread-1-consumer");
        assertThat(clients.get("emission-service-ingestion-1"))
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    @Test
    void readingsThroughKafkaAndRestBecomeExceedancesAndKpisWhileBadOnesAreRejected() {
        // given a registered facility with an ACTIVE permit limiting SO2 at its stack to 400 mg/Nm3
        String facilityId = TestNames.unique("KZ-55");
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityId, EmissionFixtures.facility(facilityId)));
        KafkaTestClients.send(PermitTopics.PERMITS,
                Map.entry(facilityId, EmissionFixtures.permit(facilityId, PermitStatus.ACTIVE, 400.0)));
        await("facility in the registry").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> queries.facility(facilityId) != null);
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));

        // when a gateway sends a reading above the limit over Kafka, with garbage and an invalid reading around it
        AmsReading above = EmissionFixtures.reading(facilityId, first, 450, ReadingStatus.VALID);
        AmsReading negative = EmissionFixtures.reading(facilityId, first, -1, ReadingStatus.VALID);
        byte[] garbage = new byte[40];
        new Random(7).nextBytes(garbage);
        KafkaTestClients.sendRaw(EmissionTopics.AMS_READINGS.name(), facilityId, garbage);
        KafkaTestClients.sendRaw(EmissionTopics.AMS_READINGS.name(), facilityId,
                EmissionTopics.AMS_READINGS.valueSerde().serializer().serialize("t", negative));
        // a factor so large that its mass would be infinite: refused, it never reaches a total
        AmsReading huge = EmissionFixtures.reading(facilityId, first, 1e300, ReadingStatus.VALID);
        KafkaTestClients.send(EmissionTopics.AMS_READINGS, Map.entry(facilityId, huge));
        KafkaTestClients.send(EmissionTopics.AMS_READINGS, Map.entry(facilityId, above));

        // and another system posts the next interval (back under the limit) and a bad item over REST
        Instant second = first.plus(Duration.ofMinutes(20));
        String batch = """
                {"readings": [
                  {"facilityId": "%1$s", "sourceId": "STACK-1", "pollutant": "SO2", "intervalStart": "%2$s",
                   "intervalMinutes": 20, "concentrationMgNm3": 380.0, "flowNm3PerHour": 300000, "status": "VALID"},
                  {"facilityId": "%1$s", "sourceId": "STACK-9", "pollutant": "SO2", "intervalStart": "%2$s",
                   "concentrationMgNm3": 10.0, "flowNm3PerHour": 0, "status": "VALID"},
                  {"facilityId": "%1$s", "sourceId": "STACK-1", "pollutant": "SO2", "intervalStart": "%2$s",
                   "intervalMinutes": 20, "concentrationMgNm3": 1e300, "flowNm3PerHour": 1e300, "status": "VALID"},
                  {"facilityId": "%1$s", "sourceId": "STACK-1", "pollutant": "SO2",
                   "intervalStart": "1969-12-31T23:40:00Z", "intervalMinutes": 20, "concentrationMgNm3": 10.0,
                   "flowNm3PerHour": 1000, "status": "VALID"}
                ]}""".formatted(facilityId, second);
        gatewayOfA().post().uri("/api/v1/ams/readings").contentType(MediaType.APPLICATION_JSON).body(batch)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.accepted").isEqualTo(1)
                .jsonPath("$.rejected").isEqualTo(3)
                .jsonPath("$.results[0].outcome").isEqualTo("ACCEPTED")
                .jsonPath("$.results[1].outcome").isEqualTo("REJECTED")
                .jsonPath("$.results[1].violations[?(@.field == 'flowNm3PerHour')]").exists()
                .jsonPath("$.results[1].violations[?(@.field == 'sourceId')]").exists()
                .jsonPath("$.results[2].violations[?(@.field == 'concentrationMgNm3')].rule")
                .isEqualTo("CONCENTRATION_OUT_OF_RANGE")
                .jsonPath("$.results[2].violations[?(@.field == 'flowNm3PerHour')].rule").isEqualTo("FLOW_OUT_OF_RANGE")
                .jsonPath("$.results[3].violations[?(@.field == 'intervalStart')].rule").isEqualTo("DATE_TOO_EARLY");

        // then one episode, started by the Kafka reading and ended by the REST one
        List<ConsumerRecord<String, SpecificRecord>> episode = KafkaTestClients.readUntil(EmissionTopics.EXCEEDANCES,
                records -> records.stream().anyMatch(r -> r.key().equals(facilityId)
                        && r.value() instanceof ExceedanceEnded));
        List<SpecificRecord> mine = episode.stream().filter(r -> r.key().equals(facilityId))
                .map(ConsumerRecord::value).toList();
        assertThat(mine).hasSize(2);
        assertThat(((ThresholdExceeded) mine.get(0)).getMeasuredMgNm3()).isEqualTo(450.0);
        assertThat(((ExceedanceEnded) mine.get(1)).getEndedAt()).isEqualTo(second);

        // and the garbage and the invalid reading are in the rejected topic, with the reason
        List<ConsumerRecord<byte[], byte[]>> rejects = KafkaTestClients.readRawUntil(
                EmissionTopics.AMS_READINGS.rejectedTopicName(),
                records -> records.stream().filter(r -> facilityId.equals(key(r))).count() >= 3);
        List<ConsumerRecord<byte[], byte[]>> myRejects = rejects.stream().filter(r -> facilityId.equals(key(r)))
                .toList();
        assertThat(myRejects.get(0).value()).isEqualTo(garbage);
        assertThat(KafkaTestClients.header(myRejects.get(0).headers(), RejectedRecordHeaders.ERROR_STAGE))
                .isEqualTo("DESERIALIZATION");
        assertThat(KafkaTestClients.header(myRejects.get(1).headers(), RejectedRecordHeaders.ERROR_REASON))
                .isEqualTo("NEGATIVE_CONCENTRATION");
        assertThat(KafkaTestClients.header(myRejects.get(2).headers(), RejectedRecordHeaders.ERROR_REASON))
                .isEqualTo("CONCENTRATION_OUT_OF_RANGE");

        // and the measured tonnes of both VALID intervals reach the KPI topic
        // 450 and 380 mg/Nm3 x 300,000 Nm3/h x 1/3 h = 0.045 + 0.038 t
        String month = KpiPeriods.containing(KpiGranularity.MONTH, first, ZoneOffset.ofHours(5)).getStart()
                .toString();
        String key = "emissions.measured.tonnes|REGION:55|MONTH:" + month;
        List<ConsumerRecord<String, KpiValue>> kpis = KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES,
                records -> records.stream().anyMatch(r -> r.key().equals(key)
                        && Math.abs(r.value().getValue() - 0.083) < 1e-9));
        assertThat(kpis).anyMatch(r -> r.key().startsWith("emissions.exceedances.count|REGION:55|MONTH:"));

        // and the read API shows the ended episode and the stack's last VALID reading
        http.get().uri("/api/v1/facilities/{id}/exceedances", facilityId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.episodes[0].open").isEqualTo(false)
                .jsonPath("$.episodes[0].endReason").isEqualTo("BACK_UNDER_LIMIT")
                .jsonPath("$.episodes[0].peakMgNm3").isEqualTo(450.0);
        http.get().uri("/api/v1/facilities/{id}/monitoring", facilityId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.sources[0].sourceId").isEqualTo("STACK-1")
                .jsonPath("$.sources[0].lastValidMgNm3").isEqualTo(380.0)
                .jsonPath("$.sources[0].gapOpen").isEqualTo(false);
    }

    @Test
    void anAnnualReportReachesTheReportedTonnesKpiAndABadOneIsAnsweredWithItsFields() {
        String facilityId = TestNames.unique("KZ-71");
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityId,
                EmissionFixtures.facility(facilityId, "71", kz.taza.events.permit.FacilityCategory.II, "heat",
                        false)));
        await("facility in the registry").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> queries.facility(facilityId) != null);

        operatorA().post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("facilityId", facilityId, "year", 2024, "pollutant", "NOX", "tonnes", 1234.5))
                .exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.reportId").exists();
        operatorA().post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("facilityId", "KZ-NOT-REGISTERED", "year", 1990, "pollutant", "SMOKE", "tonnes", -1))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.violations[*].field").value(fields -> assertThat(String.valueOf(fields))
                        .contains("facilityId", "year", "pollutant", "tonnes"));
        operatorA().post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("facilityId", facilityId, "year", 2024, "pollutant", "NOX", "tonnes", 2_000_000))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("tonnes");

        KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES, records -> records.stream().anyMatch(
                r -> r.key().equals("emissions.reported.tonnes|REGION:71|YEAR:2024-01-01")
                        && r.value().getValue() == 1234.5));
    }

    @Test
    void aKepHoldersReportsAreReadAsFeesDueAndRedirectedAndBadFeeQueriesAreAnsweredWithTheirField() {
        // given a Shymkent facility of operator A holding a KEP valid from 1 June 2024 (no other test uses region 79)
        String facilityId = TestNames.unique("KZ-79");
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityId,
                EmissionFixtures.facility(facilityId, "79", kz.taza.events.permit.FacilityCategory.I, "energy",
                        true)));
        KafkaTestClients.send(PermitTopics.PERMITS,
                Map.entry(facilityId, EmissionFixtures.permit(facilityId, PermitStatus.ACTIVE, 400.0)));
        await("facility in the registry").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> queries.facility(facilityId) != null);

        // when its operator reports SO2 for 2024, corrects it, and reports CO and H2S
        for (Map<String, Object> report : List.<Map<String, Object>>of(
                Map.of("facilityId", facilityId, "year", 2024, "pollutant", "SO2", "tonnes", 150.0),
                Map.of("facilityId", facilityId, "year", 2024, "pollutant", "SO2", "tonnes", 100.0),
                Map.of("facilityId", facilityId, "year", 2024, "pollutant", "CO", "tonnes", 12.5),
                Map.of("facilityId", facilityId, "year", 2024, "pollutant", "H2S", "tonnes", 3.0))) {
            operatorA().post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).body(report)
                    .exchange().expectStatus().isAccepted();
        }

        // then the fees read answers per pollutant: SO2 100 t x 20 MCI x 3,692 = 7,384,000, CO 12.5 x 0.32 x 3,692
        // = 14,768, H2S not charged; all redirected to modernisation, as the facility holds a KEP in 2024
        await("fees of the corrected reports").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                operatorA().get().uri("/api/v1/facilities/{id}/fees?year=2024", facilityId).exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.pollutants.length()").isEqualTo(3)
                        .jsonPath("$.dueKzt").isEqualTo(7_398_768.0)
                        .jsonPath("$.redirectedKzt").isEqualTo(7_398_768.0)
                        .jsonPath("$.redirected").isEqualTo(true)
                        .jsonPath("$.pollutants[?(@.pollutant == 'SO2')].tonnes").isEqualTo(100.0)
                        .jsonPath("$.pollutants[?(@.pollutant == 'SO2')].rateMciPerTonne").isEqualTo(20)
                        .jsonPath("$.pollutants[?(@.pollutant == 'SO2')].mciKzt").isEqualTo(3692)
                        .jsonPath("$.pollutants[?(@.pollutant == 'CO')].dueKzt").isEqualTo(14_768.0)
                        .jsonPath("$.pollutants[?(@.pollutant == 'H2S')].charged").isEqualTo(false)
                        .jsonPath("$.pollutants[?(@.pollutant == 'H2S')].dueKzt").isEqualTo(0.0));
        // and the same figures are the region's fee KPIs
        KafkaTestClients.readUntil(PlatformTopics.KPI_VALUES, records -> records.stream().anyMatch(
                r -> r.key().equals("emissions.fees.kep_redirected_kzt|REGION:79|YEAR:2024-01-01")
                        && r.value().getValue() == 7_398_768.0));

        // and a year with no reports has no fees
        http.get().uri("/api/v1/facilities/{id}/fees?year=2023", facilityId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.pollutants.length()").isEqualTo(0).jsonPath("$.dueKzt").isEqualTo(0.0);

        // and a bad query names its field: a year out of range or missing, an unknown facility
        http.get().uri("/api/v1/facilities/{id}/fees?year=1999", facilityId).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("year");
        http.get().uri("/api/v1/facilities/{id}/fees?year=3000", facilityId).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("year");
        http.get().uri("/api/v1/facilities/{id}/fees", facilityId).exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("year");
        http.get().uri("/api/v1/facilities/{id}/fees?year=twenty", facilityId).exchange().expectStatus()
                .isBadRequest().expectBody().jsonPath("$.detail").value(detail ->
                        assertThat(String.valueOf(detail)).contains("year"));
        http.get().uri("/api/v1/facilities/KZ-NOT-REGISTERED/fees?year=2024").exchange().expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/UNKNOWN_FACILITY")
                .jsonPath("$.violations[0].field").isEqualTo("facilityId");
        // and another operator may not read them
        as(identity.operatorToken(SharedIdentityProvider.OPERATOR_B)).get()
                .uri("/api/v1/facilities/{id}/fees?year=2024", facilityId).exchange().expectStatus().isForbidden();
    }

    @Test
    void readingsAndReportsTakenInOverRestCarryTheServicesMetadataWithIdsDerivedFromTheirCause() {
        String facilityId = TestNames.unique("KZ-55");
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityId, EmissionFixtures.facility(facilityId)));
        await("facility in the registry").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> queries.facility(facilityId) != null);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));

        // when an operator submits a report and a gateway posts a batch of two readings
        String reportId = operatorA().post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("facilityId", facilityId, "year", 2024, "pollutant", "SO2", "tonnes", 10.0))
                .exchange().expectStatus().isAccepted().returnResult(Map.class).getResponseBody().get("reportId")
                .toString();
        List<Map<String, Object>> batch = List.of(0, 20).stream().<Map<String, Object>>map(minutes -> Map.of(
                "facilityId", facilityId, "sourceId", "STACK-1", "pollutant", "SO2",
                "intervalStart", start.plus(Duration.ofMinutes(minutes)).toString(), "concentrationMgNm3", 100.0,
                "flowNm3PerHour", 300_000, "status", "VALID")).toList();
        gatewayOfA().post().uri("/api/v1/ams/readings").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("readings", batch))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.accepted").isEqualTo(2);

        // then the report is one event for this version of it, named after the service
        EmissionReportSubmitted report = KafkaTestClients.readUntil(EmissionTopics.REPORTS,
                records -> records.stream().anyMatch(r -> r.key().equals(facilityId))).stream()
                .filter(r -> r.key().equals(facilityId)).findFirst().orElseThrow().value();
        assertThat(report.getMetadata().getEventId()).isEqualTo(EventMetadataFactory.eventId(
                "report:" + reportId + ":" + report.getSubmittedAt().toEpochMilli(), 0));
        assertThat(report.getMetadata().getCorrelationId()).isEqualTo(reportId);
        assertThat(report.getMetadata().getProducer()).isEqualTo("emission-service");
        // who reported it: the operator's client, acting for its operator
        assertThat(report.getMetadata().getActor().getSubject())
                .isEqualTo("test-operator-" + SharedIdentityProvider.OPERATOR_A);
        assertThat(report.getMetadata().getActor().getOperatorBin()).isEqualTo(SharedIdentityProvider.OPERATOR_A);
        assertThat(report.getMetadata().getActor().getRoles()).containsExactly("operator");
        // and the readings are the first and second of their request, in its flow (read raw: the topic also holds
        // the garbage other tests send)
        byte[] key = facilityId.getBytes(StandardCharsets.UTF_8);
        List<AmsReading> readings = KafkaTestClients.readRawUntil(EmissionTopics.AMS_READINGS.name(),
                records -> records.stream().filter(r -> Arrays.equals(key, r.key())).count() >= 2).stream()
                .filter(r -> Arrays.equals(key, r.key()))
                .map(r -> EmissionTopics.AMS_READINGS.valueSerde().deserializer().deserialize("t", r.value()))
                .toList();
        String request = readings.get(0).getMetadata().getCorrelationId();
        assertThat(readings).extracting(r -> r.getMetadata().getEventId())
                .containsExactly(EventMetadataFactory.eventId(request, 0), EventMetadataFactory.eventId(request, 1));
        assertThat(readings).allSatisfy(r -> {
            assertThat(r.getMetadata().getCorrelationId()).isEqualTo(request);
            assertThat(r.getMetadata().getProducer()).isEqualTo("emission-service");
            // posted by the gateway its token names, recorded as the reading's gateway and as its actor
            assertThat(r.getGatewayId()).isEqualTo("test-gateway-" + SharedIdentityProvider.OPERATOR_A);
            assertThat(r.getMetadata().getActor().getSubject()).isEqualTo(r.getGatewayId());
        });
    }

    @Test
    void aGatewayPostingFasterThanItsRateIsRefusedWith429WhateverItsHeadersSayAndOthersAreNotSlowed() {
        // 40 readings per second per gateway; the items themselves do not matter (they are rejected anyway)
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            items.add(Map.of("facilityId", "KZ-NOWHERE", "sourceId", "S", "pollutant", "SO2",
                    "intervalStart", "2025-03-01T10:00:00Z", "concentrationMgNm3", 1.0, "flowNm3PerHour", 1.0,
                    "status", "VALID"));
        }
        // one gateway naming itself anew in every request is still one gateway: its token says who it is
        List<Integer> rotating = new ArrayList<>();
        for (int i = 0; i < 4 && !rotating.contains(429); i++) {
            rotating.add(gatewayOfA().post().uri("/api/v1/ams/readings").contentType(MediaType.APPLICATION_JSON)
                    .header("X-Client-Id", TestNames.unique("burst"))
                    .body(Map.of("readings", items)).exchange().returnResult(String.class).getStatus().value());
        }
        assertThat(rotating).contains(429);

        // and another gateway is not limited by the first one's burst
        as(identity.gatewayToken(SharedIdentityProvider.OPERATOR_B)).post().uri("/api/v1/ams/readings")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("readings", items))
                .exchange().expectStatus().isOk();
    }

    @Test
    void aGatewayOrOperatorActingForAnotherOperatorIsRefusedAndNothingIsWritten() {
        // given a facility of operator A
        String facilityId = TestNames.unique("KZ-55");
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityId, EmissionFixtures.facility(facilityId)));
        await("facility in the registry").atMost(Duration.ofSeconds(30))
                .ignoreExceptions().until(() -> queries.facility(facilityId) != null);

        // when operator B's gateway posts a reading of it, and operator B a report for it
        Map<String, Object> reading = Map.of("facilityId", facilityId, "sourceId", "STACK-1", "pollutant", "SO2",
                "intervalStart", Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1)).toString(),
                "concentrationMgNm3", 999.0, "flowNm3PerHour", 300_000, "status", "VALID");
        as(identity.gatewayToken(SharedIdentityProvider.OPERATOR_B)).post().uri("/api/v1/ams/readings")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("readings", List.of(reading)))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden")
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).contains(facilityId));
        as(identity.operatorToken(SharedIdentityProvider.OPERATOR_B)).post().uri("/api/v1/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("facilityId", facilityId, "year", 2024, "pollutant", "SO2", "tonnes", 0.0))
                .exchange().expectStatus().isForbidden();
        // and operator B cannot read the facility's exceedances either
        as(identity.operatorToken(SharedIdentityProvider.OPERATOR_B)).get()
                .uri("/api/v1/facilities/{id}/exceedances", facilityId).exchange().expectStatus().isForbidden();

        // then neither topic received anything for the facility: a marker written after the refusals is the first
        AmsReading marker = EmissionFixtures.reading(facilityId, Instant.parse("2025-01-01T00:00:00Z"), 1.0,
                ReadingStatus.VALID);
        KafkaTestClients.send(EmissionTopics.AMS_READINGS, Map.entry(facilityId, marker));
        List<ConsumerRecord<byte[], byte[]>> readings = KafkaTestClients.readRawUntil(
                EmissionTopics.AMS_READINGS.name(), records -> records.stream().anyMatch(r -> facilityId.equals(
                        new String(r.key(), StandardCharsets.UTF_8))));
        assertThat(readings).filteredOn(r -> facilityId.equals(new String(r.key(),
                StandardCharsets.UTF_8))).hasSize(1);
        EmissionReportSubmitted markerReport = EmissionReportSubmitted.newBuilder()
                .setMetadata(new EventMetadataFactory("test").metadata(EventCause.of("marker-" + facilityId), 0,
                        Instant.now())).setReportId("marker").setFacilityId(facilityId).setYear(2024)
                .setPollutant(kz.taza.events.common.Pollutant.SO2).setTonnes(1.0).setSubmittedAt(Instant.now())
                .build();
        KafkaTestClients.send(EmissionTopics.REPORTS, Map.entry(facilityId, markerReport));
        assertThat(KafkaTestClients.readUntil(EmissionTopics.REPORTS, records -> records.stream()
                .anyMatch(r -> r.key().equals(facilityId))).stream().filter(r -> r.key().equals(facilityId)))
                .extracting(r -> r.value().getReportId()).containsExactly("marker");
    }

    /** The API as operator A's AMS gateway calls it (the facilities of these tests are operator A's). */
    private org.springframework.test.web.servlet.client.RestTestClient gatewayOfA() {
        return as(identity.gatewayToken(SharedIdentityProvider.OPERATOR_A));
    }

    /** The API as operator A's reporting system calls it. */
    private org.springframework.test.web.servlet.client.RestTestClient operatorA() {
        return as(identity.operatorToken(SharedIdentityProvider.OPERATOR_A));
    }

    @Test
    void changelogsOfTheTimeBoundedStoresAreCompactedAndDeletedAfterTheirRetentionFromWhenWritten() throws Exception {
        // Window stores' changelogs get cleanup.policy compact,delete and retention.ms = store retention plus
        // windowstore.changelog.additional.retention.ms (Kafka Streams' default, a day): the broker drops what the
        // stores have let go. Kafka Streams creates them when the application first joins its group.
        long extra = Duration.ofDays(1).toMillis();
        Map<String, Long> expected = Map.of(
                applicationId + "-" + EmissionStores.CONTRIBUTIONS + "-changelog",
                settings.intervalRetention().toMillis() + extra,
                applicationId + "-" + EmissionStores.SOURCE_PERIODS + "-changelog",
                settings.periodRetention().toMillis() + extra);
        try (Admin admin = Admin.create(KafkaTestClients.asAdmin(Map.of()))) {
            await("changelog topics").atMost(Duration.ofSeconds(60)).until(
                    () -> admin.listTopics().names().get().containsAll(expected.keySet()));
            List<ConfigResource> topics = expected.keySet().stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get();
            for (ConfigResource topic : topics) {
                Config config = configs.get(topic);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(topic.name())
                        .isEqualTo("compact,delete");
                assertThat(Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value())).as(topic.name())
                        .isEqualTo(expected.get(topic.name()));
                // retention counts from when a record was written, not from the (possibly old) reading it is about
                assertThat(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value()).as(topic.name())
                        .isEqualTo("LogAppendTime");
            }
        }
    }

    @Test
    void publishesItsOpenApiDocument() {
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("/api/v1/ams/readings", "/api/v1/reports",
                        "/api/v1/facilities/{facilityId}/exceedances", "/api/v1/facilities/{facilityId}/fees"));
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}

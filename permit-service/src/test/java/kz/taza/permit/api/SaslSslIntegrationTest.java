package kz.taza.permit.api;

import static kz.taza.permit.support.OfficerHttp.get;
import static kz.taza.permit.support.OfficerHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.PermitIssued;
import kz.taza.permit.PermitServiceApplication;
import kz.taza.permit.support.Json;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.SelfSignedTls;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestBroker;
import kz.taza.platform.test.TestNames;

/**
 * The whole service over SASL_SSL, end to end: a broker of its own whose only client listener is SASL_SSL, with a
 * certificate made for this test ({@link SelfSignedTls}); the service logs in as permit-service over TLS, trusting the
 * generated trust store alone, declares its topics, runs its Streams application, and a command sent over HTTP goes
 * through Kafka (commands topic, topology, results topic) and lands as an event on its event topic.
 */
class SaslSslIntegrationTest {

    static final ServiceSuite SERVICE = new ServiceSuite();

    @TempDir
    static Path certificates;
    static TestBroker broker;
    static String baseUrl;

    @BeforeAll
    static void startTheServiceOnATlsBroker() throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate(certificates.resolve("tls"), Duration.ofDays(1));
        broker = SharedKafkaBroker.startSecured(Optional.of(tls.keyStore()));
        KafkaLogin provisioned = broker.login("permit-service");
        KafkaLogin login = KafkaLogin.plaintext(provisioned.user(), provisioned.password())
                .overTls(tls.trustStore());
        assertThat(login.securityProtocol()).isEqualTo("SASL_SSL");

        Map<String, String> settings = new LinkedHashMap<>(login.springProperties());
        settings.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        settings.put("taza.commands.wait-for-result", "30s");
        SERVICE.start("permit-service-tls", PermitServiceApplication.class, settings);
        baseUrl = SERVICE.url("permit-service-tls").toString();
        String management = SERVICE.managementUrl("permit-service-tls").toString();
        Awaitility.await("readiness over SASL_SSL").atMost(Duration.ofSeconds(90))
                .until(() -> get(management + "/actuator/health/readiness").statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        SERVICE.close();
    }

    @Test
    void givenTheServiceOverSaslSslACommandGoesThroughToItsEventTopic() throws Exception {
        String facility = TestNames.unique("KZ-71");
        assertThat(post(baseUrl + "/api/v1/facilities", Json.facility(facility, "I", true)).statusCode())
                .isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> get(baseUrl + "/api/v1/facilities/" + facility).statusCode() == 200);

        HttpResponse<String> issued = post(baseUrl + "/api/v1/facilities/" + facility + "/permits",
                Json.kep(facility + "-KEP-1"));

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        List<SpecificRecord> events = readEvents(facility);
        assertThat(events).anySatisfy(event -> assertThat(event).isInstanceOf(PermitIssued.class));
    }

    /** The events of the facility on the service's event topic, read over TLS as the broker's administrator. */
    private static List<SpecificRecord> readEvents(String facility) {
        Map<String, Object> props = new HashMap<>(broker.adminProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<SpecificRecord> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(PermitTopics.EVENTS.name(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.stream().noneMatch(PermitIssued.class::isInstance) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (facility.equals(record.key())) {
                        events.add((SpecificRecord) PermitTopics.EVENTS.value(record));
                    }
                }
            }
        }
        return events;
    }
}

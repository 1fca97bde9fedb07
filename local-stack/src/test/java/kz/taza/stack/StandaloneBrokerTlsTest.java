package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.SelfSignedTls;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The local stack's broker with {@code --tls}: SASL_SSL on the client listener with a certificate made for the run;
 * a client that trusts it logs in and reads, with exactly-once transactions committed through the TLS listener, and
 * one that speaks SASL without TLS gets no answer.
 */
class StandaloneBrokerTlsTest {

    @Test
    void clientsTrustingTheRunsCertificateLogInOverSaslSslAndPlainSaslGetsNoAnswer(@TempDir Path dir)
            throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate(dir.resolve("tls"), Duration.ofDays(1));
        try (StandaloneBroker broker = StandaloneBroker.secured(Path.of("target", "broker-lib"), dir.resolve("broker"),
                PortCheck.freePort(), PortCheck.freePort(), Optional.of(tls))) {
            broker.start();
            broker.awaitReady(Duration.ofSeconds(90));
            KafkaLogin admin = broker.login(BrokerSecurity.ADMIN);
            assertThat(admin.securityProtocol()).isEqualTo("SASL_SSL");
            assertThat(admin.trustStore()).contains(tls.trustStore());

            try (Admin client = Admin.create(broker.clientConfig(BrokerSecurity.ADMIN))) {
                client.createTopics(List.of(PlatformTopics.KPI_VALUES.toNewTopic(1, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
                assertThat(client.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)).isNotEmpty();
            }
            Map<String, Object> producer = new HashMap<>(broker.clientConfig(BrokerSecurity.ADMIN));
            producer.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tls-test");
            try (KafkaProducer<String, String> out = new KafkaProducer<>(producer, new StringSerializer(),
                    new StringSerializer())) {
                out.initTransactions();
                out.beginTransaction();
                out.send(new ProducerRecord<>(PlatformTopics.KPI_VALUES.name(), "kpi-tls", "over TLS"));
                out.commitTransaction();
            }
            Map<String, Object> agency = new HashMap<>(broker.clientConfig(TazaPrincipals.AGENCY));
            agency.put(ConsumerConfig.GROUP_ID_CONFIG, TazaPrincipals.AGENCY + "-tls");
            agency.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            agency.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            List<String> read = new java.util.ArrayList<>();
            try (KafkaConsumer<String, String> in = new KafkaConsumer<>(agency, new StringDeserializer(),
                    new StringDeserializer())) {
                in.subscribe(List.of(PlatformTopics.KPI_VALUES.name()));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (read.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : in.poll(Duration.ofMillis(500))) {
                        read.add(record.value());
                    }
                }
            }
            assertThat(read).containsExactly("over TLS");

            Map<String, Object> withoutTls = new HashMap<>(
                    KafkaLogin.plaintext(BrokerSecurity.ADMIN, admin.password()).clientProperties());
            withoutTls.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            withoutTls.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            withoutTls.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
            try (Admin client = Admin.create(withoutTls)) {
                assertThatThrownBy(() -> client.listTopics().names().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
            }
        }
    }
}

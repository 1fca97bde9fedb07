package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.access.KafkaPrincipals;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The local stack's broker as {@code ./taza up} starts it, secured: SCRAM logins and the ACLs of the access model, one
 * real broker process for the class (the last test kills and restarts it, as {@code ./taza crash-test} does).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneBrokerSecurityTest {

    private static final String INTERNAL = "emission-service-reading-store-changelog";

    private Path dir;

    private StandaloneBroker broker;

    @BeforeAll
    void startBroker(@TempDir Path temp) throws Exception {
        dir = temp;
        broker = new StandaloneBroker(Path.of("target", "broker-lib"), dir.resolve("broker"), PortCheck.freePort(),
                PortCheck.freePort());
        broker.start();
        broker.awaitReady(Duration.ofSeconds(90));
        try (Admin admin = Admin.create(broker.clientConfig(BrokerSecurity.ADMIN))) {
            admin.createTopics(List.of(PlatformTopics.KPI_VALUES.toNewTopic(1, (short) 1),
                    new NewTopic(INTERNAL, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void aClientWithoutSaslGetsNoAnswerAndAWrongPasswordIsRefusedByName() {
        Map<String, Object> plain = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
        try (Admin admin = Admin.create(plain)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TimeoutException.class);
        }

        Map<String, Object> wrong = new HashMap<>(plain);
        wrong.putAll(KafkaLogin.plaintext(TazaPrincipals.AGENCY, "not-the-password").clientProperties());
        try (Admin admin = Admin.create(wrong)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class)
                    .cause().hasMessageContaining("Authentication failed");
        }
    }

    @Test
    @Order(2)
    void theAgencyReadsTheKpiTopicCommittedButWritesNothingAndReadsNoInternalTopic() throws Exception {
        Map<String, Object> admin = new HashMap<>(broker.clientConfig(BrokerSecurity.ADMIN));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(admin, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(PlatformTopics.KPI_VALUES.name(), "kpi-1", "a KPI")).get();
        }

        Map<String, Object> agency = new HashMap<>(broker.clientConfig(TazaPrincipals.AGENCY));
        agency.put(ConsumerConfig.GROUP_ID_CONFIG, TazaPrincipals.AGENCY + "-reader");
        agency.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        agency.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(agency, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(PlatformTopics.KPI_VALUES.name()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
        }
        assertThat(read).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo("a KPI"));

        Map<String, Object> agencyProducer = new HashMap<>(broker.clientConfig(TazaPrincipals.AGENCY));
        agencyProducer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        // Not idempotent: an idempotent producer is refused sooner, at its producer id (it may write no topic at all),
        // and the denial would not name the topic.
        agencyProducer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(agencyProducer, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(PlatformTopics.KPI_VALUES.name(), "kpi-1",
                    "a forged KPI")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class)
                    .cause().hasMessageContaining(PlatformTopics.KPI_VALUES.name());
        }

        Map<String, Object> internal = new HashMap<>(broker.clientConfig(TazaPrincipals.AGENCY));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(internal, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(INTERNAL, 0)));
            assertThatThrownBy(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(TopicAuthorizationException.class).hasMessageContaining(INTERNAL);
        }
    }

    @Test
    @Order(3)
    void theAdministratorSeesEveryAclOfTheAccessModelAndNoOther() throws Exception {
        Set<AclBinding> expected = new HashSet<>();
        for (KafkaPrincipal principal : KafkaPrincipals.all()) {
            expected.addAll(principal.acls());
        }
        try (Admin admin = Admin.create(broker.clientConfig(BrokerSecurity.ADMIN))) {
            Set<AclBinding> acls = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(30, TimeUnit.SECONDS));

            assertThat(acls).isEqualTo(expected);
            assertThat(acls.stream().map(acl -> acl.entry().principal()).distinct())
                    .containsExactlyInAnyOrderElementsOf(KafkaPrincipals.all().stream()
                            .map(KafkaPrincipal::principal).toList());
        }
        // and the server settings that hold the node's passwords are its owner's only
        assertThat(Files.getPosixFilePermissions(dir.resolve("broker").resolve("server.properties")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(dir.resolve("broker").resolve("format.arguments")).doesNotExist();
    }

    @Test
    @Order(4)
    void afterAKillAndARestartOnTheSameStorageTheLoginsAndAclsHold() throws Exception {
        broker.killAndRestart();
        broker.awaitReady(Duration.ofSeconds(90));

        try (Admin agency = Admin.create(broker.clientConfig(TazaPrincipals.AGENCY))) {
            assertThat(agency.describeTopics(List.of(PlatformTopics.KPI_VALUES.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS)).containsOnlyKeys(PlatformTopics.KPI_VALUES.name());
            assertThat(agency.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("the agency sees only the topics it may describe")
                    .contains(PlatformTopics.KPI_VALUES.name()).doesNotContain(INTERNAL);
        }
    }
}

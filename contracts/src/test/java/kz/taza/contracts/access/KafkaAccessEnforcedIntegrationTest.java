package kz.taza.contracts.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaAccess;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.TopicGrant;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestBroker;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;

/**
 * The access model enforced by a real broker with the {@code StandardAuthorizer} (the shared test broker, SASL
 * SCRAM-SHA-512, {@code allow.everyone.if.no.acl.found=false}), each principal logged in with its own credential and
 * the ACLs of {@link TazaPrincipals}: every service is denied another's topics, internal topics, groups and
 * transactional ids and allowed its own (so a denial is never a broken login); the example agency reads public topics
 * with {@code read_committed} and nothing else; a client without a login and a wrong password are refused.
 */
class KafkaAccessEnforcedIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TestBroker BROKER = SharedKafkaBroker.get();

    @BeforeAll
    static void createEveryCatalogueTopic() {
        KafkaTestClients.ensureTopics(TazaPrincipals.catalogues().stream()
                .flatMap(catalogue -> catalogue.topicsWithDeadLetters().stream()).toArray(Topic<?, ?>[]::new));
    }

    static Stream<String> services() {
        return TazaPrincipals.services().stream().map(KafkaAccess.Service::application);
    }

    /** Another service than {@code application}, whose resources it must not touch. */
    private static String otherThan(String application) {
        return application.equals(TazaPrincipals.EMISSION_SERVICE.application())
                ? TazaPrincipals.PERMIT_SERVICE.application() : TazaPrincipals.EMISSION_SERVICE.application();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void givenAServiceItIsDeniedWritingATopicItDoesNotOwnAndAllowedItsOwn(String application) throws Exception {
        KafkaAccess.Service service = TazaPrincipals.service(application);
        Set<String> writable = service.topics().stream().filter(TopicGrant::write).map(TopicGrant::name)
                .collect(java.util.stream.Collectors.toSet());
        String foreign = TazaPrincipals.catalogues().stream().flatMap(c -> c.topics().stream()).map(Topic::name)
                .filter(name -> !writable.contains(name)).sorted().findFirst().orElseThrow();
        KafkaLogin login = BROKER.login(application);

        assertThat(sendFailure(login, foreign, Map.of()))
                .isInstanceOf(TopicAuthorizationException.class)
                .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics()).contains(foreign));

        String own = service.topics().stream().filter(TopicGrant::write).filter(TopicGrant::owned)
                .map(TopicGrant::name).findFirst().orElseGet(() -> internalTopic(application));
        try (KafkaProducer<String, String> producer = producer(login, Map.of())) {
            assertThat(producer.send(new ProducerRecord<>(own, TestNames.unique("own"), "allowed"))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).topic()).isEqualTo(own);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void givenAServiceItIsDeniedReadingAnotherServicesInternalTopicAndAllowedReadingItsOwn(String application)
            throws Exception {
        String others = internalTopic(otherThan(application));
        String own = internalTopic(application);
        String key = TestNames.unique("internal");
        writeAsAdmin(own, key);
        KafkaLogin login = BROKER.login(application);

        try (KafkaConsumer<String, String> consumer = consumer(login, Map.of())) {
            consumer.assign(List.of(new TopicPartition(others, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThat(pollFailure(consumer)).isInstanceOf(TopicAuthorizationException.class)
                    .satisfies(e -> assertThat(((TopicAuthorizationException) e).unauthorizedTopics())
                            .containsExactly(others));
        }
        try (KafkaConsumer<String, String> consumer = consumer(login, Map.of())) {
            consumer.assign(List.of(new TopicPartition(own, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThat(readKeys(consumer, key)).contains(key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void givenAServiceItIsDeniedJoiningAnotherServicesGroupAndAllowedItsOwn(String application) throws Exception {
        String own = internalTopic(application);
        String key = TestNames.unique("group");
        writeAsAdmin(own, key);
        KafkaLogin login = BROKER.login(application);
        String othersGroup = otherThan(application);

        try (KafkaConsumer<String, String> consumer = consumer(login, Map.of(ConsumerConfig.GROUP_ID_CONFIG,
                othersGroup))) {
            consumer.subscribe(List.of(own));
            assertThat(pollFailure(consumer)).isInstanceOf(GroupAuthorizationException.class)
                    .satisfies(e -> assertThat(((GroupAuthorizationException) e).groupId()).isEqualTo(othersGroup));
        }
        try (KafkaConsumer<String, String> consumer = consumer(login, Map.of(ConsumerConfig.GROUP_ID_CONFIG,
                TestNames.unique(application + "-access")))) {
            consumer.subscribe(List.of(own));
            assertThat(readKeys(consumer, key)).contains(key);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void givenAServiceItIsDeniedAnotherServicesTransactionalIdAndAllowedItsOwn(String application) throws Exception {
        KafkaLogin login = BROKER.login(application);

        try (KafkaProducer<String, String> producer = producer(login, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                otherThan(application) + "-0"))) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
        String own = internalTopic(application);
        try (KafkaProducer<String, String> producer = producer(login, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                TestNames.unique(application + "-access")))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(own, TestNames.unique("tx"), "allowed"));
            producer.commitTransaction();
        }
    }

    @Test
    void givenTheAgencyItReadsAPublicTopicWithReadCommittedSeeingOnlyCommittedRecords() throws Exception {
        Topic<?, ?> publicTopic = EmissionTopics.EXCEEDANCES;
        assertThat(publicTopic.isPublic()).isTrue();
        String committed = TestNames.unique("committed");
        String aborted = TestNames.unique("aborted");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestClients.asAdmin(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, TestNames.unique("access-admin"))),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(publicTopic.name(), aborted, "never seen"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(publicTopic.name(), committed, "seen"));
            producer.commitTransaction();
        }
        KafkaLogin agency = BROKER.login(TazaPrincipals.AGENCY);

        try (KafkaConsumer<String, String> consumer = consumer(agency, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, TestNames.unique(TazaPrincipals.AGENCY + "-access"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"))) {
            consumer.subscribe(List.of(publicTopic.name()));
            List<String> keys = readKeys(consumer, committed);
            assertThat(keys).contains(committed).doesNotContain(aborted);
        }
    }

    @Test
    void givenTheAgencyItIsDeniedReadingAnInternalTopic() {
        String internal = internalTopic(TazaPrincipals.EMISSION_SERVICE.application());

        try (KafkaConsumer<String, String> consumer = consumer(BROKER.login(TazaPrincipals.AGENCY), Map.of())) {
            consumer.assign(List.of(new TopicPartition(internal, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThat(pollFailure(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void givenTheAgencyItIsDeniedWritingAnyTopicEvenOneItReads() throws Exception {
        KafkaLogin agency = BROKER.login(TazaPrincipals.AGENCY);
        // Not idempotent: the denial is then the topic's, not the cluster's idempotent write.
        Map<String, Object> plain = Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);

        for (String topic : List.of(EmissionTopics.EXCEEDANCES.name(),
                internalTopic(TazaPrincipals.EMISSION_SERVICE.application()))) {
            assertThat(sendFailure(agency, topic, plain)).as(topic).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void givenTheAgencyItIsDeniedDescribingAnotherPrincipalsGroup() throws Exception {
        String emission = TazaPrincipals.EMISSION_SERVICE.application();
        String group = TestNames.unique(emission);
        String topic = internalTopic(emission);
        String key = TestNames.unique("described");
        writeAsAdmin(topic, key);
        try (KafkaConsumer<String, String> consumer = consumer(BROKER.login(emission),
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, group))) {
            consumer.subscribe(List.of(topic));
            readKeys(consumer, key);
            consumer.commitSync();
        }
        try (Admin admin = Admin.create(KafkaTestClients.asAdmin(Map.of()))) {
            ConsumerGroupDescription described = admin.describeConsumerGroups(List.of(group)).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS).get(group);
            assertThat(described.groupId()).isEqualTo(group);
        }

        try (Admin agency = Admin.create(settings(BROKER.login(TazaPrincipals.AGENCY), Map.of()))) {
            assertThatThrownBy(() -> agency.describeConsumerGroups(List.of(group)).all()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(GroupAuthorizationException.class);
            assertThat(agency.listGroups().all().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .noneMatch(listing -> listing.groupId().equals(group));
        }
    }

    @Test
    void givenAClientWithoutALoginItIsRefusedWithinItsTimeout() {
        Map<String, Object> anonymous = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000));

        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class);
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void givenAWrongPasswordOrAnUnknownUserTheLoginIsRefused() {
        KafkaLogin real = BROKER.login(TazaPrincipals.PERMIT_SERVICE.application());
        for (KafkaLogin wrong : List.of(KafkaLogin.plaintext(real.user(), BrokerSecurity.password()),
                KafkaLogin.plaintext(TestNames.unique("nobody"), BrokerSecurity.password()))) {
            try (Admin admin = Admin.create(settings(wrong, Map.of()))) {
                assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                        .as(wrong.user())
                        .isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(SaslAuthenticationException.class)
                        .hasMessageNotContaining(wrong.password());
            }
        }
        try (Admin admin = Admin.create(settings(real, Map.of()))) {
            assertThat(admin.describeCluster().clusterId()).succeedsWithin(WAIT);
        }
    }

    /** An internal topic of the application's Streams (its prefix), created by the administrator. */
    private static String internalTopic(String application) {
        String name = application + "-access-test-store-changelog";
        try (Admin admin = Admin.create(KafkaTestClients.asAdmin(Map.of()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + name, e);
            }
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not create " + name, e);
        }
        return name;
    }

    private static void writeAsAdmin(String topic, String key) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestClients.asAdmin(Map.of()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, "by the administrator")).get(WAIT.toSeconds(),
                    TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> settings(KafkaLogin login, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(BROKER.clientProperties(login));
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.putAll(extra);
        return props;
    }

    private static KafkaProducer<String, String> producer(KafkaLogin login, Map<String, Object> extra) {
        Map<String, Object> props = settings(login, extra);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(KafkaLogin login, Map<String, Object> extra) {
        Map<String, Object> props = settings(login, extra);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** What a send to {@code topic} fails with (thrown, or its future's failure); fails the test when it succeeds. */
    private static Throwable sendFailure(KafkaLogin login, String topic, Map<String, Object> extra) {
        try (KafkaProducer<String, String> producer = producer(login, extra)) {
            producer.send(new ProducerRecord<>(topic, "denied", "must not land")).get(WAIT.toSeconds() * 2,
                    TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (RuntimeException e) {
            return e;
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            return fail("the send to " + topic + " neither landed nor failed", e);
        }
        return fail(login.user() + " wrote to " + topic);
    }

    /** What polling fails with; fails the test when polls keep succeeding until the deadline. */
    private static RuntimeException pollFailure(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(500));
            } catch (RuntimeException e) {
                return e;
            }
        }
        return fail("polling was never refused within " + WAIT);
    }

    /** The keys read until {@code wanted} is among them; fails the test at the deadline. */
    private static List<String> readKeys(KafkaConsumer<String, String> consumer, String wanted) {
        List<String> keys = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!keys.contains(wanted)) {
            if (System.nanoTime() > deadline) {
                fail("did not read " + wanted + " within " + WAIT + "; read " + keys.size() + " record(s)");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                keys.add(record.key());
            }
        }
        return keys;
    }
}

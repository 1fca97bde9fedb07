package kz.taza.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestBroker;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.TopicsReady;

/**
 * On the secured test broker: a service whose Kafka login is wrong, or whose principal lacks an ACL, stops at the
 * first thing it does at start-up (declaring its topics) with an error naming the principal, the resource and the
 * operation, and never the password; Kafka's own configuration log lines hide the login.
 */
class StartUpAccessIntegrationTest {

    private final TestBroker broker = SharedKafkaBroker.get();

    @Test
    void givenAWrongPasswordTheStartFailsNamingThePrincipalNotThePassword() {
        KafkaLogin real = broker.login(PlatformTestLogin.NAME);
        KafkaLogin wrong = KafkaLogin.plaintext(real.user(), "Wrong" + real.password().substring(5));
        String topic = TestNames.topic("startup", "password");

        assertThatThrownBy(() -> declaring(wrong, topic).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka refused the login of User:" + real.user())
                .hasMessageContaining("wrong password or unknown user")
                .hasMessageContaining("declaring the service's topics")
                .hasMessageNotContaining(wrong.password())
                .hasMessageNotContaining(real.password());
    }

    @Test
    void givenAnUnknownUserTheStartFailsNamingIt() {
        KafkaLogin stranger = KafkaLogin.plaintext(TestNames.unique("stranger"), BrokerSecurity.password());

        assertThatThrownBy(() -> declaring(stranger, TestNames.topic("startup", "stranger")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka refused the login of User:" + stranger.user())
                .hasMessageNotContaining(stranger.password());
    }

    @Test
    void givenAPrincipalWithoutAclsTheStartFailsNamingTheTopicAndDescribe() {
        KafkaLogin none = broker.provision(new KafkaPrincipal(TestNames.unique("startup-none"), "test", List.of()));
        String topic = TestNames.topic("startup", "none");

        assertThatThrownBy(() -> declaring(none, topic).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("User:" + none.user() + " is not authorized to DESCRIBE topic " + topic)
                .hasMessageContaining("declaring the service's topics at start-up")
                .hasMessageNotContaining(none.password());
    }

    @Test
    void givenAPrincipalThatMayDescribeButNotCreateTheStartFailsNamingTheTopicAndCreate() {
        String topic = TestNames.topic("startup", "describe");
        String name = TestNames.unique("startup-describe");
        KafkaLogin describer = broker.provision(new KafkaPrincipal(name, "test", List.of(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + name, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW)))));

        assertThatThrownBy(() -> declaring(describer, topic).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("User:" + name + " is not authorized to CREATE topic " + topic);
    }

    @Test
    void givenTheRightLoginAndAclsTheTopicsAreDeclaredAndReady() {
        String topic = TestNames.topic("startup", "allowed");
        TopicsReady ready = declaring(broker.login(PlatformTestLogin.NAME), topic);

        ready.start();

        assertThat(ready.isRunning()).isTrue();
    }

    @Test
    void givenALoginKafkasOwnConfigurationLogLinesHideIt() {
        KafkaLogin login = broker.login(PlatformTestLogin.NAME);
        Logger config = (Logger) LoggerFactory.getLogger(AbstractConfig.class);
        Level before = config.getLevel();
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        config.addAppender(lines);
        config.setLevel(Level.INFO);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.<String, Object>copyOf(
                broker.clientProperties(login)), new StringSerializer(), new StringSerializer())) {
            String logged = String.join("\n", lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertThat(logged).contains("ProducerConfig values", "sasl.jaas.config = [hidden]").doesNotContain(login.password());
        } finally {
            config.detachAppender(lines);
            config.setLevel(before);
        }
    }

    /** A TopicsReady that declares {@code topic} as a service logged in with {@code login} would at start-up. */
    private TopicsReady declaring(KafkaLogin login, String topic) {
        Map<String, Object> settings = new java.util.HashMap<>(broker.clientProperties(login));
        settings.put("default.api.timeout.ms", 20_000);
        settings.put("request.timeout.ms", 10_000);
        KafkaAdmin admin = new KafkaAdmin(settings);
        admin.setFatalIfBrokerNotAvailable(true);
        admin.setOperationTimeout(20);
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean("declared", NewTopic.class, () -> new NewTopic(topic, 1, (short) 1));
        context.refresh();
        admin.setApplicationContext(context);
        return TopicsReady.declaring(admin, List.of(topic), Duration.ofSeconds(30));
    }

    /** The principal of the platform's own test applications (every right on topics, groups and ids). */
    private static final class PlatformTestLogin {
        static final String NAME = kz.taza.platform.PlatformTestPrincipals.NAME;
    }
}

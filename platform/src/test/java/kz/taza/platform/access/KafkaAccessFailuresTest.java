package kz.taza.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

/** A refused login or a missing ACL, named: the principal, the resource and the operation, never the password. */
class KafkaAccessFailuresTest {

    private static final String PASSWORD = "Secret4PermitService";
    private static final KafkaLogin LOGIN = KafkaLogin.plaintext("permit-service", PASSWORD);
    private static final Map<String, Object> CONFIG = Map.of("bootstrap.servers", "localhost:9092",
            "sasl.jaas.config", LOGIN.jaasConfig(), "security.protocol", "SASL_PLAINTEXT");

    @Test
    void givenALoginTheUserNameIsThePrincipalWhetherTheSettingIsTextOrAKafkaPassword() {
        assertThat(KafkaAccessFailures.principal(CONFIG)).isEqualTo("User:permit-service");
        assertThat(KafkaAccessFailures.principal(Map.of("sasl.jaas.config", new Password(LOGIN.jaasConfig()))))
                .isEqualTo("User:permit-service");
        assertThat(KafkaAccessFailures.principal(Map.of("security.protocol", "PLAINTEXT")))
                .startsWith("User:ANONYMOUS").contains("security.protocol=PLAINTEXT");
        assertThat(KafkaAccessFailures.anonymous(Map.of())).isTrue();
        assertThat(KafkaAccessFailures.anonymous(CONFIG)).isFalse();
    }

    @Test
    void givenARefusedLoginDeepInTheCausesTheErrorNamesThePrincipalAndBrokerAndNotThePassword() {
        Exception failure = new IllegalStateException("Could not configure topics", new ExecutionException(
                new SaslAuthenticationException("Authentication failed during authentication due to invalid "
                        + "credentials with SASL mechanism SCRAM-SHA-512")));

        Optional<IllegalStateException> named = KafkaAccessFailures.named(failure, CONFIG, "CREATE", List.of(),
                "declaring the service's topics at start-up");

        assertThat(named).get().satisfies(error -> {
            assertThat(error.getMessage()).contains("User:permit-service", "localhost:9092",
                    "wrong password or unknown user", "declaring the service's topics", "invalid credentials")
                    .doesNotContain(PASSWORD);
            assertThat(error.getCause()).isInstanceOf(SaslAuthenticationException.class);
        });
    }

    @Test
    void givenAFailedTlsHandshakeTheErrorPointsAtTheTrustStore() {
        Optional<IllegalStateException> named = KafkaAccessFailures.named(
                new SslAuthenticationException("PKIX path building failed"), CONFIG, "DESCRIBE", List.of(), "x");

        assertThat(named).get().extracting(Throwable::getMessage).asString()
                .contains("TLS handshake", "User:permit-service", "trust store").doesNotContain(PASSWORD);
    }

    @Test
    void givenADeniedTopicTheErrorNamesThePrincipalTheTopicAndTheOperation() {
        Exception failure = new KafkaException(new ExecutionException(
                new TopicAuthorizationException(Set.of("emission.exceedances.v1"))));

        assertThat(KafkaAccessFailures.named(failure, CONFIG, "WRITE", List.of("topic other"), "sending"))
                .get().extracting(Throwable::getMessage).asString()
                .contains("User:permit-service is not authorized to WRITE topic emission.exceedances.v1 while sending")
                .doesNotContain("topic other").doesNotContain(PASSWORD);
    }

    @Test
    void givenADeniedGroupTransactionalIdOrClusterTheErrorNamesWhatTheExceptionOrTheCallerTells() {
        assertThat(KafkaAccessFailures.named(new GroupAuthorizationException("denied", "emission-service"), CONFIG,
                "READ", List.of(), "joining")).get().extracting(Throwable::getMessage).asString()
                .contains("User:permit-service is not authorized to READ consumer group emission-service");
        assertThat(KafkaAccessFailures.named(new TransactionalIdAuthorizationException("denied"), CONFIG, "WRITE",
                List.of("transactional id emission-service-0"), "initialising transactions"))
                .get().extracting(Throwable::getMessage).asString()
                .contains("not authorized to WRITE transactional id emission-service-0 while initialising");
        assertThat(KafkaAccessFailures.named(new ClusterAuthorizationException("denied"), CONFIG, "ALTER", List.of(),
                "altering")).get().extracting(Throwable::getMessage).asString()
                .contains("not authorized to ALTER the cluster");
    }

    @Test
    void givenManyDeniedTopicsTheFirstAreNamedAndTheRestCounted() {
        Set<String> many = new java.util.TreeSet<>();
        for (int i = 0; i < 11; i++) {
            many.add("domain.topic-" + (char) ('a' + i) + ".v1");
        }

        assertThat(KafkaAccessFailures.named(new TopicAuthorizationException(many), CONFIG, "DESCRIBE", List.of(),
                "declaring")).get().extracting(Throwable::getMessage).asString()
                .contains("DESCRIBE topics domain.topic-a.v1, domain.topic-b.v1", "domain.topic-h.v1 and 3 more")
                .doesNotContain("domain.topic-i.v1");
    }

    @Test
    void givenAnotherFailureNothingIsNamedAndTranslateKeepsIt() {
        RuntimeException timeout = new TimeoutException("Timed out waiting for a node assignment");

        assertThat(KafkaAccessFailures.named(timeout, CONFIG, "DESCRIBE", List.of(), "x")).isEmpty();
        assertThat(KafkaAccessFailures.translate(timeout, CONFIG, "DESCRIBE", List.of(), "x")).isSameAs(timeout);
    }
}

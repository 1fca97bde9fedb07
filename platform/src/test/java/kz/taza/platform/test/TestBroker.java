package kz.taza.platform.test;

import java.util.Map;

import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipal;

/**
 * A real Kafka broker for integration tests, secured as production is: SASL SCRAM-SHA-512 logins and the
 * {@code StandardAuthorizer} with no access where no ACL allows it.
 */
public interface TestBroker {

    /** Bootstrap servers of the broker, for any client. */
    String bootstrapServers();

    /** What kind of broker this is, for log lines and failure messages. */
    String description();

    /** The administrator's login (a super user): for what a test sets up or reads back as the harness. */
    KafkaLogin admin();

    /**
     * The login of a principal of the access model ({@link kz.taza.platform.access.KafkaPrincipals}), given its
     * credential and its ACLs on first use.
     */
    KafkaLogin login(String principal);

    /** Gives a principal of the test's own a fresh password and its ACLs; returns its login. */
    KafkaLogin provision(KafkaPrincipal principal);

    /** Settings of a client of this broker that logs in with {@code login}. */
    default Map<String, Object> clientProperties(KafkaLogin login) {
        return login.clientConfig(bootstrapServers());
    }

    /** Settings of a client that logs in as the administrator. */
    default Map<String, Object> adminProperties() {
        return clientProperties(admin());
    }
}

package kz.taza.platform.access;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How one principal logs in to a Taza broker: SASL with {@value BrokerSecurity#MECHANISM}, over TLS when the broker
 * has a certificate ({@link #trustStore()}). Its {@link #toString()} never shows the password.
 *
 * @param user       the SCRAM user name
 * @param password   its password
 * @param trustStore the PKCS12 trust store with the brokers' certificate authority, for SASL_SSL; empty for
 *                   SASL_PLAINTEXT
 */
public record KafkaLogin(String user, String password, Optional<TrustStore> trustStore) {

    /** A PKCS12 trust store. */
    public record TrustStore(Path location, String password) {

        @Override
        public String toString() {
            return "TrustStore[" + location + "]";
        }
    }

    public KafkaLogin {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a Kafka login needs a user name and a password");
        }
        if (user.contains("\"") || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("a Kafka user name or password cannot hold '\"' or '\\'");
        }
    }

    public static KafkaLogin plaintext(String user, String password) {
        return new KafkaLogin(user, password, Optional.empty());
    }

    public KafkaLogin overTls(TrustStore trust) {
        return new KafkaLogin(user, password, Optional.of(trust));
    }

    public String securityProtocol() {
        return trustStore.isPresent() ? "SASL_SSL" : "SASL_PLAINTEXT";
    }

    /** The JAAS configuration of the login (it holds the password: never log it). */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The settings of a Kafka client that logs in as this principal. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol());
        props.put(SaslConfigs.SASL_MECHANISM, BrokerSecurity.MECHANISM);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig());
        trustStore.ifPresent(trust -> {
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trust.location().toAbsolutePath().toString());
            props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, trust.password());
        });
        return props;
    }

    /** The settings of a client of the brokers at {@code bootstrapServers} that logs in as this principal. */
    public Map<String, Object> clientConfig(String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>(clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /**
     * The same settings as Spring Boot properties ({@code spring.kafka.properties.*}), which the platform hands to
     * every client a service opens: Streams, producers, consumers, admin.
     */
    public Map<String, String> springProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        // Spring Boot's own setting too, so that no default of its own stands beside the client setting.
        props.put("spring.kafka.security.protocol", securityProtocol());
        clientProperties().forEach((key, value) -> props.put("spring.kafka.properties." + key, value));
        return props;
    }

    @Override
    public String toString() {
        return "KafkaLogin[" + user + " over " + securityProtocol() + "]";
    }
}

package kz.taza.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Remembers the settings each Kafka producer and consumer of this JVM was created with, by client id: a Kafka client
 * hands its interceptors the configuration it was given. Name this class in
 * {@code spring.kafka.properties.interceptor.classes} to see what every client of a service received, the Streams
 * application's own producers and consumers included. Records pass through unchanged.
 *
 * <p>A test of a whole service gives it {@link #SECURITY_PROTOCOL}, {@link #SSL_PROTOCOL}, {@link #SASL_MECHANISM}
 * and {@link #RECORDING} as properties and checks with {@link #clientsCarryingTheSecuritySettings} that every client
 * got them, the login of the service's principal included (its JAAS configuration, which names the user). On the
 * SASL_PLAINTEXT test broker the SSL settings are carried and unused.
 */
public class ClientConfigRecorder implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {

    public static final String SECURITY_PROTOCOL = "spring.kafka.security.protocol=SASL_PLAINTEXT";
    public static final String SSL_PROTOCOL = "spring.kafka.ssl.protocol=TLSv1.3";
    public static final String SASL_MECHANISM = "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512";
    public static final String RECORDING =
            "spring.kafka.properties.interceptor.classes=kz.taza.platform.test.ClientConfigRecorder";

    /** The client settings the properties above come to. */
    public static final Map<String, Object> SECURITY_SETTINGS = Map.of(
            CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
            SslConfigs.SSL_PROTOCOL_CONFIG, "TLSv1.3",
            SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");

    private static final Map<String, Map<String, Object>> CONFIGS = new ConcurrentHashMap<>();

    /**
     * The settings of every client whose client id starts with {@code prefix}, by client id, after checking that each
     * carries the {@link #SECURITY_SETTINGS} and that the clients named are among them.
     */
    public static Map<String, Map<String, Object>> clientsCarryingTheSecuritySettings(String prefix,
            String... clientIds) {
        Map<String, Map<String, Object>> clients = clientsStartingWith(prefix);
        assertThat(clients).containsKeys(clientIds);
        clients.forEach((clientId, config) -> assertThat(config).as(clientId)
                .containsAllEntriesOf(SECURITY_SETTINGS)
                .hasEntrySatisfying(SaslConfigs.SASL_JAAS_CONFIG, jaas -> assertThat(String.valueOf(jaas))
                        .contains("ScramLoginModule required username=")));
        return clients;
    }

    /** The settings of every client created so far whose client id starts with {@code prefix}, by client id. */
    public static Map<String, Map<String, Object>> clientsStartingWith(String prefix) {
        Map<String, Map<String, Object>> found = new TreeMap<>();
        CONFIGS.forEach((clientId, config) -> {
            if (clientId.startsWith(prefix)) {
                found.put(clientId, config);
            }
        });
        return found;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        CONFIGS.put(String.valueOf(configs.get(CommonClientConfigs.CLIENT_ID_CONFIG)),
                Collections.unmodifiableMap(new HashMap<>(configs)));
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}

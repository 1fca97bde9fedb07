package kz.taza.platform.test;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real broker per test JVM, started on first use and stopped when the JVM exits. Every integration test shares it
 * and keeps apart from the others by unique topic names, application ids and state directories ({@link TestNames}).
 *
 * <p>The kind is chosen with the system property {@code taza.test.broker}:
 * <ul>
 * <li>{@code embedded} (default): spring-kafka-test's in-process KRaft broker, ready for exactly-once (transaction
 * state log with replication 1) and with auto-create off, as in production;</li>
 * <li>{@code testcontainers}: Apache Kafka in a container. Without a Docker engine this fails with a clear message;
 * it never falls back or skips silently.</li>
 * </ul>
 */
public final class SharedKafkaBroker {

    public static final String SELECTOR = "taza.test.broker";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

    private static volatile TestBroker broker;

    private SharedKafkaBroker() {
    }

    /** The broker of this JVM, started if needed. */
    public static TestBroker get() {
        TestBroker current = broker;
        if (current == null) {
            synchronized (SharedKafkaBroker.class) {
                current = broker;
                if (current == null) {
                    current = start(System.getProperty(SELECTOR, "embedded"));
                    broker = current;
                }
            }
        }
        return current;
    }

    /** Starts a broker of the given kind (the shared one is started once, by {@link #get()}). */
    public static TestBroker start(String kind) {
        return switch (kind) {
            case "embedded" -> startEmbedded();
            case "testcontainers" -> startContainer();
            default -> throw new IllegalArgumentException(
                    SELECTOR + "=" + kind + " is not a broker kind: use 'embedded' or 'testcontainers'");
        };
    }

    private static TestBroker startEmbedded() {
        EmbeddedKafkaKraftBroker embedded = new EmbeddedKafkaKraftBroker(1, 1);
        embedded.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "log.flush.interval.messages", "1000000"));
        embedded.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::destroy, "embedded-kafka-shutdown"));
        String servers = embedded.getBrokersAsString();
        return new Running(servers, "in-process KRaft broker at " + servers);
    }

    private static TestBroker startContainer() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(SELECTOR + "=testcontainers was chosen, but no Docker engine is reachable "
                    + "from this machine. Run with -D" + SELECTOR + "=embedded (the default) instead.");
        }
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-shutdown"));
        String servers = container.getBootstrapServers();
        return new Running(servers, "Kafka container " + KAFKA_IMAGE + " at " + servers);
    }

    private record Running(String bootstrapServers, String description) implements TestBroker {
    }
}

package kz.taza.platform.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Makes the Kafka clients a service opens beside its Streams application (the command gateway's producer, the command
 * result follower's consumer, the dead-letter producer, a service's own producers) from Spring Boot's
 * {@link ProducerFactory} and {@link ConsumerFactory}. So every client gets what those factories carry: the
 * connection and security settings of {@code spring.kafka.*}, the platform's guarantees (idempotent producers with
 * {@code acks=all}, consumers reading {@code read_committed} without auto-commit) and the Micrometer listeners that
 * export the clients' metrics. Client ids are {@code <spring.application.name>-<name>-<n>}.
 *
 * <p>A producer comes from a copy of the service's producer factory with the client's id, serializers and own
 * settings (the copy keeps the factory's listeners and post-processors); it is never transactional, and it is closed
 * when the application context closes ({@code close()} on it leaves it open). A consumer is its owner's to close.
 */
public class KafkaClients implements DisposableBean {

    /** The name of the platform's bean, and of the producer factories it copies. */
    static final String BEAN_NAME = "tazaKafkaClients";

    private final ProducerFactory<?, ?> producerFactory;
    private final ConsumerFactory<?, ?> consumerFactory;
    private final String clientIdPrefix;
    private final List<ProducerFactory<?, ?>> producerFactories = new CopyOnWriteArrayList<>();
    private final AtomicInteger consumers = new AtomicInteger();

    public KafkaClients(ProducerFactory<?, ?> producerFactory, ConsumerFactory<?, ?> consumerFactory,
            String clientIdPrefix) {
        this.producerFactory = producerFactory;
        this.consumerFactory = consumerFactory;
        this.clientIdPrefix = clientIdPrefix;
    }

    /**
     * A producer of its own.
     *
     * @param name     what the producer is for, in its client id ({@code commands}, {@code dead-letters})
     * @param settings producer settings of this client only ({@code linger.ms}, for example)
     */
    @SuppressWarnings("unchecked")
    public <K, V> Producer<K, V> producer(String name, Class<? extends Serializer<K>> keys,
            Class<? extends Serializer<V>> values, Map<String, Object> settings) {
        Map<String, Object> overrides = new HashMap<>(settings);
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + name);
        overrides.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keys);
        overrides.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, values);
        ProducerFactory<K, V> factory =
                (ProducerFactory<K, V>) producerFactory.copyWithConfigurationOverride(overrides);
        if (factory instanceof BeanNameAware named) {
            // The factory's name is in the producer's metric tags (spring.id); a copy is not a bean of its own.
            named.setBeanName(BEAN_NAME);
        }
        producerFactories.add(factory);
        return factory.createNonTransactionalProducer();
    }

    /**
     * A consumer for a reader that assigns itself partitions rather than join a consumer group.
     *
     * @param name what the consumer is for, in its client id ({@code command-results})
     */
    @SuppressWarnings("unchecked")
    public <K, V> Consumer<K, V> consumer(String name, Class<? extends Deserializer<K>> keys,
            Class<? extends Deserializer<V>> values) {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, keys);
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, values);
        return (Consumer<K, V>) consumerFactory.createConsumer(null, clientIdPrefix + "-" + name + "-",
                Integer.toString(consumers.incrementAndGet()), overrides);
    }

    /**
     * The settings the service's consumers start from (connection and login; the producers' are the same), to name
     * the principal when a client of this factory is refused ({@link kz.taza.platform.access.KafkaAccessFailures}).
     */
    public Map<String, Object> connectionSettings() {
        return consumerFactory.getConfigurationProperties();
    }

    /** Closes the producers. */
    @Override
    public void destroy() {
        producerFactories.forEach(ProducerFactory::reset);
    }
}

package kz.taza.emission.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.taza.emission.topology.EmissionSettings;
import kz.taza.emission.topology.EmissionTopology;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.catalogue.EmissionTopics;
import kz.taza.platform.topic.catalogue.PermitTopics;

/** Wires the emission topology, its topics and the ingestion producer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmissionProperties.class)
public class EmissionConfiguration {

    /** The topics emission-service owns, and the permit topics it reads (declared with their owner's settings). */
    @Bean
    TopicCatalogue emissionTopics() {
        List<Topic<?, ?>> topics = new ArrayList<>(new EmissionTopics().topics());
        topics.add(PermitTopics.FACILITIES);
        topics.add(PermitTopics.PERMITS);
        return () -> List.copyOf(topics);
    }

    @Bean
    EmissionSettings emissionSettings(EmissionProperties emission, TazaProperties taza) {
        return new EmissionSettings(taza.getZone(), emission.getFutureTolerance(), emission.getMonitoredPollutants(),
                emission.getRequiredPollutants(), emission.getIntervalMinutes(), emission.getGapThreshold(),
                emission.getGapCheckEvery(), emission.getKpiFlushInterval(), emission.getReferenceRefresh(),
                emission.getRecentExceedances(), emission.getMaxReadingLateness());
    }

    @Bean
    EmissionTopology emissionTopology(EmissionSettings settings, EventMetadataFactory events) {
        return new EmissionTopology(settings, events);
    }

    /**
     * The producer of readings and reports taken in over REST: idempotent with acks=all (a retried batch cannot
     * duplicate a record in the log), batching a little so a large batch goes out in few requests.
     */
    @Bean(destroyMethod = "close")
    Producer<String, byte[]> ingestionProducer(KafkaProperties kafka, KafkaConnectionDetails connection) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", connection.getProducer().getBootstrapServers()));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "emission-ingestion");
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}

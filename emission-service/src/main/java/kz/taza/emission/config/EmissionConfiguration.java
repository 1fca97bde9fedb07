package kz.taza.emission.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.contracts.emission.EmissionFeeRates;
import kz.taza.emission.topology.EmissionSettings;
import kz.taza.emission.topology.EmissionTopology;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.KafkaClients;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.topic.TopicCatalogue;

/** Wires the emission topology, its topics and the ingestion producer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmissionProperties.class)
public class EmissionConfiguration {

    /** The topics emission-service owns. */
    @Bean
    EmissionTopics emissionTopics() {
        return new EmissionTopics();
    }

    /** The permit topics it reads, declared with their owner's settings so that it never starts without them. */
    @Bean
    TopicCatalogue permitTopicsRead() {
        return () -> List.of(PermitTopics.FACILITIES, PermitTopics.PERMITS);
    }

    @Bean
    EmissionSettings emissionSettings(EmissionProperties emission, TazaProperties taza) {
        return new EmissionSettings(taza.getZone(), emission.getFutureTolerance(), emission.getMonitoredPollutants(),
                emission.getRequiredPollutants(), emission.getIntervalMinutes(), emission.getGapThreshold(),
                emission.getGapCheckEvery(), emission.getKpiFlushInterval(), emission.getReferenceRefresh(),
                emission.getRecentExceedances(), emission.getMaxReadingLateness());
    }

    /** The emission fee rates and MCI by year, from {@code taza.emission.fees.*} over the defaults. */
    @Bean
    EmissionFeeRates emissionFeeRates(EmissionProperties emission) {
        return emission.getFees().toRates();
    }

    @Bean
    EmissionTopology emissionTopology(EmissionSettings settings, EventMetadataFactory events,
            EmissionFeeRates feeRates) {
        return new EmissionTopology(settings, events, feeRates);
    }

    /**
     * The producer of readings and reports taken in over REST, from the platform's clients (idempotent with acks=all:
     * a retried batch cannot duplicate a record in the log), batching a little so a large batch goes out in few
     * requests.
     */
    @Bean
    Producer<String, byte[]> ingestionProducer(KafkaClients clients) {
        return clients.producer("ingestion", StringSerializer.class, ByteArraySerializer.class,
                Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
    }
}

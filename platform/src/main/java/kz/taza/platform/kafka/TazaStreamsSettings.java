package kz.taza.platform.kafka;

import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;

import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.errors.StreamsDeadLetterHandler;

/**
 * The settings Taza gives every Kafka Streams application, beside its connection (bootstrap servers, security) and
 * its application id: {@code exactly_once_v2}, internal-topic replication, standbys and commit interval from
 * {@code taza.*}, an explicit state directory, RocksDB bounded to the instance's memory budget
 * ({@link BoundedRocksDbMemory}), the application server for forwarded reads, and the platform's error routing
 * ({@link StreamsDeadLetterHandler}, which also needs the service's {@link Quarantine} under {@link Quarantine#CONFIG},
 * or a tool's dead-letter publisher under {@link StreamsDeadLetterHandler#PUBLISHER_CONFIG}).
 *
 * <p>Free of Spring, so that the services' auto-configuration and a tool that runs a service's topology outside a
 * service (the benchmark) give a Streams application the same settings from the same {@link TazaProperties}.
 */
public final class TazaStreamsSettings {

    private TazaStreamsSettings() {
    }

    /**
     * Adds the settings to {@code props}. A replication factor already in {@code props} (Spring's
     * {@code spring.kafka.streams.replication-factor}) is kept; every other setting here wins.
     *
     * @param stateDir the state directory; never the default under the system temp directory, which survives runs
     */
    public static Map<String, Object> apply(Map<String, Object> props, TazaProperties taza, String stateDir) {
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) taza.getKafka().getReplicationFactor());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, taza.getStreams().getStandbyReplicas());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, taza.getStreams().getCommitIntervalMs());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        props.putAll(BoundedRocksDbMemory.streamsConfig(taza.getStreams().getRocksdb()));
        String applicationServer = taza.getStreams().getApplicationServer();
        if (applicationServer != null && !applicationServer.isBlank()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class);
        return props;
    }
}

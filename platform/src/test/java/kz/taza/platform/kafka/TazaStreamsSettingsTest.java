package kz.taza.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import kz.taza.platform.errors.StreamsDeadLetterHandler;

/** The Streams settings every Taza application gets, from TazaProperties alone (what a tool outside Spring uses). */
class TazaStreamsSettingsTest {

    @Test
    void theDefaultsGiveExactlyOnceTheServicesCommitIntervalBoundedRocksDbAndTheDeadLetterHandlers() {
        Map<String, Object> props = TazaStreamsSettings.apply(new HashMap<>(), new TazaProperties(), "/tmp/state");

        assertThat(props).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/tmp/state")
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class)
                .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 128L * 1024 * 1024)
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        StreamsDeadLetterHandler.class)
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class)
                .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsDeadLetterHandler.class)
                .doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    @Test
    void aReplicationFactorAlreadySetIsKeptAndAnApplicationServerIsPassedOn() {
        TazaProperties taza = new TazaProperties();
        taza.getStreams().setApplicationServer("emission-0.emission:8082");
        Map<String, Object> props = new HashMap<>(Map.of(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3));

        TazaStreamsSettings.apply(props, taza, "/tmp/state");

        assertThat(props).containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "emission-0.emission:8082");
    }
}

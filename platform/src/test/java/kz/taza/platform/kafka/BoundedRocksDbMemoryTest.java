package kz.taza.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import kz.taza.platform.kafka.BoundedRocksDbMemory.Budget;
import kz.taza.platform.kafka.BoundedRocksDbMemory.SharedMemory;

/**
 * Every RocksDB store of a Streams application gets the same block cache and write buffer manager, sized from
 * {@code taza.streams.rocksdb.*}, and the memtables are charged to that cache.
 */
class BoundedRocksDbMemoryTest {

    @Test
    void everyStoreGetsTheSharedCacheAndWriteBufferManagerSizedFromTheConfiguration() {
        // given: the Streams settings of a 48 MiB budget, a quarter for memtables
        Map<String, Object> configs = BoundedRocksDbMemory.streamsConfig(rocksdb(DataSize.ofMegabytes(48), 0.25));
        // when: Streams opens two stores, each with the table configuration it prepares for a store
        Options first = storeOptions();
        Options second = storeOptions();
        new BoundedRocksDbMemory().setConfig("kpi-totals", first, configs);
        new BoundedRocksDbMemory().setConfig("facility-state", second, configs);
        // then
        SharedMemory shared = BoundedRocksDbMemory.shared(new Budget(48L << 20, 0.25));
        assertThat(shared.budget().bytes()).isEqualTo(48L << 20);
        assertThat(shared.budget().writeBufferBytes()).isEqualTo(12L << 20);
        for (Options options : new Options[] {first, second}) {
            BlockBasedTableConfigWithAccessibleCache table =
                    (BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig();
            assertThat(table.blockCache()).isSameAs(shared.cache());
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(options.writeBufferManager()).isSameAs(shared.writeBufferManager());
        }
        first.close();
        second.close();
    }

    @Test
    void memtablesAreChargedToTheSharedCache(@TempDir Path dir) throws Exception {
        // given: a budget of its own, so no other test's stores fill its cache
        Map<String, Object> configs = BoundedRocksDbMemory.streamsConfig(rocksdb(DataSize.ofMegabytes(40), 0.5));
        SharedMemory shared = BoundedRocksDbMemory.shared(new Budget(40L << 20, 0.5));
        Options options = storeOptions().setCreateIfMissing(true);
        new BoundedRocksDbMemory().setConfig("readings", options, configs);
        long before = shared.cache().getUsage();
        // when: 4 MiB written, none of it flushed yet (below the 20 MiB write buffer share)
        try (RocksDB db = RocksDB.open(options, dir.toString())) {
            byte[] value = new byte[1024];
            Arrays.fill(value, (byte) 7);
            for (int i = 0; i < 4096; i++) {
                db.put(("facility-" + i).getBytes(), value);
            }
            // then: the cache counts the memtable's memory
            assertThat(shared.cache().getUsage() - before).isGreaterThanOrEqualTo(4L << 20);
        }
        options.close();
    }

    @Test
    void theStreamsApplicationIsConfiguredWithTheSetterAndTheBudget() {
        // given
        TazaProperties taza = new TazaProperties();
        taza.getStreams().getRocksdb().setMemory(DataSize.ofMegabytes(384));
        taza.getStreams().getRocksdb().setWriteBufferShare(0.4);
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "emission-service");
        KafkaProperties kafka = new KafkaProperties();
        // when
        Map<String, Object> props = TazaKafkaAutoConfiguration.streamsProperties(kafka,
                new KafkaConnectionDetails() {
                    @Override
                    public java.util.List<String> getBootstrapServers() {
                        return java.util.List.of("localhost:9092");
                    }
                }, taza, environment);
        // then
        assertThat(props).containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class)
                .containsEntry(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 384L << 20)
                .containsEntry(BoundedRocksDbMemory.WRITE_BUFFER_SHARE_CONFIG, 0.4);
        assertThat(new StreamsConfig(new HashMap<>(props)).getClass(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                .isEqualTo(BoundedRocksDbMemory.class);
    }

    @Test
    void aBudgetThatIsNotPositiveOrAShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.streamsConfig(rocksdb(DataSize.ofBytes(0), 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taza.streams.rocksdb.memory");
        assertThatThrownBy(() -> BoundedRocksDbMemory.streamsConfig(rocksdb(DataSize.ofMegabytes(64), 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taza.streams.rocksdb.write-buffer-share");
    }

    @Test
    void aStoreOpenedWithoutTheBudgetInTheConfigurationSaysWhatIsMissing() {
        Options options = storeOptions();
        assertThatThrownBy(() -> new BoundedRocksDbMemory().setConfig("store", options, Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG);
        options.close();
    }

    /** Options as Kafka Streams prepares them for a store before calling the setter. */
    private static Options storeOptions() {
        Options options = new Options();
        BlockBasedTableConfig table = new BlockBasedTableConfigWithAccessibleCache();
        options.setTableFormatConfig(table);
        return options;
    }

    private static TazaProperties.Streams.RocksDb rocksdb(DataSize memory, double writeBufferShare) {
        TazaProperties.Streams.RocksDb rocksdb = new TazaProperties.Streams.RocksDb();
        rocksdb.setMemory(memory);
        rocksdb.setWriteBufferShare(writeBufferShare);
        return rocksdb;
    }
}

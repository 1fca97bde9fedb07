package kz.taza.platform.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * Holds the off-heap memory of all RocksDB state stores of a service instance to one budget
 * ({@code taza.streams.rocksdb.memory}): every store reads through one shared block cache, which also holds the index
 * and filter blocks, and a write buffer manager charges every store's memtables against that same cache, flushing
 * when they pass their share ({@code taza.streams.rocksdb.write-buffer-share}) of it. Without it each store (and each
 * partition and segment of it) gets a block cache and memtables of its own, so the memory grows with the tasks an
 * instance owns until the container's limit kills it.
 *
 * <p>Kafka Streams instantiates a setter for every store, so the cache and the write buffer manager cannot belong to
 * the setter: they are kept here, one pair per budget (a JVM running several applications with the same budget, as
 * the end-to-end test does, shares one), and never closed: they live as long as the process. The budget comes from
 * the Streams configuration, where {@link #streamsConfig} puts it.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams setting: the budget in bytes. */
    public static final String MEMORY_BYTES_CONFIG = "taza.streams.rocksdb.memory-bytes";
    /** Streams setting: the share of the budget the memtables may take, above 0 and below 1. */
    public static final String WRITE_BUFFER_SHARE_CONFIG = "taza.streams.rocksdb.write-buffer-share";
    /**
     * Share of the cache kept for index and filter blocks (RocksDB's high-priority pool): every read needs them, so
     * data blocks must not push them out.
     */
    static final double INDEX_AND_FILTER_SHARE = 0.1;

    private static final Map<Budget, SharedMemory> SHARED = new ConcurrentHashMap<>();

    /** The Streams settings that bound every store of the application to {@code rocksdb}'s budget. */
    public static Map<String, Object> streamsConfig(TazaProperties.Streams.RocksDb rocksdb) {
        Budget budget = new Budget(rocksdb.getMemory().toBytes(), rocksdb.getWriteBufferShare());
        return Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class,
                MEMORY_BYTES_CONFIG, budget.bytes(),
                WRITE_BUFFER_SHARE_CONFIG, budget.writeBufferShare());
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        SharedMemory memory = shared(Budget.of(configs));
        // The table configuration Streams prepared for this store: a new instance would hide the cache from its metrics.
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        // Index and filter blocks in the cache too, at high priority; otherwise they sit outside any bound.
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBufferManager());
    }

    @Override
    public void close(String storeName, Options options) {
        // Nothing of this store's own: the cache and the write buffer manager serve every store of the process.
    }

    /** The cache and write buffer manager of a budget, made on first use. */
    static SharedMemory shared(Budget budget) {
        return SHARED.computeIfAbsent(budget, SharedMemory::allocate);
    }

    /** A memory budget: its bytes, and the share of them the memtables may take. */
    record Budget(long bytes, double writeBufferShare) {

        Budget {
            if (bytes <= 0) {
                throw new IllegalArgumentException("taza.streams.rocksdb.memory must be positive, not " + bytes
                        + " bytes");
            }
            if (!(writeBufferShare > 0 && writeBufferShare < 1)) {
                throw new IllegalArgumentException("taza.streams.rocksdb.write-buffer-share must be above 0 and below"
                        + " 1, not " + writeBufferShare);
            }
        }

        static Budget of(Map<String, Object> configs) {
            Object bytes = configs.get(MEMORY_BYTES_CONFIG);
            Object share = configs.get(WRITE_BUFFER_SHARE_CONFIG);
            if (bytes == null || share == null) {
                throw new IllegalStateException(BoundedRocksDbMemory.class.getSimpleName() + " needs "
                        + MEMORY_BYTES_CONFIG + " and " + WRITE_BUFFER_SHARE_CONFIG
                        + " in the Streams configuration (BoundedRocksDbMemory.streamsConfig puts them there)");
            }
            return new Budget(Long.parseLong(bytes.toString()), Double.parseDouble(share.toString()));
        }

        long writeBufferBytes() {
            return (long) (bytes * writeBufferShare);
        }
    }

    /** One budget's block cache and the write buffer manager that charges memtables to it. */
    record SharedMemory(Budget budget, Cache cache, WriteBufferManager writeBufferManager) {

        static SharedMemory allocate(Budget budget) {
            RocksDB.loadLibrary(); // once per JVM; the native classes below need it
            // Not a strict limit: a read that finds the cache full still succeeds (a strict cache would fail it).
            Cache cache = new LRUCache(budget.bytes(), -1, false, INDEX_AND_FILTER_SHARE);
            return new SharedMemory(budget, cache, new WriteBufferManager(budget.writeBufferBytes(), cache));
        }
    }
}

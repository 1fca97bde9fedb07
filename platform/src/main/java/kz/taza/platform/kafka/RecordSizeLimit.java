package kz.taza.platform.kafka;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The largest record a Streams application's producer sends, and the size of a record by the producer's own measure
 * ({@code max.request.size}, the record's size estimate with its key, value and headers), so that a processor can
 * refuse a record that would be too large before it is sent: under exactly-once, a send that fails aborts the
 * transaction, and a record that always fails would stop the application on every retry.
 */
public final class RecordSizeLimit {

    private final int maxBytes;
    private final CompressionType compression;

    public RecordSizeLimit(int maxBytes, CompressionType compression) {
        this.maxBytes = maxBytes;
        this.compression = compression;
    }

    /** The limit of the Streams application with this configuration (its producer's settings, or their defaults). */
    public static RecordSizeLimit of(Map<String, ?> streamsConfig) {
        Object max = setting(streamsConfig, ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        Object compression = setting(streamsConfig, ProducerConfig.COMPRESSION_TYPE_CONFIG);
        return new RecordSizeLimit(max == null ? 1024 * 1024 : Integer.parseInt(max.toString()),
                compression == null ? CompressionType.NONE : CompressionType.forName(compression.toString()));
    }

    private static Object setting(Map<String, ?> config, String name) {
        Object producerOnly = config.get(StreamsConfig.producerPrefix(name));
        return producerOnly != null ? producerOnly : config.get(name);
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** The size the producer reckons the record at. */
    public int sizeOf(byte[] key, byte[] value, Header[] headers) {
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, compression, key,
                value, headers);
    }
}

package kz.taza.platform.errors;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.taza.platform.errors.RejectedRecordHeaders.Stage;

/**
 * The Streams side of error routing: a record that cannot be deserialized, processed or produced goes to its input
 * topic's dead-letter topic as the original input bytes, and the application carries on with the next record.
 *
 * <p>When there is nowhere to put the record (its input topic is not dead-lettered, the failure happened outside any
 * input record, or the dead-letter write failed), the handler answers FAIL: the application stops, liveness turns
 * DOWN and the orchestrator restarts it; the record is read again after the restart. Stopping is preferred over
 * losing a record silently.
 */
public class StreamsDeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    /** Streams configuration key under which the platform hands the {@link DeadLetterPublisher} instance over. */
    public static final String PUBLISHER_CONFIG = "taza.dead-letter.publisher";

    private static final Logger log = LoggerFactory.getLogger(StreamsDeadLetterHandler.class);

    private DeadLetterPublisher publisher;

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(PUBLISHER_CONFIG);
        if (!(value instanceof DeadLetterPublisher dlp)) {
            throw new IllegalStateException(PUBLISHER_CONFIG + " must hold a DeadLetterPublisher, found " + value);
        }
        this.publisher = dlp;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        boolean routed = route(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), Stage.DESERIALIZATION, exception);
        return routed ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        boolean routed = route(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), Stage.PROCESSING, exception);
        return routed ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context,
            ProducerRecord<byte[], byte[]> record, Exception exception) {
        boolean routed = route(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), Stage.PRODUCTION, exception);
        return routed ? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        boolean routed = route(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), Stage.PRODUCTION, exception);
        return routed ? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
    }

    private boolean route(String topic, int partition, long offset, byte[] key, byte[] value,
            org.apache.kafka.common.header.Headers headers, Stage stage, Exception exception) {
        if (!publisher.accepts(topic) || value == null && key == null) {
            log.error("Stopping: {} failure on {}-{}@{} has no dead-letter destination", stage, topic, partition,
                    offset, exception);
            return false;
        }
        try {
            publisher.publish(topic, partition, offset, key, value, headers, stage, exception);
            return true;
        } catch (RuntimeException e) {
            log.error("Stopping: {} failure on {}-{}@{} could not be dead-lettered", stage, topic, partition, offset,
                    e);
            return false;
        }
    }
}

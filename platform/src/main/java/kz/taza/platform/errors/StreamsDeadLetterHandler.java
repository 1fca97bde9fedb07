package kz.taza.platform.errors;

import java.time.Clock;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.taza.platform.errors.RejectedRecordHeaders.Stage;

/**
 * The Streams handlers, which sort failures into their {@linkplain FailureClass classes}. Inputs are decoded inside
 * the topology ({@link Inputs}), so what reaches these handlers is the rest:
 * <ul>
 * <li><b>deserialization</b>: only where the DSL decodes a topic itself (the repartition topic of a table's
 * re-grouping) or a source still reads with a decoding serde. The record does not decode, so it is a bad record: it
 * goes to its topic's dead-letter topic, and the application goes on;</li>
 * <li><b>processing</b>: a {@link FailureClass#BAD_RECORD} (code refused the record's content as an argument) is
 * quarantined and the application goes on; an {@link FailureClass#INFRASTRUCTURE} failure (a store, RocksDB, the disk,
 * a bug) is not disguised as a bad record: the application stops, liveness turns DOWN, the orchestrator restarts it,
 * and the record is processed again;</li>
 * <li><b>production</b>: always FAIL. Under exactly-once a skipped output would commit a transaction whose state
 * change and changelog disagree with what it published; failing aborts it, and the restarted task restores its stores
 * from the committed changelog. A record too large is refused before it is sent where a command can cause one (the
 * command processor rejects that command).</li>
 * </ul>
 * These handlers write dead letters through the service's {@link Quarantine}, outside the task's transaction (Kafka
 * Streams 4.1 gives a handler no way into it): a retry after an aborted transaction may write a second dead letter of
 * the same record, with the same identity in its headers. When there is nowhere to put the record, the handler answers
 * FAIL: stopping is preferred over losing a record silently.
 */
public class StreamsDeadLetterHandler
        implements DeserializationExceptionHandler, ProcessingExceptionHandler, ProductionExceptionHandler {

    /**
     * Streams configuration key under which an application built without the platform's Spring wiring (the benchmark)
     * hands over a {@link DeadLetterPublisher} instead of a {@link Quarantine} ({@link Quarantine#CONFIG}).
     */
    public static final String PUBLISHER_CONFIG = "taza.dead-letter.publisher";

    private static final Logger log = LoggerFactory.getLogger(StreamsDeadLetterHandler.class);

    private Quarantine quarantine;

    @Override
    public void configure(Map<String, ?> configs) {
        Quarantine configured = Quarantine.from(configs);
        if (configured == null && configs.get(PUBLISHER_CONFIG) instanceof DeadLetterPublisher publisher) {
            configured = new Quarantine(publisher, null, Clock.systemUTC());
        }
        if (configured == null) {
            throw new IllegalStateException(Quarantine.CONFIG + " must hold the service's Quarantine");
        }
        this.quarantine = configured;
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        boolean routed = route(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), Stage.DESERIALIZATION, DecodeFailure.of(exception).name(), exception);
        return routed ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (FailureClass.ofProcessing(exception) == FailureClass.INFRASTRUCTURE) {
            log.error("Stopping: processing {}-{}@{} failed in {} for a reason that is not the record's: {}",
                    context.topic(), context.partition(), context.offset(), context.processorNodeId(),
                    RejectedRecordHeaders.describe(exception), exception);
            return ProcessingHandlerResponse.FAIL;
        }
        boolean routed = route(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context.headers(), Stage.PROCESSING, exception.getClass().getSimpleName(),
                exception);
        return routed ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context,
            ProducerRecord<byte[], byte[]> record, Exception exception) {
        log.error("Stopping: writing to {} (for input {}-{}@{}) failed; the transaction is aborted rather than "
                + "committed without it", record.topic(), context.topic(), context.partition(), context.offset(),
                exception);
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
            ProducerRecord record, Exception exception, SerializationExceptionOrigin origin) {
        log.error("Stopping: a {} of an output to {} (for input {}-{}@{}) cannot be serialized: a bug", origin,
                record.topic(), context.topic(), context.partition(), context.offset(), exception);
        return ProductionExceptionHandlerResponse.FAIL;
    }

    private boolean route(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers,
            Stage stage, String reason, Exception exception) {
        if (!quarantine.accepts(topic) || value == null && key == null) {
            log.error("Stopping: {} failure on {}-{}@{} has no dead-letter destination", stage, topic, partition,
                    offset, exception);
            return false;
        }
        try {
            quarantine.quarantine(topic, partition, offset, key, value, headers, stage, reason, exception);
            return true;
        } catch (RuntimeException e) {
            log.error("Stopping: {} failure on {}-{}@{} could not be dead-lettered", stage, topic, partition, offset,
                    e);
            return false;
        }
    }
}

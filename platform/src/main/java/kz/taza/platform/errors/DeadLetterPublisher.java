package kz.taza.platform.errors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.taza.platform.topic.Topic;

/**
 * Writes rejected records to their topic's dead-letter topic as the original bytes, with the error in headers.
 *
 * <p>The write is synchronous and must succeed before the caller moves past the record: a record is either processed,
 * or in the dead-letter topic, never neither. Dead letters are published as raw bytes, so a dead-letter write cannot
 * itself fail on serialization and loop. Only topics whose catalogue entry is dead-lettered have a destination; for
 * any other topic {@link #publish} refuses, and the caller stops rather than drop the record.
 *
 * <p>In a service the producer is a plain idempotent one from the service's producer factory
 * ({@link kz.taza.platform.kafka.KafkaClients}), outside any Streams task's transaction.
 */
public class DeadLetterPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final Set<String> deadLetteredTopics;
    private final String rejectedBy;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, Set<String> deadLetteredTopics, String rejectedBy) {
        this.producer = producer;
        this.deadLetteredTopics = Set.copyOf(deadLetteredTopics);
        this.rejectedBy = rejectedBy;
    }

    /** Whether records of this topic can be dead-lettered. */
    public boolean accepts(String sourceTopic) {
        return sourceTopic != null && deadLetteredTopics.contains(sourceTopic);
    }

    /**
     * Publishes the original record to the dead-letter topic of {@code sourceTopic} and waits for the broker's
     * acknowledgement.
     *
     * @throws DeadLetterException when the topic has no dead-letter topic or the write did not succeed
     */
    public void publish(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
            Headers originalHeaders, RejectedRecordHeaders.Stage stage, Throwable error) {
        if (!accepts(sourceTopic)) {
            throw new DeadLetterException("no dead-letter topic for '" + sourceTopic + "'", error);
        }
        String destination = Topic.rejectedTopicNameOf(sourceTopic);
        Headers headers = new RecordHeaders();
        if (originalHeaders != null) {
            for (Header header : originalHeaders) {
                if (!header.key().startsWith("taza.error.") && !header.key().startsWith("taza.source.")) {
                    headers.add(header);
                }
            }
        }
        headers.add(RejectedRecordHeaders.ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(RejectedRecordHeaders.ERROR_MESSAGE, utf8(describe(error)));
        headers.add(RejectedRecordHeaders.ERROR_STAGE, utf8(stage.name()));
        headers.add(RejectedRecordHeaders.SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(RejectedRecordHeaders.SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(RejectedRecordHeaders.SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(RejectedRecordHeaders.REJECTED_BY, utf8(rejectedBy));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(destination, null, key, value, headers);
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.warn("Rejected {}-{}@{} to {} at {}: {}", sourceTopic, partition, offset, destination, stage,
                    describe(error));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while dead-lettering " + sourceTopic + "-" + partition + "@"
                    + offset, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException("could not dead-letter " + sourceTopic + "-" + partition + "@" + offset
                    + " to " + destination, e);
        }
    }

    /** The message of an error and of its causes, so the header says why and not only what. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < 2000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A record could not be dead-lettered; the caller must not move past it. */
    public static class DeadLetterException extends RuntimeException {
        public DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

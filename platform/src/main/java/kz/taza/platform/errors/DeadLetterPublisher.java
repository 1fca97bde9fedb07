package kz.taza.platform.errors;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.taza.platform.topic.Topic;

/**
 * Writes rejected records to their topic's dead-letter topic as the original bytes, with the error in headers, where
 * there is no transaction to write them in: global stores, plain consumers (the command result follower, the schema
 * topic follower) and the Streams handlers. Inside a stream task the platform's {@link Inputs} write dead letters
 * through the task's own producer instead, in its exactly-once transaction.
 *
 * <p>The write is synchronous and must succeed before the caller moves past the record: a record is either processed,
 * or in the dead-letter topic, never neither. Dead letters are published as raw bytes, so a dead-letter write cannot
 * itself fail on serialization and loop. Only dead-lettered topics of the catalogues and the application's own
 * repartition topics have a destination; for any other topic {@link #publish} refuses, and the caller stops rather than
 * drop the record.
 *
 * <p>Idempotent in one process: a record (by its source topic, partition and offset) met again, as a global store
 * restore or a follower's restart within the process reads it again, is not written twice. Several instances that
 * read a topic whole (every instance reads a global store's topic) each write their own dead letter of a record, all
 * with the same identity in their headers ({@link RejectedRecordHeaders}), which the replay tool counts once.
 *
 * <p>In a service the producer is a plain idempotent one from the service's producer factory
 * ({@link kz.taza.platform.kafka.KafkaClients}).
 */
public class DeadLetterPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Identities remembered: far more than a topic's bad records between two restarts. */
    private static final int REMEMBERED = 10_000;

    private final Producer<byte[], byte[]> producer;
    private final Set<String> deadLetteredTopics;
    private final String rejectedBy;
    private final Set<String> published = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    /**
     * @param deadLetteredTopics names of the catalogue topics with a dead-letter topic
     * @param rejectedBy         the application id; its repartition topics ({@code <id>-...-repartition}) are accepted
     */
    public DeadLetterPublisher(Producer<byte[], byte[]> producer, Set<String> deadLetteredTopics, String rejectedBy) {
        this.producer = producer;
        this.deadLetteredTopics = Set.copyOf(deadLetteredTopics);
        this.rejectedBy = rejectedBy;
    }

    /** Whether records of this topic can be dead-lettered. */
    public boolean accepts(String sourceTopic) {
        return sourceTopic != null && (deadLetteredTopics.contains(sourceTopic)
                || Topic.isRepartitionTopicOf(rejectedBy, sourceTopic));
    }

    /** The application named in the dead letters' {@link RejectedRecordHeaders#REJECTED_BY}. */
    public String rejectedBy() {
        return rejectedBy;
    }

    /**
     * Publishes the original record to the dead-letter topic of {@code sourceTopic} and waits for the broker's
     * acknowledgement; does nothing when this publisher has already published the record (same topic, partition and
     * offset).
     *
     * @param reason a stable reason code for {@link RejectedRecordHeaders#ERROR_REASON}, or {@code null}
     * @return {@code false} when the record had been published before
     * @throws DeadLetterException when the topic has no dead-letter topic or the write did not succeed
     */
    public boolean publish(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
            Headers originalHeaders, RejectedRecordHeaders.Stage stage, String reason, Throwable error) {
        if (!accepts(sourceTopic)) {
            throw new DeadLetterException("no dead-letter topic for '" + sourceTopic + "'", error);
        }
        String identity = sourceTopic + "/" + partition + "/" + offset;
        if (published.contains(identity)) {
            return false;
        }
        String destination = Topic.rejectedTopicNameOf(sourceTopic);
        Headers headers = RejectedRecordHeaders.of(originalHeaders, error.getClass().getName(),
                RejectedRecordHeaders.describe(error), reason, stage, sourceTopic, partition, offset, rejectedBy);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(destination, null, key, value, headers);
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            published.add(identity);
            log.warn("Rejected {}-{}@{} to {} at {}: {}", sourceTopic, partition, offset, destination, stage,
                    RejectedRecordHeaders.describe(error));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while dead-lettering " + identity, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException("could not dead-letter " + identity + " to " + destination, e);
        }
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

package kz.taza.platform.errors;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import kz.taza.platform.topic.CommittedRecords;

/**
 * An operator's view of a dead-letter topic, and the way back: {@link #list} reads every dead letter with the reason
 * its headers give, {@link #replay} re-publishes chosen ones to the topic they came from once the cause is fixed (a
 * schema published, a reader upgraded, a bug corrected), as their original key, bytes and headers, plus
 * {@link RejectedRecordHeaders#REPLAYED_FROM}. Dead letters with the same identity (source topic, partition and offset:
 * several instances, or a retry, wrote one each) are one record: listed with a count, replayed once.
 *
 * <p>Replaying onto a compacted topic writes the record's key again, over whatever newer value that key may have
 * since: it is refused unless forced. The clients are plain Kafka clients configured from the properties given (the
 * same connection and security settings as any client of the cluster), opened and closed by each call.
 */
public final class RejectedRecords {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> client;

    /** @param client Kafka client properties: {@code bootstrap.servers}, and the security settings of the cluster */
    public RejectedRecords(Map<String, Object> client) {
        this.client = Map.copyOf(client);
    }

    /** One dead letter, as its headers describe it. */
    public record DeadLetter(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
            Headers headers, int copies) {

        /** {@code partition@offset} in the dead-letter topic: what {@link #replay} selects by. */
        public String position() {
            return partition + "@" + offset;
        }

        public String sourceTopic() {
            return header(RejectedRecordHeaders.SOURCE_TOPIC);
        }

        /** {@code topic-partition@offset} of the original record, or {@code ?} when the headers lack it. */
        public String source() {
            return sourceTopic() == null ? "?" : sourceTopic() + "-" + header(RejectedRecordHeaders.SOURCE_PARTITION)
                    + "@" + header(RejectedRecordHeaders.SOURCE_OFFSET);
        }

        /** The rule's code or decoding failure, else the exception's simple class name. */
        public String reason() {
            String reason = header(RejectedRecordHeaders.ERROR_REASON);
            if (reason != null) {
                return reason;
            }
            String errorClass = header(RejectedRecordHeaders.ERROR_CLASS);
            return errorClass == null ? "?" : errorClass.substring(errorClass.lastIndexOf('.') + 1);
        }

        public String stage() {
            return header(RejectedRecordHeaders.ERROR_STAGE);
        }

        public String message() {
            return header(RejectedRecordHeaders.ERROR_MESSAGE);
        }

        public String rejectedBy() {
            return header(RejectedRecordHeaders.REJECTED_BY);
        }

        public String keyText() {
            return key == null ? null : new String(key, StandardCharsets.UTF_8);
        }

        /** Source topic, partition and offset: the same record whoever dead-lettered it, however often. */
        String identity() {
            return sourceTopic() == null ? topic + "/" + position() : source();
        }

        private String header(String name) {
            return RejectedRecordHeaders.text(headers, name);
        }
    }

    /** What {@link #replay} did with one dead letter. */
    public record Replayed(DeadLetter deadLetter, String destination, long offset) {
    }

    /** Every dead letter of the topic, oldest first, one per identity (with how many copies of it there are). */
    public List<DeadLetter> list(String rejectedTopic) {
        Map<String, DeadLetter> byIdentity = new LinkedHashMap<>();
        for (DeadLetter letter : readAll(rejectedTopic)) {
            byIdentity.merge(letter.identity(), letter, (first, again) -> new DeadLetter(first.topic(),
                    first.partition(), first.offset(), first.timestamp(), first.key(), first.value(),
                    first.headers(), first.copies() + 1));
        }
        return List.copyOf(byIdentity.values());
    }

    /**
     * Re-publishes the dead letters {@code chosen} selects to their source topics, once per identity, and waits for
     * every acknowledgement.
     *
     * @param force also onto compacted topics
     * @throws IllegalArgumentException when nothing is chosen, a dead letter does not name its source, or a source is
     *                                  compacted and {@code force} is not set (nothing is then published)
     */
    public List<Replayed> replay(String rejectedTopic, Predicate<DeadLetter> chosen, boolean force) {
        List<DeadLetter> selected = list(rejectedTopic).stream().filter(chosen).toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no dead letter of " + rejectedTopic + " is selected");
        }
        for (DeadLetter letter : selected) {
            if (letter.sourceTopic() == null) {
                throw new IllegalArgumentException("dead letter " + letter.position() + " does not name its source"
                        + " topic (header " + RejectedRecordHeaders.SOURCE_TOPIC + ")");
            }
        }
        Set<String> compacted = compacted(selected.stream().map(DeadLetter::sourceTopic).distinct().toList());
        if (!compacted.isEmpty() && !force) {
            throw new IllegalArgumentException("refusing to replay onto the compacted topic(s) " + compacted
                    + ": a replayed record writes its key again, over any newer value it has there. Check each key's"
                    + " current value first, then replay with --force");
        }
        List<Replayed> done = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (DeadLetter letter : selected) {
                Headers headers = new RecordHeaders();
                for (Header header : letter.headers()) {
                    if (!header.key().startsWith("taza.error.") && !header.key().startsWith("taza.source.")
                            && !header.key().equals(RejectedRecordHeaders.REJECTED_BY)
                            && !header.key().equals(RejectedRecordHeaders.REPLAYED_FROM)) {
                        headers.add(header);
                    }
                }
                headers.add(RejectedRecordHeaders.REPLAYED_FROM, (rejectedTopic + "/" + letter.partition() + "/"
                        + letter.offset()).getBytes(StandardCharsets.UTF_8));
                RecordMetadata sent = producer.send(new ProducerRecord<>(letter.sourceTopic(), null, letter.key(),
                        letter.value(), headers)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                done.add(new Replayed(letter, sent.topic() + "-" + sent.partition(), sent.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not replay to the source topic (" + done.size() + " of "
                    + selected.size() + " replayed before): " + e.getMessage(), e);
        }
        return done;
    }

    private List<DeadLetter> readAll(String topic) {
        List<DeadLetter> letters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readAll(client, topic, TIMEOUT)) {
            letters.add(new DeadLetter(record.topic(), record.partition(), record.offset(),
                    Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(), record.headers(), 1));
        }
        letters.sort(Comparator.comparing(DeadLetter::timestamp));
        return letters;
    }

    private Set<String> compacted(Collection<String> topics) {
        Map<String, Object> config = new HashMap<>(client);
        try (Admin admin = Admin.create(config)) {
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> compacted = new TreeSet<>();
            configs.forEach((resource, topicConfig) -> {
                var policy = topicConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG);
                if (policy != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                    compacted.add(resource.name());
                }
            });
            return compacted;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe the source topics " + topics + ": " + e.getMessage(),
                    e);
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }
}

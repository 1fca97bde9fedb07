package kz.taza.stack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import kz.taza.contracts.Contracts;
import kz.taza.platform.topic.CommittedRecords;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * Whether the domains' public event topics hold each event once, as a {@code read_committed} subscriber sees them
 * after a run: no event id ({@code metadata.eventId}) twice on a topic, and no exceedance episode, inspection, fine or
 * compliance notice started twice (the same {@link #ENTITY_IDS id} in two events of its kind, which a redone,
 * non-idempotent step would write with a new event id). Records that do not decode are counted: the chaos drill's own
 * poison (by its key prefix) is expected there, anything else is a finding.
 */
final class EventAudit {

    /** The events that start something, and the field that names what they start. */
    static final Map<String, String> ENTITY_IDS = Map.of(
            "ThresholdExceeded", "episodeId",
            "InspectionScheduled", "inspectionId",
            "FineImposed", "fineId",
            "ComplianceNoticeIssued", "noticeId");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What the audit read and found. */
    record Result(int topics, long events, Map<String, Long> started, long poisonSeen, List<String> findings) {

        boolean clean() {
            return findings.isEmpty();
        }
    }

    private EventAudit() {
    }

    /**
     * The public, non-compacted topics of the four domains that the services write: the events other agencies
     * subscribe to. Not the topics clients outside Taza write ({@link Topic#isExternalInput()}: the AMS readings,
     * which a gateway may send again after a lost answer; the pipeline counts each interval once however often).
     */
    static List<Topic<?, ?>> eventTopics() {
        Map<String, Topic<?, ?>> byName = new LinkedHashMap<>();
        for (TopicCatalogue catalogue : Contracts.domainCatalogues()) {
            catalogue.topics().stream()
                    .filter(t -> t.isPublic() && t.cleanupPolicy() == Topic.CleanupPolicy.DELETE)
                    .filter(t -> !t.isExternalInput())
                    .forEach(t -> byName.putIfAbsent(t.name(), t));
        }
        return List.copyOf(byName.values());
    }

    /**
     * @param client       a principal that reads the event topics
     * @param poisonPrefix the key prefix of the drill's poison records
     */
    static Result audit(Map<String, Object> client, String poisonPrefix) {
        List<String> findings = new ArrayList<>();
        Map<String, Long> started = new TreeMap<>();
        long events = 0;
        long poison = 0;
        List<Topic<?, ?>> topics = eventTopics();
        for (Topic<?, ?> topic : topics) {
            Deserializer<?> values = topic.valueSerde().deserializer();
            Map<String, String> eventIds = new HashMap<>();
            Map<String, String> entities = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : CommittedRecords.readAll(client, topic.name(), TIMEOUT)) {
                String where = topic.name() + "-" + record.partition() + "@" + record.offset();
                String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                Object value;
                try {
                    value = record.value() == null ? null
                            : values.deserialize(topic.name(), record.headers(), record.value());
                } catch (RuntimeException e) {
                    if (key.startsWith(poisonPrefix)) {
                        poison++;
                    } else {
                        findings.add(where + " does not decode: " + e.getMessage());
                    }
                    continue;
                }
                if (!(value instanceof IndexedRecord event)) {
                    continue;
                }
                events++;
                Schema schema = event.getSchema();
                String eventId = eventId(event);
                if (eventId != null) {
                    String first = eventIds.putIfAbsent(eventId, where);
                    if (first != null) {
                        findings.add("event " + eventId + " twice: " + first + " and " + where);
                    }
                }
                String idField = ENTITY_IDS.get(schema.getName());
                if (idField != null) {
                    Schema.Field field = schema.getField(idField);
                    if (field == null) {
                        findings.add(schema.getName() + " has no field " + idField + " (" + where + ")");
                        continue;
                    }
                    String id = schema.getName() + " " + event.get(field.pos());
                    started.merge(schema.getName(), 1L, Long::sum);
                    String first = entities.putIfAbsent(id, where);
                    if (first != null) {
                        findings.add(id + " twice: " + first + " and " + where);
                    }
                }
            }
        }
        return new Result(topics.size(), events, started, poison, findings);
    }

    private static String eventId(IndexedRecord event) {
        Schema.Field metadata = event.getSchema().getField("metadata");
        if (metadata == null || !(event.get(metadata.pos()) instanceof IndexedRecord meta)) {
            return null;
        }
        Schema.Field id = meta.getSchema().getField("eventId");
        return id == null ? null : String.valueOf(meta.get(id.pos()));
    }
}

package kz.taza.platform.command;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.platform.topic.Topic;

/**
 * One record that an accepted command (or a timer) writes, in the same exactly-once transaction as the state change
 * and the command's result: a domain event, or the new compacted state of an entity.
 *
 * @param topic where it goes (must be one of the command topology's declared outputs)
 * @param key   its key on that topic
 * @param value the record; {@code null} writes a tombstone on a compacted topic
 */
public record Output(Topic<String, ?> topic, String key, SpecificRecord value) {

    public Output {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
    }

    public static Output of(Topic<String, ?> topic, String key, SpecificRecord value) {
        return new Output(topic, key, value);
    }
}

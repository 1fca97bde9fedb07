package kz.taza.platform.errors;

/**
 * A record as it came off its topic, decoded: the value and the bytes it was decoded from, for a processor that may
 * still reject it (a command without an id, a reading that breaks a rule) and must then quarantine the original bytes.
 *
 * @param raw   the value's bytes on the topic; {@code null} for a tombstone
 * @param value the decoded value; {@code null} for a tombstone
 * @param <V>   the value type
 */
public record Received<V>(byte[] raw, V value) {
}

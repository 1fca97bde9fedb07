package kz.taza.platform.errors;

/** A record just read by {@link Inputs}: decoded, or to be quarantined. */
sealed interface Inbound<V> permits Inbound.Good, Inbound.Bad {

    /** The bytes as they were on the topic. */
    byte[] raw();

    /** Decoded; {@code value} is {@code null} for a tombstone. */
    record Good<V>(byte[] raw, V value) implements Inbound<V> {
    }

    /** Did not decode; the record's headers are its dead letter's. */
    record Bad<V>(byte[] raw) implements Inbound<V> {
    }
}

package kz.taza.platform.errors;

/**
 * What makes a decoded record unfit as reference data in a global store, beyond not decoding: a key that is not the
 * value's own id, a field every reader relies on missing. A record that fails is quarantined like one that does not
 * decode, and the key keeps its previous value.
 *
 * @param <V> the value type
 */
@FunctionalInterface
public interface ReferenceCheck<V> {

    /** Why this value cannot be kept under this key; {@code null} when it can. Never called for tombstones. */
    String problem(String key, V value);

    /** Keeps every value that decodes. */
    static <V> ReferenceCheck<V> none() {
        return (key, value) -> null;
    }
}

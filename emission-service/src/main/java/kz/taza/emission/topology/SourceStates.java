package kz.taza.emission.topology;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The source records of one task ({@link EmissionStores#SOURCES}), decoded once: the task reads them from its store
 * when it starts (after the store is restored) and from then on keeps each one decoded beside the store, writing the
 * store whenever a record changes. The store is the only writer's (this task's) truth: whatever it holds after a
 * restore is what the task starts from, and nothing here outlives the task's (re)initialisation. Reads cost no
 * decoding, and the gap check and the KPI flush walk the records without a scan of the store.
 *
 * <p>Memory: one decoded record per AMS source of the task's partitions (a few hundred bytes to a few kilobytes), so
 * a national fleet of some thousands of sources is some megabytes across all instances.
 */
final class SourceStates {

    private final Map<String, SourceState> states = new HashMap<>();
    /** Sources whose record holds KPI contributions not yet handed on. */
    private final Set<String> pending = new LinkedHashSet<>();
    private KeyValueStore<String, SourceState> store;

    /** Loads every record of the task's store. */
    void init(KeyValueStore<String, SourceState> sourceStore) {
        this.store = sourceStore;
        states.clear();
        pending.clear();
        try (KeyValueIterator<String, SourceState> all = sourceStore.all()) {
            while (all.hasNext()) {
                KeyValue<String, SourceState> entry = all.next();
                states.put(entry.key, entry.value);
                if (!entry.value.pending.isEmpty()) {
                    pending.add(entry.key);
                }
            }
        }
    }

    /** The source's record; a new, empty one (not yet stored) for a source never taken in. */
    SourceState get(String sourceKey) {
        SourceState state = states.get(sourceKey);
        if (state == null) {
            state = new SourceState();
            states.put(sourceKey, state);
        }
        return state;
    }

    /** Writes the source's record, as it now is, to the store. */
    void save(String sourceKey, SourceState state) {
        store.put(sourceKey, state);
        if (!state.pending.isEmpty()) {
            pending.add(sourceKey);
        }
    }

    /** Every record of the task, by source key (read-only; change a record through {@link #save}). */
    Map<String, SourceState> all() {
        return Collections.unmodifiableMap(states);
    }

    /** Keys of the sources with KPI contributions not yet handed on; the caller empties it as it hands them on. */
    Set<String> withPendingKpis() {
        return pending;
    }
}

package kz.taza.emission.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.Permit;
import kz.taza.platform.errors.GlobalStoreChanges;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.errors.ReferenceCheck;

/**
 * The facility registry and the permits as the reading path reads them: decoded once, and kept decoded until their
 * global store changes. Every VALID reading needs its facility (validation, KPI scopes) and its facility's permit
 * (limits); decoding both from a global store's bytes on every reading cost more than the rest of validation.
 *
 * <p>Both are global stores on every instance (small reference data, read without repartitioning the readings), filled
 * through the platform's quarantine ({@link Inputs#globalTable}): a record that does not decode, or is not the record
 * of the facility its key names, is quarantined and the facility keeps what it had. The store's processor sees every
 * change, also while the store is restored at start-up, and tells each key it wrote or deleted
 * ({@link GlobalStoreChanges}): the decoded value of that key is dropped, and the next read decodes the new one. The
 * decoded values are shared by the instance's stream threads ({@link Decoded}); a reader decodes a missing value
 * inside {@link ConcurrentHashMap#computeIfAbsent}, which the removal of the same key after the write waits for, so a
 * value decoded from the store before an update can never outlive that update.
 *
 * <p>A task that keeps something derived from the permits (the fees' KEP redirection, {@link ReportProcessor}) or from
 * the registry (the AMS counts, {@link AmsRegistry}) follows them through a {@link Changes} feed: the facilities whose
 * permit, or whose registration, changed since it last asked. A feed only sees the changes made after it was opened,
 * so a task rechecks or recounts everything once when it starts.
 *
 * <p>The stores keep the shape a GlobalKTable gives them (timestamped key-value, String keys, the topic's own Avro
 * value serde), so the read API and the KPI processors read them as before.
 */
final class ReferenceData {

    private final Decoded<Facility> facilities = new Decoded<>();
    private final Decoded<Permit> permits = new Decoded<>();
    private final List<Changes> permitFeeds = new CopyOnWriteArrayList<>();
    private final List<Changes> facilityFeeds = new CopyOnWriteArrayList<>();

    /** A facility record is the registration of the facility its key names. */
    static final ReferenceCheck<Facility> OWN_FACILITY = (facilityId, facility) ->
            facilityId.equals(facility.getFacilityId()) ? null
                    : "facility record under key " + facilityId + " is facility " + facility.getFacilityId();
    /** A permit record is the permit of the facility its key names. */
    static final ReferenceCheck<Permit> OWN_PERMIT = (facilityId, permit) ->
            facilityId.equals(permit.getFacilityId()) ? null
                    : "permit record under key " + facilityId + " is a permit of " + permit.getFacilityId();

    /** Adds the two global stores, each dropping the decoded value of every key it changes. */
    void addGlobalStores(StreamsBuilder builder) {
        Inputs.globalTable(builder, PermitTopics.FACILITIES, EmissionStores.FACILITIES, OWN_FACILITY)
                .onChange(this::facilityChanged);
        Inputs.globalTable(builder, PermitTopics.PERMITS, EmissionStores.PERMITS, OWN_PERMIT)
                .onChange(this::permitChanged);
    }

    /** The permit of {@code facilityId} was written or deleted: its decoded value goes, then every feed hears of it. */
    void permitChanged(String facilityId) {
        permits.changed(facilityId);
        for (Changes feed : permitFeeds) {
            feed.facilities.add(facilityId);
        }
    }

    /**
     * The registration of {@code facilityId} was written or deleted: its decoded value goes, then every feed hears of
     * it.
     */
    void facilityChanged(String facilityId) {
        facilities.changed(facilityId);
        for (Changes feed : facilityFeeds) {
            feed.facilities.add(facilityId);
        }
    }

    /** A feed of the facilities whose permit changes from now on; a task opens one in init and closes it in close. */
    Changes permitChanges() {
        return open(permitFeeds);
    }

    /**
     * A feed of the facilities whose registration changes from now on (registered, updated or deleted); a task opens
     * one in init and closes it in close.
     */
    Changes facilityChanges() {
        return open(facilityFeeds);
    }

    private Changes open(List<Changes> feeds) {
        Changes feed = new Changes(feeds);
        feeds.add(feed);
        return feed;
    }

    /**
     * The facilities whose permit (or registration, by the feed) has changed since the last {@link #drain}. Written by
     * the global stream thread, drained by a task's stream thread: a change that arrives during a drain is either in
     * this drain or in the next.
     */
    static final class Changes implements AutoCloseable {
        private final Set<String> facilities = ConcurrentHashMap.newKeySet();
        private final List<Changes> feeds;

        private Changes(List<Changes> feeds) {
            this.feeds = feeds;
        }

        /** The facilities changed since the last drain (each once), no longer held here. */
        List<String> drain() {
            List<String> changed = new ArrayList<>();
            for (String facilityId : facilities) {
                if (facilities.remove(facilityId)) {
                    changed.add(facilityId);
                }
            }
            return changed;
        }

        /** Stops the feed (the task is closed or moved). */
        @Override
        public void close() {
            feeds.remove(this);
            facilities.clear();
        }
    }

    /** A task's view: reads through the decoded values into the task's handles on the global stores. */
    Reader reader(ProcessorContext<?, ?> context) {
        return new Reader(context.getStateStore(EmissionStores.FACILITIES),
                context.getStateStore(EmissionStores.PERMITS));
    }

    /** Reads of one task. */
    final class Reader {
        private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> facilityStore;
        private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Permit>> permitStore;

        Reader(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> facilityStore,
                ReadOnlyKeyValueStore<String, ValueAndTimestamp<Permit>> permitStore) {
            this.facilityStore = facilityStore;
            this.permitStore = permitStore;
        }

        /** The registered facility, or null. */
        Facility facility(String facilityId) {
            return facilities.get(facilityId, facilityStore);
        }

        /** The facility's current permit, or null. */
        Permit permit(String facilityId) {
            return permits.get(facilityId, permitStore);
        }
    }

    /**
     * The decoded values of one global store, by key; a key absent here is decoded on its next read. Only keys that
     * were read are held (the facilities that send readings and their permits), and each update drops its key.
     */
    static final class Decoded<V> {
        private final ConcurrentHashMap<String, Optional<V>> values = new ConcurrentHashMap<>();

        V get(String key, ReadOnlyKeyValueStore<String, ValueAndTimestamp<V>> store) {
            return values.computeIfAbsent(key, k -> Optional.ofNullable(ValueAndTimestamp.getValueOrNull(store.get(k))))
                    .orElse(null);
        }

        /** The store's value of the key has changed (called after the write). */
        void changed(String key) {
            values.remove(key);
        }
    }
}

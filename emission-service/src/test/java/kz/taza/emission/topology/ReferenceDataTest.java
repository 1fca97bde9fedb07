package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.Facility;

/** Reference data is decoded once and read decoded until its global store changes. */
class ReferenceDataTest {

    private static final String F1 = "KZ-55-0001";

    @Test
    void aValueIsReadFromTheStoreOnceAndAgainOnlyAfterItsKeyChanged() {
        ReferenceData.Decoded<Facility> decoded = new ReferenceData.Decoded<>(EmissionStores.FACILITIES);
        CountingStore store = new CountingStore();
        store.value = facility(F1);

        assertThat(decoded.get(F1, store).getFacilityName()).isEqualTo("Power plant " + F1);
        assertThat(decoded.get(F1, store).getFacilityName()).isEqualTo("Power plant " + F1);
        assertThat(store.reads.get()).isEqualTo(1);

        store.value = facility(F1, "35", kz.taza.events.permit.FacilityCategory.II, "metallurgy", false);
        decoded.changed(F1);
        assertThat(decoded.get(F1, store).getRegionCode()).isEqualTo("35");
        assertThat(store.reads.get()).isEqualTo(2);
    }

    @Test
    void anAbsentKeyIsRememberedAsAbsentUntilItChanges() {
        ReferenceData.Decoded<Facility> decoded = new ReferenceData.Decoded<>(EmissionStores.FACILITIES);
        CountingStore store = new CountingStore();

        assertThat(decoded.get(F1, store)).isNull();
        assertThat(decoded.get(F1, store)).isNull();
        assertThat(store.reads.get()).isEqualTo(1);

        store.value = facility(F1);
        decoded.changed(F1);
        assertThat(decoded.get(F1, store)).isNotNull();
    }

    @Test
    void theUpdaterWritesTheGlobalStoreAsAGlobalKTableWouldAndDropsTheDecodedValue() {
        ReferenceData.Decoded<Facility> decoded = new ReferenceData.Decoded<>(EmissionStores.FACILITIES);
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        TimestampedKeyValueStore<String, Facility> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(EmissionStores.FACILITIES), Serdes.String(),
                PermitTopics.FACILITIES.valueSerde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        ReferenceData.Updater<Facility> updater = new ReferenceData.Updater<>(decoded);
        updater.init(context);

        updater.process(new Record<>(F1, facility(F1), 1_000L));
        assertThat(decoded.get(F1, store).getRegionCode()).isEqualTo("55");
        assertThat(store.get(F1).timestamp()).isEqualTo(1_000L);

        updater.process(new Record<>(F1, facility(F1, "35", kz.taza.events.permit.FacilityCategory.II, "x", false),
                2_000L));
        assertThat(decoded.get(F1, store).getRegionCode()).isEqualTo("35");

        updater.process(new Record<String, Facility>(F1, null, 3_000L));
        assertThat(decoded.get(F1, store)).isNull();
        assertThat(store.get(F1)).isNull();
    }

    /** A store of one value that counts how often it is read. */
    private static final class CountingStore implements ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> {
        final AtomicInteger reads = new AtomicInteger();
        Facility value;

        @Override
        public ValueAndTimestamp<Facility> get(String key) {
            reads.incrementAndGet();
            return value == null ? null : ValueAndTimestamp.make(value, 0L);
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<Facility>> range(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<Facility>> all() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long approximateNumEntries() {
            return value == null ? 0 : 1;
        }
    }
}

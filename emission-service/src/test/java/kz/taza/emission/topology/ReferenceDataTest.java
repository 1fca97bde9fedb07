package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.Facility;
import kz.taza.platform.test.TopologyTestSupport;

/**
 * Reference data is decoded once and read decoded until its global store changes; the stores quarantine what is not
 * the record of the facility its key names.
 */
class ReferenceDataTest {

    private static final String F1 = "KZ-55-0001";
    private static final String F2 = "KZ-55-0002";

    @Test
    void aValueIsReadFromTheStoreOnceAndAgainOnlyAfterItsKeyChanged() {
        ReferenceData.Decoded<Facility> decoded = new ReferenceData.Decoded<>();
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
        ReferenceData.Decoded<Facility> decoded = new ReferenceData.Decoded<>();
        CountingStore store = new CountingStore();

        assertThat(decoded.get(F1, store)).isNull();
        assertThat(decoded.get(F1, store)).isNull();
        assertThat(store.reads.get()).isEqualTo(1);

        store.value = facility(F1);
        decoded.changed(F1);
        assertThat(decoded.get(F1, store)).isNotNull();
    }

    @Test
    void aPermitFeedHearsOfEachFacilityWhosePermitChangedOncePerDrainFromItsOpeningUntilItIsClosed() {
        ReferenceData reference = new ReferenceData();
        reference.permitChanged("KZ-55-0009"); // before any feed is open: no feed hears of it
        ReferenceData.Changes first = reference.permitChanges();
        ReferenceData.Changes second = reference.permitChanges();

        reference.permitChanged(F1);
        reference.permitChanged(F2);
        reference.permitChanged(F1);

        assertThat(first.drain()).containsExactlyInAnyOrder(F1, F2);
        assertThat(first.drain()).isEmpty();
        first.close();
        reference.permitChanged(F2);

        assertThat(first.drain()).isEmpty();
        assertThat(second.drain()).containsExactlyInAnyOrder(F1, F2);
    }

    @Test
    void aFacilityFeedHearsOfRegistrationChangesOnlyAndARegistrationChangeDropsTheDecodedFacility() {
        ReferenceData reference = new ReferenceData();
        ReferenceData.Changes registrations = reference.facilityChanges();
        ReferenceData.Changes permitsChanged = reference.permitChanges();

        reference.facilityChanged(F1);
        reference.permitChanged(F2);

        assertThat(registrations.drain()).containsExactly(F1);
        assertThat(permitsChanged.drain()).containsExactly(F2);
        registrations.close();
        reference.facilityChanged(F2);
        assertThat(registrations.drain()).isEmpty();
    }

    @Test
    void theGlobalStoreIsWrittenAsAGlobalKTableWouldAndEachChangeDropsTheDecodedValue() {
        ReferenceData reference = new ReferenceData();
        try (TopologyTestDriver driver = TopologyTestSupport.driver(Instant.parse("2025-11-03T00:00:00Z"),
                TopologyTestSupport.deadLetters(), reference::addGlobalStores)) {
            TestInputTopic<String, byte[]> facilities = driver.createInputTopic(PermitTopics.FACILITIES.name(),
                    new StringSerializer(), new ByteArraySerializer());
            KeyValueStore<String, ValueAndTimestamp<Facility>> store = driver.getTimestampedKeyValueStore(
                    EmissionStores.FACILITIES);
            ReferenceData.Reader reader = reference.new Reader(store,
                    driver.getTimestampedKeyValueStore(EmissionStores.PERMITS));

            facilities.pipeInput(F1, bytes(facility(F1)), 1_000L);
            assertThat(reader.facility(F1).getRegionCode()).isEqualTo("55");
            assertThat(store.get(F1).timestamp()).isEqualTo(1_000L);

            facilities.pipeInput(F1, bytes(facility(F1, "35", kz.taza.events.permit.FacilityCategory.II, "x", false)),
                    2_000L);
            assertThat(reader.facility(F1).getRegionCode()).isEqualTo("35");

            facilities.pipeInput(F1, bytes(facility(F2)), 2_500L);
            assertThat(reader.facility(F1).getRegionCode()).as("another facility's record is quarantined")
                    .isEqualTo("35");

            facilities.pipeInput(F1, (byte[]) null, 3_000L);
            assertThat(reader.facility(F1)).isNull();
            assertThat(store.get(F1)).isNull();
        }
    }

    private static byte[] bytes(Facility facility) {
        return PermitTopics.FACILITIES.valueSerde().serializer().serialize(PermitTopics.FACILITIES.name(), facility);
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

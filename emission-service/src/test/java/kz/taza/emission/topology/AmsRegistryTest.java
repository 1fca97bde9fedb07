package kz.taza.emission.topology;

import static kz.taza.emission.EmissionFixtures.facility;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;

/**
 * The registry's AMS counts, kept up to date one changed facility at a time, always equal a whole count of the
 * registry as it stands; updating them reads only the facilities changed.
 */
class AmsRegistryTest {

    private static final String[] REGIONS = {"55", "35", "62", "99"}; // 99 names no region
    private static final String[] OPERATORS = {"120340000111", "120340000222", "120340000333"};

    @Test
    void followingTheChangesGivesWhatAWholeCountGivesAndReadsOnlyTheChangedFacilities() {
        Random random = new Random(18);
        MapStore store = new MapStore();
        for (int i = 0; i < 12; i++) {
            String id = "KZ-00-" + i;
            store.put(id, randomFacility(id, random), i);
        }
        AmsRegistry followed = AmsRegistry.countAll(store);
        assertThat(store.scans.get()).isEqualTo(1);

        for (int step = 0; step < 400; step++) {
            String id = "KZ-00-" + random.nextInt(15); // also facilities not registered before
            if (random.nextInt(6) == 0) {
                store.delete(id);
            } else {
                store.put(id, randomFacility(id, random), 100 + step);
            }
            int readsBefore = store.reads.get();
            followed.apply(id, store);
            if (random.nextBoolean()) {
                followed.apply(id, store); // a change heard twice (the feed, and a whole count that saw it)
            }
            assertThat(store.reads.get() - readsBefore).isBetween(1, 2);
            assertThat(store.scans.get()).as("no whole scan after the first count").isEqualTo(1);
            assertSameCounts(followed, AmsRegistry.countAll(store.copy()));
        }
    }

    @Test
    void anEnterpriseIsInstalledOnlyWhenEveryObligedSourceHasAmsAndIsCountedInEachRegionOfItsSources() {
        MapStore store = new MapStore();
        store.put("KZ-55-0001", withSources("KZ-55-0001", "55", OPERATORS[0], source(true, true)), 1);
        store.put("KZ-35-0002", withSources("KZ-35-0002", "35", OPERATORS[0], source(true, false),
                source(false, false)), 2);
        store.put("KZ-55-0003", withSources("KZ-55-0003", "55", OPERATORS[1], source(false, false)), 3);
        AmsRegistry registry = AmsRegistry.countAll(store);

        assertThat(registry.enterprisesObliged()).containsOnly(Map.entry("NATIONAL", 1L),
                Map.entry("REGION:55", 1L), Map.entry("REGION:35", 1L));
        assertThat(registry.enterprisesInstalled()).containsOnly(Map.entry("REGION:55", 1L));
        assertThat(registry.installed()).containsOnly(Map.entry("NATIONAL", 1L), Map.entry("REGION:55", 1L));
        assertThat(registry.notInstalled()).containsOnly(Map.entry("NATIONAL", 1L), Map.entry("REGION:35", 1L));
        assertThat(registry.asOf()).isEqualTo(3L);
    }

    private static void assertSameCounts(AmsRegistry followed, AmsRegistry whole) {
        assertThat(followed.installed()).isEqualTo(whole.installed());
        assertThat(followed.notInstalled()).isEqualTo(whole.notInstalled());
        assertThat(followed.notInstalledFacilities()).isEqualTo(whole.notInstalledFacilities());
        assertThat(followed.enterprisesObliged()).isEqualTo(whole.enterprisesObliged());
        assertThat(followed.enterprisesInstalled()).isEqualTo(whole.enterprisesInstalled());
        assertThat(followed.facilities()).isEqualTo(whole.facilities());
    }

    private static Facility randomFacility(String id, Random random) {
        List<EmissionSource> sources = new ArrayList<>();
        for (int s = random.nextInt(4); s > 0; s--) {
            boolean required = random.nextBoolean();
            sources.add(source(required, required && random.nextBoolean()));
        }
        return withSources(id, REGIONS[random.nextInt(REGIONS.length)], OPERATORS[random.nextInt(OPERATORS.length)],
                sources.toArray(EmissionSource[]::new));
    }

    private static Facility withSources(String id, String region, String operator, EmissionSource... sources) {
        Facility facility = facility(id, region, FacilityCategory.I, "energy", false);
        facility.setOperatorBin(operator);
        List<EmissionSource> named = new ArrayList<>();
        for (int i = 0; i < sources.length; i++) {
            named.add(EmissionSource.newBuilder(sources[i]).setSourceId("STACK-" + (i + 1)).build());
        }
        facility.setSources(named);
        return facility;
    }

    private static EmissionSource source(boolean required, boolean installed) {
        return EmissionSource.newBuilder().setSourceId("STACK").setName("Stack").setAmsRequired(required)
                .setAmsInstalled(installed).build();
    }

    /** A facility store in a map, counting single reads and whole scans. */
    private static final class MapStore implements ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> {
        private final TreeMap<String, ValueAndTimestamp<Facility>> values = new TreeMap<>();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger scans = new AtomicInteger();

        void put(String key, Facility facility, long timestamp) {
            values.put(key, ValueAndTimestamp.make(facility, timestamp));
        }

        void delete(String key) {
            values.remove(key);
        }

        MapStore copy() {
            MapStore copy = new MapStore();
            copy.values.putAll(values);
            return copy;
        }

        @Override
        public ValueAndTimestamp<Facility> get(String key) {
            reads.incrementAndGet();
            return values.get(key);
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<Facility>> range(String from, String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, ValueAndTimestamp<Facility>> all() {
            scans.incrementAndGet();
            Iterator<Map.Entry<String, ValueAndTimestamp<Facility>>> it = new ArrayList<>(values.entrySet())
                    .iterator();
            return new KeyValueIterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public KeyValue<String, ValueAndTimestamp<Facility>> next() {
                    Map.Entry<String, ValueAndTimestamp<Facility>> e = it.next();
                    return KeyValue.pair(e.getKey(), e.getValue());
                }

                @Override
                public void close() {
                }

                @Override
                public String peekNextKey() {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public long approximateNumEntries() {
            return values.size();
        }
    }
}

package kz.taza.emission.topology;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * What the facility registry says of AMS, per scope (NATIONAL and each REGION), kept up to date one facility at a time:
 * a task counts the whole registry once ({@link #countAll}) and then applies only the facilities its
 * {@link ReferenceData.Changes} feed names ({@link #apply}), instead of scanning the registry at every recount.
 * Applying a facility takes back what it counted before and counts what the store holds now, so applying one twice,
 * or applying a change the full count already saw, changes nothing.
 *
 * <p>Per source: an AMS-required source with AMS installed (the availability denominator), or without
 * ({@code ams.sources.obliged_not_installed}). Per enterprise (an operator, by its BIN), for the rollout the ministry
 * reports (domain facts, section 2: 91 obliged, 62 installed, 34 connected):
 * <ul>
 * <li><b>obliged</b>: at least one AMS-required source;</li>
 * <li><b>installed</b>: obliged, and <em>every</em> AMS-required source has AMS installed. <b>Assumption</b> (the
 * published figures do not say): an enterprise with a monitor at one stack and none at another has not installed
 * what it is obliged to, so it is not counted as installed.</li>
 * </ul>
 * In a REGION the same is asked of the enterprise's sources at its facilities in that region: an enterprise with
 * facilities in two regions is counted in each (so the regions need not add up to NATIONAL).
 *
 * <p>Held in memory only: it is derived from the global facility store, which is not part of the task's transaction,
 * and it is counted again whenever the task starts.
 */
final class AmsRegistry {

    /**
     * What one facility contributes: its operator, its REGION scope (or null), and its obliged sources with and
     * without AMS.
     */
    private record Counted(String operatorBin, String region, long installed, long notInstalled) {

        static Counted of(Facility facility) {
            long with = 0;
            long without = 0;
            for (EmissionSource source : facility.getSources()) {
                if (source.getAmsRequired()) {
                    if (source.getAmsInstalled()) {
                        with++;
                    } else {
                        without++;
                    }
                }
            }
            String region = Regions.byCode(facility.getRegionCode()).map(KpiScopes::region).orElse(null);
            return new Counted(facility.getOperatorBin(), region, with, without);
        }
    }

    private final Map<String, Counted> byFacility = new HashMap<>();
    /** Per operator, per scope: {obliged sources, of them without AMS}. */
    private final Map<String, Map<String, long[]>> byOperator = new HashMap<>();
    private final Map<String, Long> installed = new HashMap<>();
    private final Map<String, Long> notInstalled = new HashMap<>();
    private final Map<String, Long> notInstalledFacilities = new HashMap<>();
    private final Map<String, Long> enterprisesObliged = new HashMap<>();
    private final Map<String, Long> enterprisesInstalled = new HashMap<>();
    private long asOf = Long.MIN_VALUE;

    /** Counts every facility of the store (a task's first count). */
    static AmsRegistry countAll(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> facilities) {
        AmsRegistry registry = new AmsRegistry();
        try (KeyValueIterator<String, ValueAndTimestamp<Facility>> all = facilities.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                registry.put(entry.key, entry.value);
            }
        }
        return registry;
    }

    /** Counts the facility again as the store holds it now (registered, updated, or gone). */
    void apply(String facilityId, ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> facilities) {
        put(facilityId, facilities.get(facilityId));
    }

    private void put(String facilityId, ValueAndTimestamp<Facility> stored) {
        Counted before = byFacility.remove(facilityId);
        if (before != null) {
            add(before, -1);
        }
        Facility facility = stored == null ? null : stored.value();
        if (facility == null) {
            return;
        }
        asOf = Math.max(asOf, stored.timestamp());
        Counted now = Counted.of(facility);
        byFacility.put(facilityId, now);
        add(now, 1);
    }

    private void add(Counted c, int sign) {
        addIn(KpiScopes.NATIONAL, c, sign);
        if (c.region() != null) {
            addIn(c.region(), c, sign);
        }
    }

    private void addIn(String scope, Counted c, int sign) {
        addTo(installed, scope, sign * c.installed());
        addTo(notInstalled, scope, sign * c.notInstalled());
        addTo(notInstalledFacilities, scope, c.notInstalled() > 0 ? sign : 0);
        long obliged = c.installed() + c.notInstalled();
        if (obliged == 0) {
            return;
        }
        Map<String, long[]> scopes = byOperator.computeIfAbsent(c.operatorBin(), k -> new HashMap<>());
        long[] sources = scopes.computeIfAbsent(scope, k -> new long[2]);
        boolean wasObliged = sources[0] > 0;
        boolean wasInstalled = wasObliged && sources[1] == 0;
        sources[0] += sign * obliged;
        sources[1] += sign * c.notInstalled();
        boolean isObliged = sources[0] > 0;
        boolean isInstalled = isObliged && sources[1] == 0;
        addTo(enterprisesObliged, scope, (isObliged ? 1 : 0) - (wasObliged ? 1 : 0));
        addTo(enterprisesInstalled, scope, (isInstalled ? 1 : 0) - (wasInstalled ? 1 : 0));
        if (!isObliged) {
            scopes.remove(scope);
            if (scopes.isEmpty()) {
                byOperator.remove(c.operatorBin());
            }
        }
    }

    /** Adds to a count, keeping only the scopes whose count is not 0. */
    private static void addTo(Map<String, Long> counts, String scope, long n) {
        if (n != 0) {
            counts.merge(scope, n, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    /** AMS-required sources with AMS installed, per scope (only scopes above 0). */
    Map<String, Long> installed() {
        return installed;
    }

    /** AMS-required sources without AMS installed, per scope (only scopes above 0). */
    Map<String, Long> notInstalled() {
        return notInstalled;
    }

    /** Facilities with at least one AMS-required source without AMS installed, per scope. */
    Map<String, Long> notInstalledFacilities() {
        return notInstalledFacilities;
    }

    /** Enterprises with at least one AMS-required source, per scope. */
    Map<String, Long> enterprisesObliged() {
        return enterprisesObliged;
    }

    /** Obliged enterprises whose every AMS-required source has AMS installed, per scope. */
    Map<String, Long> enterprisesInstalled() {
        return enterprisesInstalled;
    }

    /** The facilities counted (with or without AMS-required sources). */
    int facilities() {
        return byFacility.size();
    }

    /** The newest registry record's timestamp counted, {@link Long#MIN_VALUE} when none. */
    long asOf() {
        return asOf;
    }
}

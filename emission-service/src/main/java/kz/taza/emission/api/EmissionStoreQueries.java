package kz.taza.emission.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.springframework.stereotype.Component;

import kz.taza.emission.topology.EmissionStores;
import kz.taza.emission.topology.RecentExceedances;
import kz.taza.emission.topology.ReportVersion;
import kz.taza.emission.topology.SourceState;
import kz.taza.events.permit.Facility;
import kz.taza.platform.query.StateQueries;

/**
 * Reads the emission topology's state on this instance: the facility registry (a global store, on every instance) and
 * the per-facility stores, whose keys live on the instance owning the facility's partition (the read controllers go
 * there through {@link StateQueries#answer}). A store that is not queryable yet is a 503, through the platform.
 */
@Component
public class EmissionStoreQueries {

    private final StateQueries state;

    public EmissionStoreQueries(StateQueries state) {
        this.state = state;
    }

    /** The registered facility, or null. */
    public Facility facility(String facilityId) {
        ValueAndTimestamp<Facility> stored = state.store(EmissionStores.FACILITIES,
                QueryableStoreTypes.<String, Facility>timestampedKeyValueStore()).get(facilityId);
        return stored == null ? null : stored.value();
    }

    /** This instance's recent exceedances of the facility. */
    public RecentExceedances recentExceedances(String facilityId) {
        RecentExceedances recent = state.store(EmissionStores.RECENT_EXCEEDANCES,
                QueryableStoreTypes.<String, RecentExceedances>keyValueStore()).get(facilityId);
        return recent == null ? new RecentExceedances(List.of()) : recent;
    }

    /** This instance's counted report of each pollutant of the facility and year, by pollutant name. */
    public Map<String, ReportVersion> reports(String facilityId, int year) {
        Map<String, ReportVersion> reports = new TreeMap<>();
        String prefix = facilityId + '|' + year + '|';
        try (KeyValueIterator<String, ReportVersion> it = state.store(EmissionStores.REPORTS,
                QueryableStoreTypes.<String, ReportVersion>keyValueStore())
                .prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                var entry = it.next();
                reports.put(entry.key.substring(prefix.length()), entry.value);
            }
        }
        return reports;
    }

    /** This instance's monitoring status of each source of the facility that has sent readings. */
    public List<SourceStatus> monitoring(String facilityId) {
        List<SourceStatus> sources = new ArrayList<>();
        try (KeyValueIterator<String, SourceState> it = state.store(EmissionStores.SOURCES,
                QueryableStoreTypes.<String, SourceState>keyValueStore())
                .prefixScan(facilityId + '|', new StringSerializer())) {
            while (it.hasNext()) {
                var entry = it.next();
                sources.add(SourceStatus.of(entry.key.substring(facilityId.length() + 1), entry.value.monitoring()));
            }
        }
        return sources;
    }
}

package kz.taza.kpi.api;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.permit.Facility;
import kz.taza.kpi.topology.KpiStores;
import kz.taza.kpi.topology.ReportVersionKey;
import kz.taza.platform.query.StateQueries;
import kz.taza.schemas.KpiKeys;

/**
 * Reads of the global stores every instance holds whole ({@link kz.taza.kpi.topology.KpiReadModel}). While the
 * stores are not queryable (start-up), every read is the platform's 503 with Retry-After.
 */
@Component
class KpiReads {

    private final StateQueries state;

    KpiReads(StateQueries state) {
        this.state = state;
    }

    /** The value under a KPI key, or {@code null}. */
    KpiValue value(String key) {
        return state.<KpiValue>find(KpiStores.KPI_VALUES, key).orElse(null);
    }

    /** Every period of a KPI and scope at one granularity, oldest first (the keys' ISO dates sort by time). */
    List<KpiValue> series(String kpiId, String scope, KpiGranularity granularity) {
        return scan(kpiValues(), KpiKeys.prefix(kpiId, scope, granularity));
    }

    /** Every value of a KPI, every scope and period. */
    List<KpiValue> allOf(String kpiId) {
        return scan(kpiValues(), kpiId + '|');
    }

    /** A facility's current registration, or {@code null}. */
    Facility facility(String facilityId) {
        return state.<Facility>find(KpiStores.FACILITIES, facilityId).orElse(null);
    }

    /** Every version of every report. */
    List<EmissionReportSubmitted> reportVersions() {
        return state.all(KpiStores.REPORT_VERSIONS);
    }

    /** Every version of a facility's reports. */
    List<EmissionReportSubmitted> reportVersions(String facilityId) {
        return scan(reports(), ReportVersionKey.facilityPrefix(facilityId));
    }

    private ReadOnlyKeyValueStore<String, KpiValue> kpiValues() {
        return state.store(KpiStores.KPI_VALUES, QueryableStoreTypes.<String, KpiValue>keyValueStore());
    }

    private ReadOnlyKeyValueStore<String, EmissionReportSubmitted> reports() {
        return state.store(KpiStores.REPORT_VERSIONS,
                QueryableStoreTypes.<String, EmissionReportSubmitted>keyValueStore());
    }

    private static <V> List<V> scan(ReadOnlyKeyValueStore<String, V> store, String prefix) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.prefixScan(prefix, Serdes.String().serializer())) {
            it.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }
}

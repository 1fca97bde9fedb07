package kz.taza.emission.api;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

import kz.taza.emission.domain.SourceMonitoring;
import kz.taza.emission.topology.EmissionStores;
import kz.taza.emission.topology.RecentExceedances;
import kz.taza.events.permit.Facility;
import kz.taza.platform.kafka.TazaProperties;

/**
 * Reads the emission topology's state: the facility registry (a global store, on every instance) and the per-facility
 * stores, which live on the instance owning the facility's partition ({@link #owner}).
 */
@Component
public class EmissionStoreQueries {

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;

    public EmissionStoreQueries(StreamsBuilderFactoryBean streams, TazaProperties taza) {
        this.streams = streams;
        String server = taza.getStreams().getApplicationServer();
        this.self = server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server);
    }

    /** The registered facility, or null. */
    public Facility facility(String facilityId) {
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Facility>> store = running().store(
                StoreQueryParameters.fromNameAndType(EmissionStores.FACILITIES,
                        QueryableStoreTypes.timestampedKeyValueStore()));
        ValueAndTimestamp<Facility> stored = store.get(facilityId);
        return stored == null ? null : stored.value();
    }

    /** The instance owning the facility's state, or null when it is this instance. */
    public HostInfo owner(String facilityId) {
        if (self == null) {
            return null; // a single instance without application.server owns everything
        }
        KeyQueryMetadata metadata = running().queryMetadataForKey(EmissionStores.MONITORING, facilityId,
                new StringSerializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new StateNotAvailableException("no instance owns facility " + facilityId + " right now");
        }
        HostInfo active = metadata.activeHost();
        return active.equals(self) ? null : active;
    }

    /** This instance's recent exceedances of the facility. */
    public RecentExceedances recentExceedances(String facilityId) {
        ReadOnlyKeyValueStore<String, RecentExceedances> store = running().store(
                StoreQueryParameters.fromNameAndType(EmissionStores.RECENT_EXCEEDANCES,
                        QueryableStoreTypes.<String, RecentExceedances>keyValueStore()));
        RecentExceedances recent = store.get(facilityId);
        return recent == null ? new RecentExceedances(List.of()) : recent;
    }

    /** This instance's monitoring status of each source of the facility that has sent readings. */
    public List<SourceStatus> monitoring(String facilityId) {
        ReadOnlyKeyValueStore<String, SourceMonitoring> store = running().store(
                StoreQueryParameters.fromNameAndType(EmissionStores.MONITORING,
                        QueryableStoreTypes.<String, SourceMonitoring>keyValueStore()));
        List<SourceStatus> sources = new ArrayList<>();
        try (KeyValueIterator<String, SourceMonitoring> it = store.prefixScan(facilityId + '|',
                new StringSerializer())) {
            while (it.hasNext()) {
                var entry = it.next();
                sources.add(SourceStatus.of(entry.key.substring(facilityId.length() + 1), entry.value));
            }
        }
        return sources;
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            throw new StateNotAvailableException("the emission state is not ready yet (Streams application "
                    + (kafkaStreams == null ? "not started" : kafkaStreams.state()) + ")");
        }
        return kafkaStreams;
    }

    /** The state cannot be read right now (start-up, rebalance); the client should retry. */
    public static class StateNotAvailableException extends RuntimeException {
        public StateNotAvailableException(String message) {
            super(message);
        }
    }
}

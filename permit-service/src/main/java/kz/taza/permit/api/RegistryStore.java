package kz.taza.permit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

import kz.taza.events.permit.FacilityPermitState;
import kz.taza.permit.topology.RegistryReadModel;

/**
 * The registry as this instance holds it: the global store of {@link RegistryReadModel}, complete on every
 * instance, so no read is forwarded. It trails the command processor by the time the registry topic takes to reach
 * this instance (milliseconds).
 */
@Component
public class RegistryStore {

    private final StreamsBuilderFactoryBean streams;

    public RegistryStore(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    public Optional<FacilityPermitState> find(String facilityId) {
        return Optional.ofNullable(store().get(facilityId));
    }

    /** Every facility, in facilityId order. */
    public List<FacilityPermitState> all() {
        List<FacilityPermitState> all = new ArrayList<>();
        try (KeyValueIterator<String, FacilityPermitState> it = store().all()) {
            it.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    private ReadOnlyKeyValueStore<String, FacilityPermitState> store() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            throw new RegistryUnavailableException("the Streams application has not started", null);
        }
        try {
            return kafkaStreams.store(StoreQueryParameters.fromNameAndType(RegistryReadModel.STORE,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new RegistryUnavailableException("the registry store is not ready (" + kafkaStreams.state() + ")", e);
        }
    }

    /** The registry cannot be read right now (starting, rebalancing); the client should retry. */
    public static class RegistryUnavailableException extends RuntimeException {
        public RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package kz.taza.permit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;

import kz.taza.events.permit.FacilityPermitState;
import kz.taza.permit.topology.RegistryReadModel;
import kz.taza.platform.query.StateQueries;

/**
 * The registry as this instance holds it: the global store of {@link RegistryReadModel}, complete on every
 * instance, so no read is forwarded. It trails the command processor by the time the registry topic takes to reach
 * this instance (milliseconds).
 */
@Component
public class RegistryStore {

    private final StateQueries state;

    public RegistryStore(StateQueries state) {
        this.state = state;
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

    /** A 503 (the platform's {@code /problems/state-not-available}) while the store is not queryable. */
    private ReadOnlyKeyValueStore<String, FacilityPermitState> store() {
        return state.store(RegistryReadModel.STORE, QueryableStoreTypes.keyValueStore());
    }
}

package kz.taza.permit.api;

import java.util.List;
import java.util.Optional;

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

    /** The facility's state; a 503 (the platform's {@code /problems/state-not-available}) while not queryable. */
    public Optional<FacilityPermitState> find(String facilityId) {
        return state.find(RegistryReadModel.STORE, facilityId);
    }

    /** Every facility, in facilityId order. */
    public List<FacilityPermitState> all() {
        return state.all(RegistryReadModel.STORE);
    }
}

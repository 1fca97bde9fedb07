package kz.taza.permit.topology;

import org.apache.kafka.streams.StreamsBuilder;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.errors.ReferenceCheck;
import kz.taza.platform.kafka.StreamsTopology;

/**
 * The read model of the registry: every facility with its current permit and permit history, in a global store that
 * every instance holds in full, so any instance answers a read for any facility (the registry is tens of thousands of
 * facilities, small enough to replicate). A record that does not decode, or is not the registration of the facility it
 * is keyed by, is quarantined and the facility keeps what it had.
 */
public final class RegistryReadModel implements StreamsTopology {

    /** The global store, queried by the REST API. */
    public static final String STORE = "permit-registry";

    /** A registry record is the state of the facility its key names. */
    static final ReferenceCheck<FacilityPermitState> OWN_FACILITY = (facilityId, state) ->
            state.getFacility() != null && facilityId.equals(state.getFacility().getFacilityId()) ? null
                    : "registry record under key " + facilityId + " is not that facility's";

    @Override
    public void build(StreamsBuilder builder) {
        Inputs.globalTable(builder, PermitTopics.REGISTRY, STORE, OWN_FACILITY);
    }
}

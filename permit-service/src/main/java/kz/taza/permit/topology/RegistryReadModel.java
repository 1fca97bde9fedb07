package kz.taza.permit.topology;

import org.apache.kafka.streams.StreamsBuilder;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.platform.kafka.StreamsTopology;

/**
 * The read model of the registry: every facility with its current permit and permit history, in a global store that
 * every instance holds in full, so any instance answers a read for any facility (the registry is tens of thousands of
 * facilities, small enough to replicate).
 */
public final class RegistryReadModel implements StreamsTopology {

    /** The global store, queried by the REST API. */
    public static final String STORE = "permit-registry";

    @Override
    public void build(StreamsBuilder builder) {
        builder.globalTable(PermitTopics.REGISTRY.name(), PermitTopics.REGISTRY.consumed(),
                PermitTopics.REGISTRY.materializedAs(STORE));
    }
}

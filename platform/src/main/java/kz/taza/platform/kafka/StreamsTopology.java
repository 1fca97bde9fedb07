package kz.taza.platform.kafka;

import org.apache.kafka.streams.StreamsBuilder;

/**
 * A Kafka Streams topology as a pure builder. A service declares its topologies as beans; the platform adds them all
 * to the service's one exactly-once Streams application and owns its lifecycle.
 */
public interface StreamsTopology {

    /** Adds this topology's steps to the builder. */
    void build(StreamsBuilder builder);
}

package kz.taza.archfixture.permit.domain;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Wrong: a domain class that imports Kafka. */
public final class KafkaInDomain {

    public Serde<String> keys() {
        return Serdes.String();
    }
}

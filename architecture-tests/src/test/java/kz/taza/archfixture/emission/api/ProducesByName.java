package kz.taza.archfixture.emission.api;

import org.apache.kafka.clients.producer.ProducerRecord;

/** Wrong: a topic name written as a string constant. */
public final class ProducesByName {

    static final String READINGS = "emission.ams-readings.v1";

    public ProducerRecord<String, String> record(String value) {
        return new ProducerRecord<>(READINGS, value);
    }
}

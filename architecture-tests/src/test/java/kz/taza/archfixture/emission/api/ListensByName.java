package kz.taza.archfixture.emission.api;

import org.springframework.kafka.annotation.KafkaListener;

/** Wrong: a topic name written in an annotation. */
public class ListensByName {

    @KafkaListener(topics = "inspection.events.v1")
    public void on(String value) {
        // the name above is the fault, not what happens here
    }
}

package kz.taza.platform.test;

/** A real Kafka broker for integration tests. */
public interface TestBroker {

    /** Bootstrap servers of the broker, for any client. */
    String bootstrapServers();

    /** What kind of broker this is, for log lines and failure messages. */
    String description();
}

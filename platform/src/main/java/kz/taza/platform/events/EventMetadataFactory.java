package kz.taza.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import kz.taza.events.common.EventMetadata;

/**
 * The one place event metadata is made, for every event any Taza service publishes. An event's id is a name-based
 * UUID of its cause's id and its index among the events of that cause, so deciding the same command again (a replay
 * after a crash, a repeated check) yields the same event ids; the producer is the service's application name
 * ({@code spring.application.name}), so no service writes its own name out; the actor is the cause's principal.
 */
public final class EventMetadataFactory {

    private final String producer;

    public EventMetadataFactory(String producer) {
        if (producer == null || producer.isBlank()) {
            throw new IllegalArgumentException("events need a producer name (spring.application.name)");
        }
        this.producer = producer;
    }

    /** The service named as producer of every event. */
    public String producer() {
        return producer;
    }

    /** The id of the {@code index}-th event of a cause: the same cause and index always give the same id. */
    public static String eventId(String causeId, int index) {
        return UUID.nameUUIDFromBytes((causeId + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Metadata of the {@code index}-th event of a cause.
     *
     * @param occurredAt when the fact happened (event time)
     */
    public EventMetadata metadata(EventCause cause, int index, Instant occurredAt) {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(occurredAt, "occurredAt");
        return EventMetadata.newBuilder()
                .setEventId(eventId(cause.id(), index))
                .setOccurredAt(occurredAt)
                .setCorrelationId(cause.correlationId())
                .setCausationId(cause.causationId())
                .setProducer(producer)
                .setActor(cause.actor())
                .build();
    }
}

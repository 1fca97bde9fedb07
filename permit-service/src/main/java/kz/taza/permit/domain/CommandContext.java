package kz.taza.permit.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

import kz.taza.events.common.EventMetadata;

/**
 * What the rules know besides a command and the state: the command's id, the clock and the regulator's time zone.
 * Event ids are derived from the command id, so deciding the same command twice yields the same events.
 *
 * @param causeId id of what caused the events (the command id, or a name for a timer-driven change)
 * @param now     the processor's clock
 * @param zone    Kazakhstan time (validity dates are calendar days there)
 */
public record CommandContext(String causeId, Instant now, ZoneId zone) {

    /** Name of this service in event metadata. */
    public static final String PRODUCER = "permit-service";

    public CommandContext {
        Objects.requireNonNull(causeId, "causeId");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
    }

    /** Today in Kazakhstan time. */
    public LocalDate today() {
        return LocalDate.ofInstant(now, zone);
    }

    /** Metadata of the {@code index}-th event caused by this command. */
    public EventMetadata metadata(int index) {
        String eventId = UUID.nameUUIDFromBytes((causeId + "#" + index).getBytes(StandardCharsets.UTF_8)).toString();
        return EventMetadata.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(now)
                .setCorrelationId(causeId)
                .setCausationId(causeId)
                .setProducer(PRODUCER)
                .build();
    }
}

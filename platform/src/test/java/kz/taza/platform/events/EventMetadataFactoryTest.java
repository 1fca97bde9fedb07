package kz.taza.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.EventMetadata;

/** Event metadata made once for every service: ids a replay reproduces, the cause chain, the service's name. */
class EventMetadataFactoryTest {

    private static final Instant AT = Instant.parse("2025-03-01T06:00:00Z");
    private final EventMetadataFactory factory = new EventMetadataFactory("permit-service");

    @Test
    void theSameCauseAndIndexAlwaysGiveTheSameEventIdAndOthersAnother() {
        EventMetadata first = factory.metadata(EventCause.of("cmd-1"), 0, AT);
        EventMetadata again = new EventMetadataFactory("permit-service").metadata(EventCause.of("cmd-1"), 0,
                AT.plusSeconds(60));

        assertThat(again.getEventId()).isEqualTo(first.getEventId());
        assertThat(factory.metadata(EventCause.of("cmd-1"), 1, AT).getEventId()).isNotEqualTo(first.getEventId());
        assertThat(factory.metadata(EventCause.of("cmd-2"), 0, AT).getEventId()).isNotEqualTo(first.getEventId());
        assertThat(UUID.fromString(first.getEventId()).version()).isEqualTo(3);
    }

    @Test
    void recordsTheCauseChainTheTimeAndTheProducer() {
        EventMetadata metadata = factory.metadata(new EventCause("report-7", "batch-3", null), 0, AT);

        assertThat(metadata.getCorrelationId()).isEqualTo("batch-3");
        assertThat(metadata.getCausationId()).isNull();
        assertThat(metadata.getOccurredAt()).isEqualTo(AT);
        assertThat(metadata.getProducer()).isEqualTo("permit-service");
        assertThat(metadata.getEventId()).isEqualTo(EventMetadataFactory.eventId("report-7", 0));
    }

    @Test
    void aCommandIsItsOwnCorrelationAndCausationAndADerivedCauseItsOwn() {
        EventCause command = EventCause.of("cmd-1");
        EventCause expiry = command.derived("expiry:KZ-1:KEP-1:2030-12-31");

        assertThat(command).isEqualTo(new EventCause("cmd-1", "cmd-1", "cmd-1"));
        assertThat(expiry.id()).isEqualTo("expiry:KZ-1:KEP-1:2030-12-31");
        assertThat(expiry.correlationId()).isEqualTo(expiry.id());
        assertThat(expiry.causationId()).isEqualTo(expiry.id());
    }

    @Test
    void aServiceWithoutANameCannotMakeEvents() {
        assertThatThrownBy(() -> new EventMetadataFactory(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}

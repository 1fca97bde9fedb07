package kz.taza.emission.topology;

import kz.taza.events.common.EventMetadata;
import kz.taza.events.emission.AmsReading;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;

/**
 * Metadata of the events a reading causes, occurring at the reading's interval start: caused by the reading's event
 * (in its flow) when it has metadata, otherwise by the reading itself (its source, pollutant and interval), in the flow
 * named by a fallback correlation. Ids derive from that cause and the event's index among the reading's events, so
 * processing the reading again yields the same ids.
 */
final class ReadingCauses {

    /** Index, among the events one reading causes, of its monitoring event (resumed) and its exceedance event. */
    static final int MONITORING_EVENT = 0;
    static final int EXCEEDANCE_EVENT = 1;
    /** The exceedance events of the mass kinds (one reading can start or end an episode of each kind). */
    static final int MASS_RATE_EXCEEDANCE_EVENT = 2;
    static final int ANNUAL_MASS_EXCEEDANCE_EVENT = 3;

    private final EventMetadataFactory events;

    ReadingCauses(EventMetadataFactory events) {
        this.events = events;
    }

    EventMetadata causedBy(AmsReading reading, String fallbackCorrelation, int index) {
        EventMetadata read = reading.getMetadata();
        EventCause cause = read != null
                ? new EventCause(read.getEventId(), read.getCorrelationId(), read.getEventId())
                : new EventCause("reading:" + reading.getFacilityId() + "|" + reading.getSourceId() + "|"
                        + reading.getPollutant() + "|" + reading.getIntervalStart().toEpochMilli(),
                        fallbackCorrelation, null);
        return events.metadata(cause, index, reading.getIntervalStart());
    }

    /** Metadata of an event that no single reading causes (a gap), with its own cause. */
    EventMetadata of(EventCause cause, java.time.Instant occurredAt) {
        return events.metadata(cause, 0, occurredAt);
    }
}

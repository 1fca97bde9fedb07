package kz.taza.platform.topic.catalogue;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityRegistered;
import kz.taza.events.permit.FacilityUpdated;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitAmended;
import kz.taza.events.permit.PermitExpired;
import kz.taza.events.permit.PermitIssued;
import kz.taza.events.permit.PermitReinstated;
import kz.taza.events.permit.PermitRevoked;
import kz.taza.events.permit.PermitSuspended;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The public topics of the permit domain, owned and written by permit-service, read by every service that needs
 * facility attributes or permit limits (emission-service joins readings with {@link #PERMITS} and
 * {@link #FACILITIES}). They live in platform so that readers need not depend on permit-service.
 *
 * <p>All three are keyed by facilityId and have the same partition count, so they are co-partitioned with each
 * other and with every other facility-keyed topic. A reader that lists this catalogue as a bean gets the topics
 * declared with exactly the owner's settings.
 */
public final class PermitTopics implements TopicCatalogue {

    /** Partitions of every facility-keyed permit topic; joins need the same count on both sides. */
    public static final int PARTITIONS = 6;

    /** Current registration of every facility (compacted, latest wins). */
    public static final Topic<String, Facility> FACILITIES = Topic.named("permit.facilities.v1")
            .values(AvroSerdes.of(Facility.class))
            .partitions(PARTITIONS)
            .compacted()
            .publicTopic()
            .description("Current registration of every facility (category, region, sources, AMS); key facilityId")
            .build();

    /** Current permit of every facility with its limits (compacted, latest wins; only ACTIVE limits are in force). */
    public static final Topic<String, Permit> PERMITS = Topic.named("permit.permits.v1")
            .values(AvroSerdes.of(Permit.class))
            .partitions(PARTITIONS)
            .compacted()
            .publicTopic()
            .description("Current permit of every facility with its limits per source and pollutant; key facilityId")
            .build();

    /** The facility and permit domain events, in order per facility, kept for ten years. */
    public static final Topic<String, SpecificRecord> EVENTS = Topic.named("permit.events.v1")
            .values(AvroSerdes.anyOf(FacilityRegistered.class, FacilityUpdated.class, PermitIssued.class,
                    PermitAmended.class, PermitSuspended.class, PermitReinstated.class, PermitRevoked.class,
                    PermitExpired.class))
            .partitions(PARTITIONS)
            .retention(Duration.ofDays(3650))
            .publicTopic()
            .description("Facility and permit lifecycle events; key facilityId")
            .build();

    @Override
    public List<Topic<?, ?>> topics() {
        return List.of(FACILITIES, PERMITS, EVENTS);
    }
}

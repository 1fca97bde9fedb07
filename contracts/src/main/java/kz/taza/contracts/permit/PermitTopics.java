package kz.taza.contracts.permit;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.CommandResult;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.events.permit.FacilityRegistered;
import kz.taza.events.permit.FacilityUpdated;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitAmended;
import kz.taza.events.permit.PermitExpired;
import kz.taza.events.permit.PermitIssued;
import kz.taza.events.permit.PermitReinstated;
import kz.taza.events.permit.PermitRevoked;
import kz.taza.events.permit.PermitSuspended;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.ReinstatePermit;
import kz.taza.events.permit.RevokePermit;
import kz.taza.events.permit.SuspendPermit;
import kz.taza.events.permit.UpdateFacility;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Every topic of the permit domain, owned and written by permit-service. The public ones ({@link #FACILITIES},
 * {@link #PERMITS}, {@link #EVENTS}) are read by every service that needs facility attributes or permit limits
 * (emission-service joins readings with them, inspection-service reads registrations); the internal ones carry the
 * service's commands, their results and the registry its read model is built from.
 *
 * <p>Every topic is keyed by facilityId (the results by commandId) and has {@link #PARTITIONS} partitions, so they are
 * co-partitioned with each other and with every other facility-keyed topic. A reader that declares one of them gets
 * it with exactly the owner's settings.
 */
public final class PermitTopics implements TopicCatalogue {

    /** Partitions of every facility-keyed topic; joins need the same count on both sides. */
    public static final int PARTITIONS = 6;

    /** Current registration of every facility (compacted, latest wins). */
    public static final Topic<String, Facility> FACILITIES = Topic.named("permit.facilities.v1")
            .values(AvroSerdes.of(Facility.class))
            .partitions(PARTITIONS)
            .compacted()
            .publicTopic()
            .deadLettered()
            .description("Current registration of every facility (category, region, sources, AMS); key facilityId")
            .build();

    /** Current permit of every facility with its limits (compacted, latest wins; only ACTIVE limits are in force). */
    public static final Topic<String, Permit> PERMITS = Topic.named("permit.permits.v1")
            .values(AvroSerdes.of(Permit.class))
            .partitions(PARTITIONS)
            .compacted()
            .publicTopic()
            .deadLettered()
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

    /** Commands keyed by facilityId; a command without an id or that cannot be decoded is dead-lettered. */
    public static final Topic<String, SpecificRecord> COMMANDS = Topic.named("permit.commands.v1")
            .values(AvroSerdes.anyOf(RegisterFacility.class, UpdateFacility.class, IssuePermit.class,
                    AmendPermit.class, SuspendPermit.class, ReinstatePermit.class, RevokePermit.class))
            .partitions(PARTITIONS)
            .retention(Duration.ofDays(7))
            .deadLettered()
            .description("Facility and permit commands from the REST API; key facilityId")
            .build();

    /** One result per command, keyed by command id; REST handlers wait for it. */
    public static final Topic<String, CommandResult> COMMAND_RESULTS = Topic.named("permit.command-results.v1")
            .values(AvroSerdes.of(CommandResult.class))
            .partitions(PARTITIONS)
            .retention(Duration.ofDays(1))
            .deadLettered()
            .description("Result of each permit command (accepted, or rejected with a reason); key commandId")
            .build();

    /** Registration, current permit and permit history of each facility, for the read models (compacted). */
    public static final Topic<String, FacilityPermitState> REGISTRY = Topic.named("permit.registry.v1")
            .values(AvroSerdes.of(FacilityPermitState.class))
            .partitions(PARTITIONS)
            .compacted()
            .deadLettered()
            .description("Facility, current permit and permit history per facility, read by every instance; "
                    + "key facilityId")
            .build();

    /** Every topic permit-service owns, public and internal. */
    public static List<Topic<?, ?>> owned() {
        return List.of(FACILITIES, PERMITS, EVENTS, COMMANDS, COMMAND_RESULTS, REGISTRY);
    }

    @Override
    public List<Topic<?, ?>> topics() {
        return owned();
    }
}

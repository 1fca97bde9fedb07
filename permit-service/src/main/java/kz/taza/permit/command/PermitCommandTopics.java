package kz.taza.permit.command;

import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.CommandResult;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.ReinstatePermit;
import kz.taza.events.permit.RevokePermit;
import kz.taza.events.permit.SuspendPermit;
import kz.taza.events.permit.UpdateFacility;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.catalogue.PermitTopics;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The permit service's internal topics: its commands, their results, and the registry (facility, permit and history
 * together) that every instance reads into a global store to answer any read. The public ones are in
 * {@link PermitTopics}.
 */
public final class PermitCommandTopics {

    /** Commands keyed by facilityId; a command without an id or that cannot be decoded is dead-lettered. */
    public static final Topic<String, SpecificRecord> COMMANDS = Topic.named("permit.commands.v1")
            .values(AvroSerdes.anyOf(RegisterFacility.class, UpdateFacility.class, IssuePermit.class,
                    AmendPermit.class, SuspendPermit.class, ReinstatePermit.class, RevokePermit.class))
            .partitions(PermitTopics.PARTITIONS)
            .retention(Duration.ofDays(7))
            .deadLettered()
            .description("Facility and permit commands from the REST API; key facilityId")
            .build();

    /** One result per command, keyed by command id; REST handlers wait for it. */
    public static final Topic<String, CommandResult> COMMAND_RESULTS = Topic.named("permit.command-results.v1")
            .values(AvroSerdes.of(CommandResult.class))
            .partitions(PermitTopics.PARTITIONS)
            .retention(Duration.ofDays(1))
            .description("Result of each permit command (accepted, or rejected with a reason); key commandId")
            .build();

    /** Registration, current permit and permit history of each facility, for the read models (compacted). */
    public static final Topic<String, FacilityPermitState> REGISTRY = Topic.named("permit.registry.v1")
            .values(AvroSerdes.of(FacilityPermitState.class))
            .partitions(PermitTopics.PARTITIONS)
            .compacted()
            .description("Facility, current permit and permit history per facility, read by every instance; "
                    + "key facilityId")
            .build();

    private PermitCommandTopics() {
    }
}

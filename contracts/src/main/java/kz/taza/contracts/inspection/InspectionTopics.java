package kz.taza.contracts.inspection;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.CommandResult;
import kz.taza.events.inspection.CompleteInspection;
import kz.taza.events.inspection.ComplianceNoticeIssued;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.FineImposed;
import kz.taza.events.inspection.FinePaid;
import kz.taza.events.inspection.FulfilOrder;
import kz.taza.events.inspection.ImposeFine;
import kz.taza.events.inspection.InspectionCompleted;
import kz.taza.events.inspection.InspectionScheduled;
import kz.taza.events.inspection.IssueOrder;
import kz.taza.events.inspection.OrderFulfilled;
import kz.taza.events.inspection.OrderIssued;
import kz.taza.events.inspection.OrderOverdue;
import kz.taza.events.inspection.RecordExceedance;
import kz.taza.events.inspection.RecordFacility;
import kz.taza.events.inspection.RecordPayment;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Every topic of the inspection domain, owned by inspection-service: its commands (officers' and those it makes from
 * facility registrations and exceedance episodes), their results, the public events and the compliance records. Every
 * facility-keyed topic has {@link PermitTopics#PARTITIONS} partitions, so they are co-partitioned with the permit and
 * emission topics it reads.
 */
public final class InspectionTopics implements TopicCatalogue {

    /** Officer commands, and the internal commands made from facility registrations and exceedance episodes. */
    public static final Topic<String, SpecificRecord> COMMANDS = Topic.named("inspection.commands.v1")
            .values(AvroSerdes.anyOf(ScheduleInspection.class, CompleteInspection.class, ImposeFine.class,
                    RecordPayment.class, IssueOrder.class, FulfilOrder.class, RecordFacility.class,
                    RecordExceedance.class))
            .partitions(PermitTopics.PARTITIONS)
            .retention(Duration.ofDays(7))
            .deadLettered()
            .description("Inspection commands (officers' and internal); key facilityId, command id in a header")
            .build();

    /** The result of every command, keyed by command id; the REST API waits for it. */
    public static final Topic<String, CommandResult> COMMAND_RESULTS = Topic.named("inspection.command-results.v1")
            .values(AvroSerdes.of(CommandResult.class))
            .partitions(PermitTopics.PARTITIONS)
            .retention(Duration.ofDays(1))
            .deadLettered()
            .description("Accepted or rejected, with the reason, per inspection command; key commandId")
            .build();

    /** The inspection domain events, in order per facility, kept for ten years. */
    public static final Topic<String, SpecificRecord> EVENTS = Topic.named("inspection.events.v1")
            .values(AvroSerdes.anyOf(ComplianceNoticeIssued.class, InspectionScheduled.class,
                    InspectionCompleted.class, FineImposed.class, FinePaid.class, OrderIssued.class,
                    OrderFulfilled.class, OrderOverdue.class))
            .partitions(PermitTopics.PARTITIONS)
            .retention(Duration.ofDays(3650))
            .publicTopic()
            .deadLettered()
            .description("Compliance notices, inspections, fines, payments and remediation orders; key facilityId")
            .build();

    /** Each facility's compliance record (the command processor's state), served to reads on every instance. */
    public static final Topic<String, FacilityCompliance> COMPLIANCE = Topic.named("inspection.compliance.v1")
            .values(AvroSerdes.of(FacilityCompliance.class))
            .partitions(PermitTopics.PARTITIONS)
            .compacted()
            .deadLettered()
            .description("Compliance record of every facility (state of the command processor); key facilityId")
            .build();

    /** Every topic inspection-service owns. */
    public static List<Topic<?, ?>> owned() {
        return List.of(COMMANDS, COMMAND_RESULTS, EVENTS, COMPLIANCE);
    }

    @Override
    public List<Topic<?, ?>> topics() {
        return owned();
    }
}

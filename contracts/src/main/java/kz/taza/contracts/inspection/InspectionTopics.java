package kz.taza.inspection;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

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
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.catalogue.EmissionTopics;
import kz.taza.platform.topic.catalogue.PermitTopics;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The topics of the inspection domain: the ones inspection-service owns, and the ones it reads (facility
 * registrations, exceedance episodes, declared with their owners' settings). Every facility-keyed topic has
 * {@link PermitTopics#PARTITIONS} partitions, so they are co-partitioned.
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
            .description("Compliance notices, inspections, fines, payments and remediation orders; key facilityId")
            .build();

    /** Each facility's compliance record (the command processor's state), served to reads on every instance. */
    public static final Topic<String, FacilityCompliance> COMPLIANCE = Topic.named("inspection.compliance.v1")
            .values(AvroSerdes.of(FacilityCompliance.class))
            .partitions(PermitTopics.PARTITIONS)
            .compacted()
            .description("Compliance record of every facility (state of the command processor); key facilityId")
            .build();

    /** What inspection-service reads: facility registrations (category, region). */
    public static final Topic<String, kz.taza.events.permit.Facility> FACILITIES = PermitTopics.FACILITIES;

    /** What inspection-service reacts to: exceedance episodes (ThresholdExceeded, ExceedanceEnded). */
    public static final Topic<String, SpecificRecord> EXCEEDANCES = EmissionTopics.EXCEEDANCES;

    /** The topics inspection-service owns. */
    public static List<Topic<?, ?>> owned() {
        return List.of(COMMANDS, COMMAND_RESULTS, EVENTS, COMPLIANCE);
    }

    @Override
    public List<Topic<?, ?>> topics() {
        return List.of(COMMANDS, COMMAND_RESULTS, EVENTS, COMPLIANCE, FACILITIES, EXCEEDANCES,
                PlatformTopics.KPI_VALUES);
    }
}

package kz.taza.inspection.topology;

import java.nio.charset.StandardCharsets;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.inspection.ExceedanceRef;
import kz.taza.events.inspection.RecordExceedance;
import kz.taza.events.inspection.RecordFacility;
import kz.taza.events.permit.Facility;
import kz.taza.inspection.domain.ComplianceRules;
import kz.taza.platform.command.CommandHeaders;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.kafka.StreamsTopology;

/**
 * Turns what other domains publish into internal commands for the inspection command processor, so the facts it
 * reacts to are decided by the same single writer as officers' commands:
 * <ul>
 * <li>each {@code ThresholdExceeded} on {@code emission.exceedances.v1} becomes a {@link RecordExceedance} whose
 * command id is the event's id: a replayed event is a repeated command, answered with its first result
 * ({@code ExceedanceEnded} changes nothing in the rules and is not forwarded);</li>
 * <li>each registration on {@code permit.facilities.v1} becomes a {@link RecordFacility} (region, category) whose
 * command id follows from the facility and the registration's version.</li>
 * </ul>
 * Both sources are keyed by facilityId like the commands topic, so nothing is repartitioned. A record of either that
 * does not decode is quarantined to its topic's dead-letter topic, in the same transaction.
 */
public final class InternalCommandsTopology implements StreamsTopology {

    @Override
    public void build(StreamsBuilder builder) {
        // Exceedance episode starts become RecordExceedance commands, with the event id as command id.
        Inputs.stream(builder, EmissionTopics.EXCEEDANCES)
                .process(() -> new ToCommand<SpecificRecord>() {
                    @Override
                    SpecificRecord command(String facilityId, SpecificRecord event) {
                        if (!(event instanceof ThresholdExceeded started)) {
                            return null;
                        }
                        return RecordExceedance.newBuilder()
                                .setFacilityId(facilityId)
                                .setExceedance(ExceedanceRef.newBuilder()
                                        .setExceedanceEventId(started.getMetadata().getEventId())
                                        .setSourceId(started.getSourceId())
                                        .setPollutant(started.getPollutant().name())
                                        .setStartedAt(started.getIntervalStart())
                                        .setRatio(started.getRatio())
                                        .build())
                                .build();
                    }

                    @Override
                    String commandId(String facilityId, SpecificRecord event) {
                        return ((ThresholdExceeded) event).getMetadata().getEventId();
                    }
                }, Named.as("exceedance-to-command"))
                .to(InspectionTopics.COMMANDS.name(), InspectionTopics.COMMANDS.produced()
                        .withName("exceedance-commands"));

        // Registrations become RecordFacility commands, one command id per registration version.
        Inputs.stream(builder, PermitTopics.FACILITIES)
                .process(() -> new ToCommand<Facility>() {
                    @Override
                    SpecificRecord command(String facilityId, Facility facility) {
                        return RecordFacility.newBuilder()
                                .setFacilityId(facilityId)
                                .setFacilityName(facility.getFacilityName())
                                .setRegionCode(facility.getRegionCode())
                                .setCategory(facility.getCategory())
                                .setSector(facility.getSector())
                                .setTop50(facility.getTop50())
                                .setUpdatedAt(facility.getUpdatedAt())
                                .build();
                    }

                    @Override
                    String commandId(String facilityId, Facility facility) {
                        return ComplianceRules.derivedId("registration", facilityId,
                                Long.toString(facility.getUpdatedAt().toEpochMilli()));
                    }
                }, Named.as("registration-to-command"))
                .to(InspectionTopics.COMMANDS.name(), InspectionTopics.COMMANDS.produced()
                        .withName("registration-commands"));
    }

    /** Makes a command from a record and carries its command id in the header the command processor reads. */
    abstract static class ToCommand<V> implements Processor<String, V, String, SpecificRecord> {
        private ProcessorContext<String, SpecificRecord> context;

        /** The command for the record, or {@code null} when it needs none. */
        abstract SpecificRecord command(String facilityId, V value);

        abstract String commandId(String facilityId, V value);

        @Override
        public void init(ProcessorContext<String, SpecificRecord> processorContext) {
            this.context = processorContext;
        }

        @Override
        public void process(Record<String, V> record) {
            if (record.key() == null || record.value() == null) {
                return; // tombstones and keyless records say nothing to act on
            }
            SpecificRecord command = command(record.key(), record.value());
            if (command == null) {
                return;
            }
            Record<String, SpecificRecord> out = record.withValue(command);
            out.headers().remove(CommandHeaders.COMMAND_ID).remove(CommandHeaders.COMMAND_TYPE);
            out.headers().add(CommandHeaders.COMMAND_ID,
                    commandId(record.key(), record.value()).getBytes(StandardCharsets.UTF_8));
            out.headers().add(CommandHeaders.COMMAND_TYPE,
                    command.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
            context.forward(out);
        }
    }
}

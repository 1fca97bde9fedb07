package kz.taza.inspection.config;

import java.time.Clock;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.inspection.command.InspectionRouting;
import kz.taza.inspection.domain.ComplianceRules;
import kz.taza.inspection.topology.ComplianceKpiTopology;
import kz.taza.inspection.topology.ComplianceReadTopology;
import kz.taza.inspection.topology.InternalCommandsTopology;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandGatewayFactory;
import kz.taza.platform.command.CommandTopology;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/** Wires the inspection domain: its topics, rules, topologies and command gateway. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InspectionProperties.class)
public class InspectionConfiguration {

    /** Name of the command topology; its state store holds each facility's compliance record. */
    public static final String COMMAND_TOPOLOGY = "inspection-commands";

    /** The topics inspection-service owns. */
    @Bean
    InspectionTopics inspectionTopics() {
        return new InspectionTopics();
    }

    /**
     * The topics it reads: facility registrations (category, region) and exceedance episodes, declared with their
     * owners' settings so that it never starts without them.
     */
    @Bean
    TopicCatalogue topicsRead() {
        return () -> List.of(PermitTopics.FACILITIES, EmissionTopics.EXCEEDANCES);
    }

    @Bean
    ComplianceRules complianceRules(InspectionProperties properties, TazaProperties taza) {
        return new ComplianceRules(properties.policy(taza.getZone()), properties.fineSizing());
    }

    /**
     * The single writer of each facility's compliance record, deciding with the service's one clock (the platform's,
     * which tests replace to let days pass); its timer looks for overdue orders.
     */
    @Bean
    CommandTopology<SpecificRecord, FacilityCompliance> inspectionCommandTopology(ComplianceRules rules,
            InspectionProperties properties, TazaProperties taza, EventMetadataFactory events, Clock clock) {
        return inspectionCommandTopology(rules, properties.getOverdueCheckInterval(), taza, events, clock);
    }

    /**
     * The command topology, also built by tests with the same settings.
     *
     * @param clock the clock the rules decide with; {@code null} for the stream thread's
     */
    public static CommandTopology<SpecificRecord, FacilityCompliance> inspectionCommandTopology(
            ComplianceRules rules, java.time.Duration overdueCheckInterval, TazaProperties taza,
            EventMetadataFactory events, Clock clock) {
        return CommandTopology.<SpecificRecord, FacilityCompliance>builder(COMMAND_TOPOLOGY)
                .commands(InspectionTopics.COMMANDS)
                .results(InspectionTopics.COMMAND_RESULTS)
                .state(AvroSerdes.of(FacilityCompliance.class))
                .outputs(InspectionTopics.EVENTS, InspectionTopics.COMPLIANCE)
                .rules(rules)
                .routing(new InspectionRouting())
                .events(events)
                .zone(taza.getZone())
                .clock(clock)
                .tick(overdueCheckInterval)
                .build();
    }

    @Bean
    InternalCommandsTopology internalCommandsTopology() {
        return new InternalCommandsTopology();
    }

    @Bean
    ComplianceKpiTopology complianceKpiTopology(Clock clock) {
        return new ComplianceKpiTopology(clock);
    }

    @Bean
    ComplianceReadTopology complianceReadTopology() {
        return new ComplianceReadTopology();
    }

    @Bean
    CommandGateway<SpecificRecord> inspectionCommands(CommandGatewayFactory factory,
            CommandTopology<SpecificRecord, FacilityCompliance> inspectionCommandTopology) {
        return factory.create(inspectionCommandTopology);
    }
}

package kz.taza.forest.config;

import java.time.Clock;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.forest.PlantingState;
import kz.taza.forest.command.ForestRouting;
import kz.taza.forest.domain.ForestRules;
import kz.taza.forest.topology.ForestKpiReadModel;
import kz.taza.forest.topology.ForestKpiTopology;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandGatewayFactory;
import kz.taza.platform.command.CommandTopology;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.schemas.codec.AvroSerdes;

/** Wires the forest domain: its topics, rules, command processor, KPI topology and read model. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ForestProperties.class)
public class ForestConfiguration {

    /** Name of the command topology; its state store is {@code forest-commands-state}. */
    public static final String COMMANDS = "forest-commands";

    @Bean
    ForestTopics forestTopics() {
        return new ForestTopics();
    }

    @Bean
    ForestRules forestRules(ForestProperties properties) {
        return new ForestRules(properties.getDensity().toBounds());
    }

    /** The single writer of plantings, surveys, plans, fires, detection systems and planting material, on one clock. */
    @Bean
    CommandTopology<SpecificRecord, PlantingState> forestCommandTopology(ForestRules rules, TazaProperties taza,
            EventMetadataFactory events, Clock clock) {
        return CommandTopology.<SpecificRecord, PlantingState>builder(COMMANDS)
                .commands(ForestTopics.FOREST_COMMANDS)
                .results(ForestTopics.FOREST_COMMAND_RESULTS)
                .state(AvroSerdes.of(PlantingState.class))
                .outputs(ForestTopics.FOREST_EVENTS)
                .rules(rules)
                .routing(new ForestRouting())
                .events(events)
                .zone(taza.getZone())
                .clock(clock)
                .build();
    }

    @Bean
    ForestKpiTopology forestKpiTopology(Clock clock, ForestProperties properties) {
        return new ForestKpiTopology(clock, properties.forestFund());
    }

    @Bean
    ForestKpiReadModel forestKpiReadModel() {
        return new ForestKpiReadModel();
    }

    @Bean
    CommandGateway<SpecificRecord> forestCommands(CommandGatewayFactory factory,
            CommandTopology<SpecificRecord, PlantingState> forestCommandTopology) {
        return factory.create(forestCommandTopology);
    }
}

package kz.taza.permit.config;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.taza.contracts.permit.KepDeadlines;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.permit.command.PermitRouting;
import kz.taza.permit.domain.FacilityPermitRules;
import kz.taza.permit.topology.PermitKpiTopology;
import kz.taza.permit.topology.RegistryReadModel;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandGatewayFactory;
import kz.taza.platform.command.CommandTopology;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.schemas.codec.AvroSerdes;

/** Wires the permit service: its topics, the command processor, the read model, the KPI topology and the gateway. */
@Configuration(proxyBeanMethods = false)
public class PermitConfiguration {

    /** Name of the command topology (its stores are {@code permit-commands-state} and {@code -results}). */
    public static final String COMMAND_TOPOLOGY = "permit-commands";

    /** Every topic of the permit domain: permit-service owns them all and reads no other domain's. */
    @Bean
    PermitTopics permitTopics() {
        return new PermitTopics();
    }

    /**
     * The only writer of facility and permit state. Its timer checks every {@code permit.expiry-check-interval}
     * (default one minute, wall-clock) for permits whose last valid day has passed. A Category I facility must hold a
     * KEP from {@code permit.kep-deadline.top50} (2025-01-01) or {@code permit.kep-deadline.others} (2031-01-01, an
     * assumption, see {@link KepDeadlines}); until then it may hold an environmental impact permit.
     */
    @Bean
    CommandTopology<SpecificRecord, FacilityPermitState> permitCommandTopology(TazaProperties taza,
            @Value("${permit.expiry-check-interval:PT1M}") Duration expiryCheck,
            @Value("${permit.kep-deadline.top50:2025-01-01}") LocalDate kepDeadlineTop50,
            @Value("${permit.kep-deadline.others:2031-01-01}") LocalDate kepDeadlineOthers,
            EventMetadataFactory events, Clock clock) {
        return commandTopology(taza, expiryCheck, new KepDeadlines(kepDeadlineTop50, kepDeadlineOthers), events,
                clock);
    }

    /**
     * The command topology as the service runs it; tests build the same one.
     *
     * @param clock the clock the rules decide with; {@code null} for the stream thread's
     */
    public static CommandTopology<SpecificRecord, FacilityPermitState> commandTopology(TazaProperties taza,
            Duration expiryCheck, KepDeadlines kepDeadlines, EventMetadataFactory events, Clock clock) {
        return CommandTopology.<SpecificRecord, FacilityPermitState>builder(COMMAND_TOPOLOGY)
                .commands(PermitTopics.COMMANDS)
                .results(PermitTopics.COMMAND_RESULTS)
                .state(AvroSerdes.of(FacilityPermitState.class))
                .outputs(PermitTopics.EVENTS, PermitTopics.FACILITIES, PermitTopics.PERMITS,
                        PermitTopics.REGISTRY)
                .rules(new FacilityPermitRules(kepDeadlines))
                .routing(new PermitRouting())
                .events(events)
                .zone(taza.getZone())
                .clock(clock)
                .tick(expiryCheck)
                .build();
    }

    @Bean
    RegistryReadModel registryReadModel() {
        return new RegistryReadModel();
    }

    @Bean
    PermitKpiTopology permitKpiTopology(TazaProperties taza) {
        return new PermitKpiTopology(taza.getZone());
    }

    @Bean
    CommandGateway<SpecificRecord> permitCommands(CommandGatewayFactory factory,
            CommandTopology<SpecificRecord, FacilityPermitState> permitCommandTopology) {
        return factory.create(permitCommandTopology);
    }
}

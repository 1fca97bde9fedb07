package kz.taza.permit.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import kz.taza.contracts.permit.KepDeadlines;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.KpiValue;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.events.permit.Permit;
import kz.taza.permit.config.PermitConfiguration;
import kz.taza.permit.topology.PermitKpiTopology;
import kz.taza.permit.topology.RegistryReadModel;
import kz.taza.platform.command.CommandHeaders;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.PlatformTopics;

/**
 * The permit service's topologies (command processor, read model, KPIs) in a {@link TopologyTestDriver}, as the service
 * wires them, with commands sent the way the gateway sends them (keyed by facilityId, command id in a header).
 */
public final class CommandDriver implements AutoCloseable {

    /** How often the processor's expiry timer runs in these tests. */
    public static final Duration EXPIRY_CHECK = Duration.ofMinutes(1);
    /** The service's event metadata, as its application name makes it. */
    public static final EventMetadataFactory EVENTS = new EventMetadataFactory("permit-service");

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, SpecificRecord> commands;
    private final TestOutputTopic<String, CommandResult> results;
    private final TestOutputTopic<String, SpecificRecord> events;
    private final TestOutputTopic<String, Facility> facilities;
    private final TestOutputTopic<String, Permit> permits;
    private final TestOutputTopic<String, KpiValue> kpis;
    private Instant clock;

    public CommandDriver(Instant start) {
        TazaProperties taza = new TazaProperties();
        this.driver = TopologyTestSupport.driver(start,
                PermitConfiguration.commandTopology(taza, EXPIRY_CHECK, KepDeadlines.CODE, EVENTS, null), new RegistryReadModel(),
                new PermitKpiTopology(taza.getZone()));
        this.commands = TopologyTestSupport.input(driver, PermitTopics.COMMANDS);
        this.results = TopologyTestSupport.output(driver, PermitTopics.COMMAND_RESULTS);
        this.events = TopologyTestSupport.output(driver, PermitTopics.EVENTS);
        this.facilities = TopologyTestSupport.output(driver, PermitTopics.FACILITIES);
        this.permits = TopologyTestSupport.output(driver, PermitTopics.PERMITS);
        this.kpis = TopologyTestSupport.output(driver, PlatformTopics.KPI_VALUES);
        this.clock = start;
    }

    /** Sends a command under a fresh id and returns its result. */
    public CommandResult send(SpecificRecord command) {
        return send(UUID.randomUUID().toString(), command);
    }

    /** Sends a command under the given id (e.g. a retry) and returns the result the processor wrote for it. */
    public CommandResult send(String commandId, SpecificRecord command) {
        String facilityId = command.get(command.getSchema().getField("facilityId").pos()).toString();
        return sendAs(facilityId, commandId, command);
    }

    /** Sends a command under an explicit key, which may differ from its facilityId. */
    public CommandResult sendAs(String key, String commandId, SpecificRecord command) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CommandHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(new TestRecord<>(key, command, headers, clock));
        List<CommandResult> all = results.readValuesToList();
        return all.stream().filter(r -> r.getCommandId().equals(commandId)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no result for command " + commandId));
    }

    /** Moves event time and wall-clock time forward, firing the processor's timer. */
    public void advance(Duration duration) {
        clock = clock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    public Instant now() {
        return clock;
    }

    /** Domain events written since the last call. */
    public List<KeyValue<String, SpecificRecord>> events() {
        return events.readKeyValuesToList();
    }

    public List<KeyValue<String, Facility>> facilities() {
        return facilities.readKeyValuesToList();
    }

    public List<KeyValue<String, Permit>> permits() {
        return permits.readKeyValuesToList();
    }

    /** KPI values written since the last call, in order (the latest per key last). */
    public List<KeyValue<String, KpiValue>> kpis() {
        return kpis.readKeyValuesToList();
    }

    /** The registry read model, as the REST API sees it. */
    public FacilityPermitState registry(String facilityId) {
        return driver.<String, FacilityPermitState>getKeyValueStore(RegistryReadModel.STORE).get(facilityId);
    }

    /** Drains every output, so a test sees only what its "when" step writes. */
    public void clearOutputs() {
        results.readValuesToList();
        events();
        facilities();
        permits();
        kpis();
    }

    public static List<SpecificRecord> values(List<KeyValue<String, SpecificRecord>> records) {
        List<SpecificRecord> values = new ArrayList<>();
        records.forEach(r -> values.add(r.value));
        return values;
    }

    @Override
    public void close() {
        driver.close();
    }
}

package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.RejectionKind;
import kz.taza.platform.test.TopologyTestSupport;

class CommandTopologyTest {

    private final Budget budget = new Budget();
    private TopologyTestDriver driver;
    private TestInputTopic<String, KpiValue> commands;
    private TestOutputTopic<String, CommandResult> results;
    private TestOutputTopic<String, KpiValue> totals;
    private TestOutputTopic<String, EventMetadata> events;

    @BeforeEach
    void start() {
        driver = TopologyTestSupport.driver(Instant.parse("2024-05-01T00:00:00Z"), budget.topology());
        commands = TopologyTestSupport.input(driver, budget.commands);
        results = TopologyTestSupport.output(driver, budget.results);
        totals = TopologyTestSupport.output(driver, budget.totals);
        events = TopologyTestSupport.output(driver, budget.events);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void acceptsACommandAndWritesStateEventAndResultTogether() {
        send("cmd-1", "F1", 40);

        CommandResult result = results.readValue();
        assertThat(result.getCommandId()).isEqualTo("cmd-1");
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(result.getResourceId()).isEqualTo("F1");
        assertThat(result.getEventIds()).containsExactly("event-cmd-1");
        assertThat(totals.readKeyValue().value.getValue()).isEqualTo(40.0);
        assertThat(events.readValue().getCorrelationId()).isEqualTo("cmd-1");
    }

    @Test
    void decidesAgainstTheStateLeftByEarlierCommands() {
        send("cmd-1", "F1", 60);
        send("cmd-2", "F1", 50);
        send("cmd-3", "F2", 50);

        List<CommandResult> all = results.readValuesToList();
        assertThat(all).extracting(CommandResult::getOutcome)
                .containsExactly(CommandOutcome.ACCEPTED, CommandOutcome.REJECTED, CommandOutcome.ACCEPTED);
        assertThat(all.get(1).getRejection()).isEqualTo(RejectionKind.CONFLICT);
        assertThat(all.get(1).getReasonCode()).isEqualTo("budget-exceeded");
        assertThat(totals.readValuesToList()).extracting(KpiValue::getValue).containsExactly(60.0, 50.0);
    }

    @Test
    void rejectsAnInvalidCommandNamingTheFieldAndWritesNothingElse() {
        send("cmd-1", "F1", -5);

        CommandResult result = results.readValue();
        assertThat(result.getRejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(result.getViolations()).singleElement()
                .satisfies(v -> assertThat(v.getField()).isEqualTo("value"));
        assertThat(totals.isEmpty()).isTrue();
        assertThat(events.isEmpty()).isTrue();
    }

    @Test
    void answersARepeatedCommandIdWithTheFirstResultAndChangesNothing() {
        send("cmd-1", "F1", 30);
        send("cmd-1", "F1", 30);
        send("cmd-2", "F1", 10);

        List<CommandResult> all = results.readValuesToList();
        assertThat(all).hasSize(3);
        assertThat(all.get(1)).isEqualTo(all.get(0));
        assertThat(totals.readValuesToList()).extracting(KpiValue::getValue).containsExactly(30.0, 40.0);
        assertThat(events.readValuesToList()).hasSize(2);
    }

    @Test
    void forgetsCommandIdsAfterTheIdempotencyWindow() {
        driver.close();
        driver = TopologyTestSupport.driver(Instant.parse("2024-05-01T00:00:00Z"),
                CommandTopology.<KpiValue, KpiValue>builder("budget")
                        .commands(budget.commands).results(budget.results)
                        .state(budget.commands.valueSerde()).outputs(budget.totals, budget.events)
                        .handler(budget.rules).idempotencyWindow(Duration.ofMinutes(10)).build());
        commands = TopologyTestSupport.input(driver, budget.commands);
        results = TopologyTestSupport.output(driver, budget.results);
        totals = TopologyTestSupport.output(driver, budget.totals);

        send("cmd-1", "F1", 30);
        driver.advanceWallClockTime(Duration.ofMinutes(11));
        send("cmd-1", "F1", 30);

        assertThat(totals.readValuesToList()).extracting(KpiValue::getValue).containsExactly(30.0, 60.0);
    }

    @Test
    void firesTimeDrivenRulesForEveryAggregate() {
        driver.close();
        CommandHandler<KpiValue, KpiValue> resetsAtTick = new CommandHandler<>() {
            @Override
            public Decision<KpiValue> decide(KpiValue command, KpiValue state, CommandMeta meta) {
                return budget.rules.decide(command, state, meta);
            }

            @Override
            public Decision<KpiValue> onTick(String facility, KpiValue spent, Instant now) {
                if (spent.getValue() == 0.0) {
                    return null;
                }
                KpiValue reset = Budget.total(facility, 0.0, now);
                return Decision.accept(reset, facility, List.of(Output.of(budget.totals, facility, reset)));
            }
        };
        driver = TopologyTestSupport.driver(Instant.parse("2024-05-01T00:00:00Z"),
                CommandTopology.<KpiValue, KpiValue>builder("budget")
                        .commands(budget.commands).results(budget.results)
                        .state(budget.commands.valueSerde()).outputs(budget.totals, budget.events)
                        .handler(resetsAtTick).tick(Duration.ofHours(1)).build());
        commands = TopologyTestSupport.input(driver, budget.commands);
        totals = TopologyTestSupport.output(driver, budget.totals);

        send("cmd-1", "F1", 30);
        send("cmd-2", "F2", 20);
        driver.advanceWallClockTime(Duration.ofHours(1));
        driver.advanceWallClockTime(Duration.ofHours(1));
        send("cmd-3", "F1", 90);

        assertThat(totals.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value.getValue())
                .containsExactly("F1=30.0", "F2=20.0", "F1=0.0", "F2=0.0", "F1=90.0");
    }

    private void send(String commandId, String facility, double tonnes) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CommandHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(new TestRecord<>(facility, Budget.spend(facility, tonnes), headers,
                Instant.parse("2024-05-01T00:00:00Z")));
    }
}

package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.RejectionKind;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.MovableClock;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.test.TopologyTestSupport;
import kz.taza.platform.topic.Topic;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The command processor in a TopologyTestDriver, on a small budget domain ({@link Budget}): what every command domain
 * gets from the platform (validate, decide, route, in that order; one result per command id; one clock; event ids
 * that a replay reproduces).
 */
class CommandTopologyTest {

    private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

    private final Budget budget = new Budget();
    private TopologyTestDriver driver;
    private TestInputTopic<String, KpiValue> commands;
    private TestOutputTopic<String, CommandResult> results;
    private TestOutputTopic<String, KpiValue> totals;
    private TestOutputTopic<String, EventMetadata> events;

    @BeforeEach
    void start() {
        run(budget.topology());
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
        assertThat(result.getEventIds()).containsExactly(EventMetadataFactory.eventId("cmd-1", 0));
        assertThat(totals.readKeyValue().value.getValue()).isEqualTo(40.0);
        EventMetadata event = events.readValue();
        assertThat(event.getEventId()).isEqualTo(result.getEventIds().get(0));
        assertThat(event.getCorrelationId()).isEqualTo("cmd-1");
        assertThat(event.getCausationId()).isEqualTo("cmd-1");
        assertThat(event.getProducer()).isEqualTo("budget-test");
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
        // the violation's code types the rejection, its field and message explain it
        assertThat(result.getReasonCode()).isEqualTo("amount-not-positive");
        assertThat(result.getReason()).isEqualTo("value: must be greater than 0");
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
    void aRepeatedCommandIdIsAnsweredWithTheFirstResultEvenWhenTheRepeatIsNowInvalidOrOverBudget() {
        send("cmd-1", "F1", 90);
        send("cmd-1", "F1", 90);
        send("cmd-1", "F1", -1);

        assertThat(results.readValuesToList()).extracting(CommandResult::getOutcome)
                .containsOnly(CommandOutcome.ACCEPTED).hasSize(3);
        assertThat(totals.readValuesToList()).extracting(KpiValue::getValue).containsExactly(90.0);
    }

    @Test
    void remembersCommandIdsAsLongAsTheCommandsTopicKeepsCommandsAndNeverLess() {
        Topic<String, KpiValue> keptThreeDays = Topic.named(TestNames.topic("budget", "kept-commands"))
                .values(AvroSerdes.of(KpiValue.class)).partitions(2).deadLettered().retention(Duration.ofDays(3)).build();
        assertThat(budget.builder().commands(keptThreeDays).build().idempotencyWindow()).isEqualTo(Duration.ofDays(3));
        assertThat(budget.builder().build().idempotencyWindow()).as("no declared retention: the broker's default")
                .isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> budget.builder().commands(keptThreeDays).idempotencyWindow(Duration.ofDays(1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than the retention");
    }

    @Test
    void forgetsCommandIdsAfterTheIdempotencyWindow() {
        run(budget.builder().idempotencyWindow(Duration.ofMinutes(10)).build());

        send("cmd-1", "F1", 30);
        driver.advanceWallClockTime(Duration.ofMinutes(11));
        send("cmd-1", "F1", 30);

        assertThat(totals.readValuesToList()).extracting(KpiValue::getValue).containsExactly(30.0, 60.0);
    }

    @Test
    void firesTimeDrivenRulesForEveryAggregate() {
        CommandRules<KpiValue, KpiValue> resetsAtTick = new DelegatingRules(budget.rules) {
            @Override
            public Optional<Outcome.Accepted<KpiValue>> onTick(String facility, KpiValue spent,
                    CommandContext context) {
                if (spent.getValue() == 0.0) {
                    return Optional.empty();
                }
                return Optional.of(new Outcome.Accepted<>(Budget.total(facility, 0.0, context.now()), facility,
                        List.of()));
            }
        };
        run(budget.builder(resetsAtTick).tick(Duration.ofHours(1)).build());

        send("cmd-1", "F1", 30);
        send("cmd-2", "F2", 20);
        driver.advanceWallClockTime(Duration.ofHours(1));
        driver.advanceWallClockTime(Duration.ofHours(1));
        send("cmd-3", "F1", 90);

        assertThat(totals.readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value.getValue())
                .containsExactly("F1=30.0", "F2=20.0", "F1=0.0", "F2=0.0", "F1=90.0");
    }

    @Test
    void validatesThenDecidesThenRoutesEveryCommandInThatOrder() {
        List<String> steps = new ArrayList<>();
        CommandRules<KpiValue, KpiValue> recorded = new DelegatingRules(budget.rules) {
            @Override
            public List<FieldViolation> validate(KpiValue spend, LocalDate today) {
                steps.add("validate " + spend.getValue());
                return super.validate(spend, today);
            }

            @Override
            public Outcome<KpiValue> decide(KpiValue spend, KpiValue spent, CommandContext context) {
                steps.add("decide " + spend.getValue());
                return super.decide(spend, spent, context);
            }
        };
        run(budget.builder(recorded).routing((facility, before, accepted) -> {
            steps.add("route " + accepted.state().getValue());
            return budget.routing.route(facility, before, accepted);
        }).build());

        send("cmd-1", "F1", 30);
        send("cmd-2", "F1", 80);

        assertThat(steps).containsExactly("validate 30.0", "decide 30.0", "route 30.0",
                "validate 80.0", "decide 80.0");
    }

    @Test
    void theRulesNeverDecideOnACommandTheirValidationRefuses() {
        CommandRules<KpiValue, KpiValue> strict = new DelegatingRules(budget.rules) {
            @Override
            public Outcome<KpiValue> decide(KpiValue spend, KpiValue spent, CommandContext context) {
                if (spend.getValue() <= 0) {
                    throw new AssertionError("decided on an invalid command: " + spend.getValue());
                }
                return super.decide(spend, spent, context);
            }
        };
        run(budget.builder(strict).build());

        send("cmd-1", "F1", -5);
        send("cmd-2", "F1", 0);

        assertThat(results.readValuesToList()).extracting(CommandResult::getRejection)
                .containsExactly(RejectionKind.INVALID, RejectionKind.INVALID);
    }

    @Test
    void everyEventOfAnAcceptanceMustBeRoutedToADeclaredOutput() {
        run(budget.builder().routing((facility, before, accepted) ->
                List.of(Output.of(budget.totals, facility, accepted.state()))).build());

        assertThatThrownBy(() -> send("cmd-1", "F1", 10)).hasStackTraceContaining("writes no topic");
    }

    @Test
    void theRulesSeeTheTopologysClockAndSoDoTicksTheResultAndTheGatewaysValidation() {
        MovableClock clock = new MovableClock(Clock.fixed(Instant.parse("2030-01-01T18:30:00Z"), Budget.ZONE));
        List<Instant> seen = new ArrayList<>();
        List<LocalDate> validatedOn = new ArrayList<>();
        CommandRules<KpiValue, KpiValue> clocked = new DelegatingRules(budget.rules) {
            @Override
            public List<FieldViolation> validate(KpiValue spend, LocalDate today) {
                validatedOn.add(today);
                return super.validate(spend, today);
            }

            @Override
            public Outcome<KpiValue> decide(KpiValue spend, KpiValue spent, CommandContext context) {
                seen.add(context.now());
                return super.decide(spend, spent, context);
            }

            @Override
            public Optional<Outcome.Accepted<KpiValue>> onTick(String facility, KpiValue spent,
                    CommandContext context) {
                seen.add(context.now());
                return Optional.empty();
            }
        };
        CommandTopology<KpiValue, KpiValue> topology = budget.builder(clocked).clock(clock)
                .tick(Duration.ofMinutes(1)).build();
        run(topology);

        send("cmd-1", "F1", 10);
        // two days pass on the topology's clock, one minute on the stream thread's
        clock.advance(Duration.ofDays(2));
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        topology.violations(Budget.spend("F1", 1));

        assertThat(seen).containsExactly(Instant.parse("2030-01-01T18:30:00Z"), Instant.parse("2030-01-03T18:30:00Z"));
        assertThat(results.readValue().getProcessedAt()).isEqualTo(Instant.parse("2030-01-01T18:30:00Z"));
        // 18:30 UTC is 23:30 in the regulator's zone: still 1 January there, then 3 January for the gateway
        assertThat(validatedOn).containsExactly(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 1, 3));
    }

    @Test
    void aReplayedCommandYieldsTheSameEventMetadata() {
        send("cmd-1", "F1", 40);
        EventMetadata first = events.readValue();
        CommandResult firstResult = results.readValue();

        // after a crash before the commit, a new task decides the same command from scratch
        run(budget.topology());
        send("cmd-1", "F1", 40);

        assertThat(events.readValue()).isEqualTo(first);
        assertThat(results.readValue().getEventIds()).isEqualTo(firstResult.getEventIds());
    }

    @Test
    void aTimerRuleNamingItsOwnCauseYieldsTheSameEventIdsAtEveryTick() {
        CommandRules<KpiValue, KpiValue> announcesAtTick = new DelegatingRules(budget.rules) {
            @Override
            public Optional<Outcome.Accepted<KpiValue>> onTick(String facility, KpiValue spent,
                    CommandContext context) {
                CommandContext cause = context.causedBy("over-half:" + facility);
                return spent.getValue() > 50
                        ? Optional.of(new Outcome.Accepted<>(spent, facility, List.of(cause.metadata(0))))
                        : Optional.empty();
            }
        };
        run(budget.builder(announcesAtTick).tick(Duration.ofMinutes(1)).build());
        send("cmd-1", "F1", 60);
        events.readValuesToList();

        driver.advanceWallClockTime(Duration.ofMinutes(1));
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        List<EventMetadata> announced = events.readValuesToList();
        assertThat(announced).hasSize(2).extracting(EventMetadata::getEventId)
                .containsOnly(EventMetadataFactory.eventId("over-half:F1", 0));
        assertThat(announced).extracting(EventMetadata::getOccurredAt).doesNotHaveDuplicates();
    }

    private void run(CommandTopology<KpiValue, KpiValue> topology) {
        if (driver != null) {
            driver.close();
        }
        driver = TopologyTestSupport.driver(START, topology);
        commands = TopologyTestSupport.input(driver, budget.commands);
        results = TopologyTestSupport.output(driver, budget.results);
        totals = TopologyTestSupport.output(driver, budget.totals);
        events = TopologyTestSupport.output(driver, budget.events);
    }

    private void send(String commandId, String facility, double tonnes) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CommandHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        commands.pipeInput(new TestRecord<>(facility, Budget.spend(facility, tonnes), headers, START));
    }

    /** The budget's rules, for a test to change one step of. */
    private static class DelegatingRules implements CommandRules<KpiValue, KpiValue> {
        private final CommandRules<KpiValue, KpiValue> rules;

        DelegatingRules(CommandRules<KpiValue, KpiValue> rules) {
            this.rules = rules;
        }

        @Override
        public List<FieldViolation> validate(KpiValue spend, LocalDate today) {
            return rules.validate(spend, today);
        }

        @Override
        public Outcome<KpiValue> decide(KpiValue spend, KpiValue spent, CommandContext context) {
            return rules.decide(spend, spent, context);
        }
    }
}

package kz.taza.platform.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import kz.taza.events.common.CommandResult;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * A small test domain for the command machinery, built from the shared records so that no test-only schema is
 * needed: an emission budget per facility. A command ({@code KpiValue}: kpiId = facility, value = tonnes) spends from
 * the budget; the state is the total spent. Rules: the amount must be positive (INVALID), and the total may not pass
 * 100 t (CONFLICT). Each accepted spend writes the new total to the state topic and an event with metadata.
 */
final class Budget {

    static final double LIMIT = 100.0;
    static final ZoneId ZONE = ZoneOffset.ofHours(5);
    static final EventMetadataFactory EVENTS = new EventMetadataFactory("budget-test");

    final Topic<String, KpiValue> commands = Topic.named(TestNames.topic("budget", "commands"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(2).deadLettered().build();
    final Topic<String, CommandResult> results = Topic.named(TestNames.topic("budget", "command-results"))
            .values(AvroSerdes.of(CommandResult.class)).partitions(2).deadLettered().build();
    final Topic<String, KpiValue> totals = Topic.named(TestNames.topic("budget", "totals"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(2).compacted().build();
    final Topic<String, EventMetadata> events = Topic.named(TestNames.topic("budget", "events"))
            .values(AvroSerdes.of(EventMetadata.class)).partitions(2).build();

    /** The rules, as plain functions of command, state and context. */
    final CommandRules<KpiValue, KpiValue> rules = new CommandRules<>() {
        @Override
        public List<FieldViolation> validate(KpiValue spend, LocalDate today) {
            return spend.getValue() > 0 ? List.of()
                    : List.of(new FieldViolation("value", "must be greater than 0", "amount-not-positive"));
        }

        @Override
        public Outcome<KpiValue> decide(KpiValue spend, KpiValue spent, CommandContext context) {
            double before = spent == null ? 0.0 : spent.getValue();
            if (before + spend.getValue() > LIMIT) {
                return Outcome.Rejected.conflict("budget-exceeded",
                        "spending " + spend.getValue() + " t would exceed the budget of " + LIMIT + " t");
            }
            KpiValue total = total(context.aggregateId(), before + spend.getValue(), context.now());
            return new Outcome.Accepted<>(total, context.aggregateId(), List.of(context.metadata(0)));
        }
    };

    /** The new total to the totals topic, the event to the events topic. */
    final CommandRouting<KpiValue> routing = (facility, before, accepted) -> {
        List<Output> outputs = new java.util.ArrayList<>();
        outputs.add(Output.of(totals, facility, accepted.state()));
        accepted.events().forEach(event -> outputs.add(Output.of(events, facility, event)));
        return outputs;
    };

    CommandTopology<KpiValue, KpiValue> topology() {
        return builder().build();
    }

    /** The topology's builder with everything but the optional settings, for tests to add those. */
    CommandTopology.Builder<KpiValue, KpiValue> builder() {
        return builder(rules);
    }

    CommandTopology.Builder<KpiValue, KpiValue> builder(CommandRules<KpiValue, KpiValue> withRules) {
        return CommandTopology.<KpiValue, KpiValue>builder("budget")
                .commands(commands).results(results).state(AvroSerdes.of(KpiValue.class))
                .outputs(totals, events).rules(withRules).routing(routing).events(EVENTS).zone(ZONE);
    }

    static KpiValue spend(String facility, double tonnes) {
        return total(facility, tonnes, Instant.parse("2024-05-01T00:00:00Z"));
    }

    static KpiValue total(String facility, double tonnes, Instant at) {
        return KpiValue.newBuilder().setKpiId(facility).setScope("NATIONAL")
                .setPeriod(new KpiPeriod(KpiGranularity.YEAR, LocalDate.of(2024, 1, 1)))
                .setValue(tonnes).setUnit("t").setInputEvents(1).setDataAsOf(at).setComputedAt(at).build();
    }

}

package kz.taza.platform.command;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;


import kz.taza.events.common.CommandResult;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.RejectionKind;
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

    final Topic<String, KpiValue> commands = Topic.named(TestNames.topic("budget", "commands"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(2).deadLettered().build();
    final Topic<String, CommandResult> results = Topic.named(TestNames.topic("budget", "command-results"))
            .values(AvroSerdes.of(CommandResult.class)).partitions(2).build();
    final Topic<String, KpiValue> totals = Topic.named(TestNames.topic("budget", "totals"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(2).compacted().build();
    final Topic<String, EventMetadata> events = Topic.named(TestNames.topic("budget", "events"))
            .values(AvroSerdes.of(EventMetadata.class)).partitions(2).build();

    /** The rules, as a plain function of command and state. */
    final CommandHandler<KpiValue, KpiValue> rules = (spend, spent, meta) -> {
        if (spend.getValue() <= 0) {
            return Decision.reject(RejectionKind.INVALID, "amount-not-positive", "the amount must be positive",
                    List.of(new FieldViolation("value", "must be greater than 0")));
        }
        double before = spent == null ? 0.0 : spent.getValue();
        if (before + spend.getValue() > LIMIT) {
            return Decision.reject(RejectionKind.CONFLICT, "budget-exceeded",
                    "spending " + spend.getValue() + " t would exceed the budget of " + LIMIT + " t");
        }
        KpiValue total = total(meta.aggregateId(), before + spend.getValue(), meta.now());
        EventMetadata event = new EventMetadata("event-" + meta.commandId(), meta.now(), meta.commandId(), null,
                "budget-test");
        return Decision.accept(total, meta.aggregateId(), List.of(
                Output.of(totals, meta.aggregateId(), total),
                Output.of(events, meta.aggregateId(), event)));
    };

    CommandTopology<KpiValue, KpiValue> topology() {
        return CommandTopology.<KpiValue, KpiValue>builder("budget")
                .commands(commands).results(results).state(AvroSerdes.of(KpiValue.class))
                .outputs(totals, events).handler(rules).build();
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

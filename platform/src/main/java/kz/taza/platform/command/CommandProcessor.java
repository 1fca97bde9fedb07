package kz.taza.platform.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.RejectionKind;
import kz.taza.platform.command.CommandTopology.Routed;

/**
 * Applies commands to aggregates, exactly once. For each command: a command id seen before gets its first result again
 * and changes nothing; otherwise the handler decides against the current state, and the new state, the decision's
 * records and the result are written together (the Streams transaction makes them all-or-nothing).
 */
final class CommandProcessor<C extends SpecificRecord, S> implements Processor<String, C, String, Routed> {

    private final String stateStoreName;
    private final String resultStoreName;
    private final String resultsTopic;
    private final Set<String> destinations;
    private final CommandHandler<C, S> handler;
    private final Duration tick;
    private final Duration idempotencyWindow;

    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, S> state;
    private KeyValueStore<String, CommandResult> firstResults;

    CommandProcessor(String stateStoreName, String resultStoreName, String resultsTopic, Set<String> destinations,
            CommandHandler<C, S> handler, Duration tick, Duration idempotencyWindow) {
        this.stateStoreName = stateStoreName;
        this.resultStoreName = resultStoreName;
        this.resultsTopic = resultsTopic;
        this.destinations = destinations;
        this.handler = handler;
        this.tick = tick;
        this.idempotencyWindow = idempotencyWindow;
    }

    @Override
    public void init(ProcessorContext<String, Routed> processorContext) {
        this.context = processorContext;
        this.state = processorContext.getStateStore(stateStoreName);
        this.firstResults = processorContext.getStateStore(resultStoreName);
        if (tick != null) {
            processorContext.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::onTick);
        }
        // Forget command ids older than the idempotency window, at most every minute or window/10.
        Duration sweep = idempotencyWindow.dividedBy(10).compareTo(Duration.ofMinutes(1)) < 0
                ? idempotencyWindow.dividedBy(10) : Duration.ofMinutes(1);
        processorContext.schedule(sweep, PunctuationType.WALL_CLOCK_TIME, this::forgetOldCommandIds);
    }

    @Override
    public void process(Record<String, C> command) {
        String commandId = header(command, CommandHeaders.COMMAND_ID);
        if (commandId == null || commandId.isBlank()) {
            throw new IllegalArgumentException("command without a " + CommandHeaders.COMMAND_ID + " header");
        }
        if (command.key() == null || command.value() == null) {
            throw new IllegalArgumentException("command " + commandId + " has no aggregate id or no content");
        }
        CommandResult earlier = firstResults.get(commandId);
        if (earlier != null) {
            // A repeat (a client retry, or a replay): the first result again, nothing else.
            context.forward(new Record<>(commandId, new Routed(resultsTopic, earlier), command.timestamp()));
            return;
        }
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        CommandMeta meta = new CommandMeta(commandId, command.key(), Instant.ofEpochMilli(command.timestamp()), now);
        Decision<S> decision = handler.decide(command.value(), state.get(command.key()), meta);
        if (decision == null) {
            throw new IllegalStateException("handler returned no decision for command " + commandId);
        }
        List<String> eventIds = decision.accepted() ? apply(command.key(), decision, command.timestamp()) : List.of();
        CommandResult result = CommandResult.newBuilder()
                .setCommandId(commandId)
                .setAggregateId(command.key())
                .setCommandType(command.value().getSchema().getFullName())
                .setOutcome(decision.accepted() ? CommandOutcome.ACCEPTED : CommandOutcome.REJECTED)
                .setRejection(decision.accepted() ? RejectionKind.NONE : decision.rejection())
                .setReasonCode(decision.reasonCode())
                .setReason(decision.reason())
                .setViolations(decision.violations())
                .setResourceId(decision.resourceId())
                .setEventIds(eventIds)
                .setProcessedAt(now)
                .build();
        firstResults.put(commandId, result);
        context.forward(new Record<>(commandId, new Routed(resultsTopic, result), command.timestamp()));
    }

    /** Stores the new state and forwards the decision's records; returns the ids of the events among them. */
    private List<String> apply(String aggregateId, Decision<S> decision, long timestamp) {
        if (decision.newState() != null) {
            state.put(aggregateId, decision.newState());
        }
        List<String> eventIds = new ArrayList<>();
        for (Output output : decision.outputs()) {
            if (!destinations.contains(output.topic().name())) {
                throw new IllegalStateException("decision writes to " + output.topic().name()
                        + ", which is not an output of this command topology");
            }
            context.forward(new Record<>(output.key(), new Routed(output.topic().name(), output.value()), timestamp));
            String eventId = eventId(output.value());
            if (eventId != null) {
                eventIds.add(eventId);
            }
        }
        return eventIds;
    }

    private void onTick(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<String, Decision<S>>> decisions = new ArrayList<>();
        // Decide first, apply after: the store is not modified while it is being iterated.
        try (KeyValueIterator<String, S> all = state.all()) {
            while (all.hasNext()) {
                KeyValue<String, S> aggregate = all.next();
                Decision<S> decision = handler.onTick(aggregate.key, aggregate.value, now);
                if (decision != null && decision.accepted()) {
                    decisions.add(KeyValue.pair(aggregate.key, decision));
                }
            }
        }
        decisions.forEach(d -> apply(d.key, d.value, wallClockMs));
    }

    private void forgetOldCommandIds(long wallClockMs) {
        Instant horizon = Instant.ofEpochMilli(wallClockMs).minus(idempotencyWindow);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, CommandResult> all = firstResults.all()) {
            while (all.hasNext()) {
                KeyValue<String, CommandResult> entry = all.next();
                if (entry.value.getProcessedAt().isBefore(horizon)) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(firstResults::delete);
    }

    private static String header(Record<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The event id of a domain event: a record with an EventMetadata field named {@code metadata}, or the metadata. */
    private static String eventId(SpecificRecord value) {
        if (value == null) {
            return null;
        }
        if (value instanceof EventMetadata bare) {
            return bare.getEventId();
        }
        Schema.Field field = value.getSchema().getField("metadata");
        if (field == null) {
            return null;
        }
        Object metadata = value.get(field.pos());
        return metadata instanceof EventMetadata m ? m.getEventId() : null;
    }
}

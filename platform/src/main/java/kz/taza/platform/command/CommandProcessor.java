package kz.taza.platform.command;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.taza.events.common.CommandAuditEntry;
import kz.taza.events.common.CommandAuditTrail;
import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.RejectionKind;
import kz.taza.platform.command.CommandTopology.Routed;
import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.errors.Received;
import kz.taza.platform.errors.RejectedRecordHeaders.Stage;
import kz.taza.platform.errors.Rejection;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.RecordSizeLimit;
import kz.taza.platform.security.ActorRecords;
import kz.taza.platform.topic.Topic;

/**
 * Applies commands to aggregates, exactly once. For each command: a command id seen before gets its first result again
 * and changes nothing; otherwise the rules validate it, then decide on it against the current state, then the domain's
 * routing says where an acceptance's records go; the new state, those records and the result are written together
 * (the Streams transaction makes them all-or-nothing). The order is the same for every command, wherever it came from.
 */
final class CommandProcessor<C extends SpecificRecord, S>
        implements Processor<String, Received<C>, String, Routed> {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);

    /** Reason code of a command whose records would be too large to send. */
    static final String RECORD_TOO_LARGE = "RECORD_TOO_LARGE";

    private final String stateStoreName;
    private final String resultStoreName;
    private final String auditStoreName;
    private final String resultsTopic;
    private final String commandsTopic;
    private final String rejectedTopic;
    private final Map<String, Topic<String, ?>> destinations;
    private final Serde<S> stateSerde;
    private final CommandRules<C, S> rules;
    private final CommandRouting<S> routing;
    private final EventMetadataFactory events;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration tick;
    private final Duration idempotencyWindow;

    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, S> state;
    private KeyValueStore<String, CommandResult> firstResults;
    private KeyValueStore<String, CommandAuditTrail> audit;

    private Quarantine quarantine;
    private RecordSizeLimit sizeLimit;

    CommandProcessor(CommandTopology<C, S> topology, Map<String, Topic<String, ?>> destinations) {
        this.stateStoreName = topology.stateStoreName();
        this.resultStoreName = topology.resultStoreName();
        this.auditStoreName = topology.auditStoreName();
        this.resultsTopic = topology.resultsTopic().name();
        this.commandsTopic = topology.commandsTopic().name();
        this.rejectedTopic = topology.commandsTopic().rejectedTopicName();
        this.destinations = Map.copyOf(destinations);
        this.stateSerde = topology.stateSerde();
        this.rules = topology.rules();
        this.routing = topology.routing();
        this.events = topology.events();
        this.zone = topology.zone();
        this.clock = topology.clock();
        this.tick = topology.tick();
        this.idempotencyWindow = topology.idempotencyWindow();
    }

    @Override
    public void init(ProcessorContext<String, Routed> processorContext) {
        this.context = processorContext;
        this.state = processorContext.getStateStore(stateStoreName);
        this.firstResults = processorContext.getStateStore(resultStoreName);
        this.audit = processorContext.getStateStore(auditStoreName);
        this.quarantine = Quarantine.from(processorContext.appConfigs());
        this.sizeLimit = RecordSizeLimit.of(processorContext.appConfigs());
        if (tick != null) {
            processorContext.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::onTick);
        }
        // Forget command ids older than the idempotency window, at most every minute or window/10.
        Duration sweep = idempotencyWindow.dividedBy(10).compareTo(Duration.ofMinutes(1)) < 0
                ? idempotencyWindow.dividedBy(10) : Duration.ofMinutes(1);
        processorContext.schedule(sweep, PunctuationType.WALL_CLOCK_TIME, wallClockMs -> forgetOldCommandIds());
    }

    @Override
    public void process(Record<String, Received<C>> received) {
        String commandId = header(received, CommandHeaders.COMMAND_ID);
        if (commandId == null || commandId.isBlank()) {
            reject(received, "NO_COMMAND_ID", "command without a " + CommandHeaders.COMMAND_ID + " header");
            return;
        }
        if (received.key() == null || received.value() == null || received.value().value() == null) {
            reject(received, "NO_AGGREGATE_OR_CONTENT", "command " + commandId + " has no aggregate id or no content");
            return;
        }
        Record<String, C> command = received.withValue(received.value().value());
        CommandResult earlier = firstResults.get(commandId);
        boolean decideAgain = earlier != null && earlier.getOutcome() == CommandOutcome.REJECTED
                && "true".equals(header(received, CommandHeaders.DERIVED_ID));
        if (earlier != null && !decideAgain) {
            // A repeat (a client retry, or a replay): the first result again, nothing else. The result carries the
            // first request's digest, so the gateway tells a retry from a re-used key with another body (409).
            context.forward(new Record<>(commandId, new Routed(resultsTopic, earlier), command.timestamp()));
            return;
        }
        Instant now = now();
        CommandContext decision = new CommandContext(causeOf(commandId, command), command.key(),
                Instant.ofEpochMilli(command.timestamp()), now, zone, events);
        S before = state.get(command.key());
        Outcome<S> outcome = CommandRules.apply(rules, command.value(), before, decision);
        List<String> eventIds = List.of();
        if (outcome instanceof Outcome.Accepted<S> accepted && !accepted.unchanged()) {
            List<Output> outputs = routed(command.key(), before, accepted);
            String tooLarge = tooLarge(command.key(), accepted, outputs);
            if (tooLarge != null) {
                outcome = Outcome.Rejected.invalid(RECORD_TOO_LARGE, tooLarge, List.of());
            } else {
                eventIds = apply(command.key(), accepted, outputs, command.timestamp());
            }
        }
        CommandResult result = result(commandId, command, outcome, eventIds, now);
        firstResults.put(commandId, result);
        record(command, decision, result);
        context.forward(new Record<>(commandId, new Routed(resultsTopic, result), command.timestamp()));
    }

    /**
     * Appends the decided command to its aggregate's audit trail, in the same transaction as the decision: who sent
     * it, when, what came of it and which events it caused. A repeat of a command id is answered before this point,
     * so each command appears once.
     */
    private void record(Record<String, C> command, CommandContext decision, CommandResult result) {
        CommandAuditTrail trail = audit.get(command.key());
        List<CommandAuditEntry> entries = new ArrayList<>(trail == null ? List.of() : trail.getEntries());
        entries.add(CommandAuditEntry.newBuilder()
                .setCommandId(result.getCommandId())
                .setCommandType(result.getCommandType())
                .setActor(decision.cause().actor())
                .setSubmittedAt(decision.submittedAt())
                .setProcessedAt(result.getProcessedAt())
                .setOutcome(result.getOutcome())
                .setReasonCode(result.getReasonCode())
                .setEventIds(result.getEventIds())
                .build());
        audit.put(command.key(), new CommandAuditTrail(command.key(), entries));
    }

    /**
     * The cause of a command's events: the command's id and its sender (from its headers). This is the one place where
     * what a command record says about its origin becomes part of every event's metadata.
     */
    private static EventCause causeOf(String commandId, Record<String, ?> command) {
        Header actor = command.headers().lastHeader(CommandHeaders.ACTOR);
        return EventCause.of(commandId, actor == null ? null : ActorRecords.decode(actor.value()).orElse(null));
    }

    private static CommandResult result(String commandId, Record<String, ? extends SpecificRecord> command,
            Outcome<?> outcome, List<String> eventIds, Instant now) {
        CommandResult.Builder result = CommandResult.newBuilder()
                .setCommandId(commandId)
                .setAggregateId(command.key())
                .setCommandType(command.value().getSchema().getFullName())
                .setEventIds(eventIds)
                .setProcessedAt(now)
                .setRequestDigest(header(command, CommandHeaders.REQUEST_DIGEST));
        if (outcome instanceof Outcome.Rejected<?> rejected) {
            return result.setOutcome(CommandOutcome.REJECTED).setRejection(rejected.kind())
                    .setReasonCode(rejected.code()).setReason(rejected.reason())
                    .setViolations(rejected.violations()).setResourceId(null).build();
        }
        return result.setOutcome(CommandOutcome.ACCEPTED).setRejection(RejectionKind.NONE)
                .setReasonCode(null).setReason(null).setViolations(List.of())
                .setResourceId(((Outcome.Accepted<?>) outcome).resourceId()).build();
    }

    /** Where the domain's routing sends an acceptance's records, checked against the topology's outputs. */
    private List<Output> routed(String aggregateId, S before, Outcome.Accepted<S> accepted) {
        List<Output> outputs = routing.route(aggregateId, before, accepted);
        Set<SpecificRecord> unwritten = Collections.newSetFromMap(new IdentityHashMap<>());
        unwritten.addAll(accepted.events());
        for (Output output : outputs) {
            if (!destinations.containsKey(output.topic().name())) {
                throw new IllegalStateException("the routing writes to " + output.topic().name()
                        + ", which is not an output of this command topology");
            }
            unwritten.remove(output.value());
        }
        if (!unwritten.isEmpty()) {
            throw new IllegalStateException("the routing writes no topic for " + unwritten.size()
                    + " event(s) of the outcome, e.g. " + unwritten.iterator().next().getSchema().getFullName());
        }
        return outputs;
    }

    /**
     * Why the acceptance cannot be written (a record of it, or the aggregate's new state in its changelog, above what
     * the producer sends); {@code null} when everything fits. Measured as the producer measures, before anything is
     * stored or sent, so the store, its changelog and the outputs never disagree.
     */
    private String tooLarge(String aggregateId, Outcome.Accepted<S> accepted, List<Output> outputs) {
        byte[] key = Serdes.String().serializer().serialize(stateStoreName, aggregateId);
        int stateSize = sizeLimit.sizeOf(key, stateSerde.serializer().serialize(stateStoreName, accepted.state()),
                NO_HEADERS);
        if (stateSize > sizeLimit.maxBytes()) {
            return "the aggregate's new state would be a record of " + stateSize + " bytes, above the limit of "
                    + sizeLimit.maxBytes() + " bytes";
        }
        for (Output output : outputs) {
            int size = sizeOf(output);
            if (size > sizeLimit.maxBytes()) {
                return "the command would write a record of " + size + " bytes to " + output.topic().name()
                        + ", above the limit of " + sizeLimit.maxBytes() + " bytes";
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private <V> int sizeOf(Output output) {
        Topic<String, V> topic = (Topic<String, V>) destinations.get(output.topic().name());
        return sizeLimit.sizeOf(topic.keySerde().serializer().serialize(topic.name(), output.key()),
                topic.valueSerde().serializer().serialize(topic.name(), (V) output.value()), NO_HEADERS);
    }

    /** A record on the commands topic that is not a command: to the dead-letter topic, in this transaction. */
    private void reject(Record<String, Received<C>> received, String reason, String message) {
        Rejection rejection = Rejection.of(context, received.headers(),
                received.value() == null ? null : received.value().raw(), IllegalArgumentException.class.getName(),
                reason, message, Stage.PROCESSING);
        if (quarantine != null) {
            quarantine.count(commandsTopic, reason);
        }
        context.forward(new Record<>(received.key(), new Routed(rejectedTopic, rejection.raw()),
                received.timestamp(), rejection.headers()));
    }

    /** Stores the new state and forwards the routed records; returns the ids of the outcome's events. */
    private List<String> apply(String aggregateId, Outcome.Accepted<S> accepted, List<Output> outputs,
            long timestamp) {
        state.put(aggregateId, accepted.state());
        outputs.forEach(output -> context.forward(new Record<>(output.key(),
                new Routed(output.topic().name(), output.value()), timestamp)));
        List<String> eventIds = new ArrayList<>();
        for (SpecificRecord event : accepted.events()) {
            String eventId = eventId(event);
            if (eventId != null) {
                eventIds.add(eventId);
            }
        }
        return eventIds;
    }

    /**
     * Runs the time-driven rules at {@link #now()}; what they write is timestamped with the stream thread's clock
     * ({@code wallClockMs}), as records on their way to the broker must be.
     */
    private void onTick(long wallClockMs) {
        Instant now = now();
        List<KeyValue<String, S>> before = new ArrayList<>();
        List<Outcome.Accepted<S>> decided = new ArrayList<>();
        // Decide first, apply after: the store is not modified while it is being iterated.
        try (KeyValueIterator<String, S> all = state.all()) {
            while (all.hasNext()) {
                KeyValue<String, S> aggregate = all.next();
                CommandContext tickContext = CommandContext.of("tick:" + aggregate.key + ":" + now.toEpochMilli(),
                        aggregate.key, now, zone, events);
                rules.onTick(aggregate.key, aggregate.value, tickContext).filter(accepted -> !accepted.unchanged())
                        .ifPresent(accepted -> {
                    before.add(aggregate);
                    decided.add(accepted);
                });
            }
        }
        for (int i = 0; i < decided.size(); i++) {
            String aggregateId = before.get(i).key;
            List<Output> outputs = routed(aggregateId, before.get(i).value, decided.get(i));
            String tooLarge = tooLarge(aggregateId, decided.get(i), outputs);
            if (tooLarge != null) {
                // No command to reject: the aggregate stays as it is, and the next tick tries again.
                log.error("Tick of {} not applied: {}", aggregateId, tooLarge);
                continue;
            }
            apply(aggregateId, decided.get(i), outputs, wallClockMs);
        }
    }

    private void forgetOldCommandIds() {
        Instant horizon = now().minus(idempotencyWindow);
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

    /** The topology's clock when it has one (tests let days pass with it), the stream thread's clock otherwise. */
    private Instant now() {
        return clock != null ? clock.instant() : Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    private static final Header[] NO_HEADERS = new Header[0];

    private static String header(Record<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The event id of a domain event: a record with an EventMetadata field named {@code metadata}, or the metadata. */
    private static String eventId(SpecificRecord value) {
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

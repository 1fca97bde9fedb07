package kz.taza.platform.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import kz.taza.events.common.CommandAuditTrail;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.topic.Topic;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The command side of a domain as one Streams sub-topology: commands keyed by aggregate id go through a
 * {@link CommandProcessor}, the only writer of the aggregate state store, which runs the domain's
 * {@link CommandRules} (validate, then decide) and {@link CommandRouting}; every record an acceptance produces (domain
 * events, compacted state) and the command's result are written in the same exactly-once transaction as the state
 * change. The command gateway of the domain is made from the same topology
 * ({@link CommandGatewayFactory#create(CommandTopology)}), so REST checks a command with exactly these rules, on the
 * same clock, before sending it.
 *
 * <p>A record on the commands topic that does not decode, or that is not a command (no command id, no aggregate id, no
 * content), goes to the commands topic's dead-letter topic in the same transaction, and the next command is decided. A
 * command whose records (its events, the aggregate's new state and its changelog, its result) would be too large to
 * send is rejected ({@code RECORD_TOO_LARGE}) before anything is written: the aggregate stays as it was, and the
 * sender gets a REJECTED result instead of waiting for ever.
 *
 * <pre>
 * commands ──▶ command processor (state store, results store) ──▶ each declared output topic
 *                                                               └▶ results topic (keyed by command id)
 * </pre>
 *
 * @param <C> command record type
 * @param <S> aggregate state type
 */
public final class CommandTopology<C extends SpecificRecord, S> implements StreamsTopology {

    /** How audit trails are stored (and changelogged): Avro, like every other record of the platform. */
    static final Serde<CommandAuditTrail> AUDIT_SERDE = AvroSerdes.of(CommandAuditTrail.class);


    /** Kafka's default {@code log.retention.hours}, for a commands topic that declares no retention of its own. */
    static final Duration BROKER_DEFAULT_RETENTION = Duration.ofDays(7);

    private final String name;
    private final Topic<String, C> commands;
    private final Topic<String, CommandResult> results;
    private final Serde<S> stateSerde;
    private final List<Topic<String, ?>> outputs;
    private final CommandRules<C, S> rules;
    private final CommandRouting<S> routing;
    private final EventMetadataFactory events;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration tick;
    private final Duration idempotencyWindow;

    private CommandTopology(Builder<C, S> b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.commands = Objects.requireNonNull(b.commands, "commands topic");
        this.results = Objects.requireNonNull(b.results, "results topic");
        if (!results.deadLettered()) {
            // Every instance's result follower reads it and must be able to quarantine what it cannot read.
            throw new IllegalArgumentException("results topic " + results.name() + " must be dead-lettered");
        }
        this.stateSerde = Objects.requireNonNull(b.stateSerde, "state serde");
        this.outputs = List.copyOf(b.outputs);
        this.rules = Objects.requireNonNull(b.rules, "rules");
        this.routing = Objects.requireNonNull(b.routing, "routing");
        this.events = Objects.requireNonNull(b.events, "event metadata factory");
        this.zone = Objects.requireNonNull(b.zone, "zone");
        this.clock = b.clock;
        this.tick = b.tick;
        Duration retention = commands.retention().orElse(BROKER_DEFAULT_RETENTION);
        this.idempotencyWindow = b.idempotencyWindow != null ? b.idempotencyWindow : retention;
        if (commands.retention().isPresent() && idempotencyWindow.compareTo(retention) < 0) {
            // A command still on the topic after its id is forgotten would be decided again if it were replayed.
            throw new IllegalArgumentException("the idempotency window of " + name + " (" + idempotencyWindow
                    + ") is shorter than the retention of " + commands.name() + " (" + retention + ")");
        }
    }

    public static <C extends SpecificRecord, S> Builder<C, S> builder(String name) {
        return new Builder<>(name);
    }

    /** Name of the aggregate state store, for interactive queries. */
    public String stateStoreName() {
        return name + "-state";
    }

    /** Name of the store of each aggregate's audit trail: every command it was given, who sent it, what came of it. */
    public String auditStoreName() {
        return name + "-audit";
    }

    /** Name of the store of first results by command id (idempotency). */
    public String resultStoreName() {
        return name + "-results";
    }

    @Override
    public void build(StreamsBuilder builder) {
        StoreBuilder<KeyValueStore<String, S>> state = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(stateStoreName()), Serdes.String(), stateSerde);
        StoreBuilder<KeyValueStore<String, CommandResult>> firstResults = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(resultStoreName()), Serdes.String(), results.valueSerde());
        StoreBuilder<KeyValueStore<String, CommandAuditTrail>> audit = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(auditStoreName()), Serdes.String(), AUDIT_SERDE);
        builder.addStateStore(state);
        builder.addStateStore(firstResults);
        builder.addStateStore(audit);

        Map<String, Topic<String, ?>> destinations = new LinkedHashMap<>();
        outputs.forEach(topic -> destinations.put(topic.name(), topic));
        destinations.put(results.name(), results);

        // Decide on each command, one at a time per aggregate, against the state this processor alone writes;
        // what does not decode is quarantined on the way in, what is not a command by the processor.
        KStream<String, Routed> decided = Inputs.received(builder, commands)
                .process(() -> new CommandProcessor<>(this, destinations),
                        Named.as(name + "-processor"), stateStoreName(), resultStoreName(), auditStoreName());

        // Fan the decisions out to their topics, each with its own serde, in the transaction of the state change.
        destinations.values().forEach(topic -> writeTo(decided, topic.name(), topic.keySerde(), topic.valueSerde()));
        writeTo(decided, commands.rejectedTopicName(), Serdes.String(), Serdes.ByteArray());
    }

    @SuppressWarnings("unchecked")
    private <V> void writeTo(KStream<String, Routed> decided, String topic, Serde<String> keys, Serde<V> values) {
        decided.filter((key, routed) -> routed.topic().equals(topic), Named.as(name + "-to-" + topic))
                .mapValues(routed -> (V) routed.value(), Named.as(name + "-unwrap-" + topic))
                .to(topic, Produced.with(keys, values).withName(name + "-write-" + topic));
    }

    /** What the rules find wrong with a command on its own today: what the processor would reject it for first. */
    List<FieldViolation> violations(C command) {
        Instant now = clock != null ? clock.instant() : Instant.now();
        return rules.validate(command, LocalDate.ofInstant(now, zone));
    }

    Serde<S> stateSerde() {
        return stateSerde;
    }

    Topic<String, C> commandsTopic() {
        return commands;
    }

    Topic<String, CommandResult> resultsTopic() {
        return results;
    }

    CommandRules<C, S> rules() {
        return rules;
    }

    CommandRouting<S> routing() {
        return routing;
    }

    EventMetadataFactory events() {
        return events;
    }

    ZoneId zone() {
        return zone;
    }

    Clock clock() {
        return clock;
    }

    Duration tick() {
        return tick;
    }

    Duration idempotencyWindow() {
        return idempotencyWindow;
    }

    /** A record on its way to one of the topology's output topics. */
    record Routed(String topic, Object value) {
    }

    /** Builds a {@link CommandTopology}. */
    public static final class Builder<C extends SpecificRecord, S> {
        private final String name;
        private Topic<String, C> commands;
        private Topic<String, CommandResult> results;
        private Serde<S> stateSerde;
        private final List<Topic<String, ?>> outputs = new ArrayList<>();
        private CommandRules<C, S> rules;
        private CommandRouting<S> routing;
        private EventMetadataFactory events;
        private ZoneId zone;
        private Clock clock;
        private Duration tick;
        private Duration idempotencyWindow;

        private Builder(String name) {
            this.name = name;
        }

        /** The commands topic, keyed by aggregate id; it should be dead-lettered (commands without an id go there). */
        public Builder<C, S> commands(Topic<String, C> topic) {
            this.commands = topic;
            return this;
        }

        /** The results topic, keyed by command id; dead-lettered, as every topic something reads. */
        public Builder<C, S> results(Topic<String, CommandResult> topic) {
            this.results = topic;
            return this;
        }

        public Builder<C, S> state(Serde<S> serde) {
            this.stateSerde = serde;
            return this;
        }

        /** Every topic the routing may write to (events, compacted state). */
        @SafeVarargs
        public final Builder<C, S> outputs(Topic<String, ?>... topics) {
            this.outputs.addAll(List.of(topics));
            return this;
        }

        /** The domain's rules: validated, then decided, for every command. */
        public Builder<C, S> rules(CommandRules<C, S> commandRules) {
            this.rules = commandRules;
            return this;
        }

        /** Where an acceptance's events and state go. */
        public Builder<C, S> routing(CommandRouting<S> commandRouting) {
            this.routing = commandRouting;
            return this;
        }

        /** The service's event metadata factory: ids, correlation and producer of every event decided here. */
        public Builder<C, S> events(EventMetadataFactory factory) {
            this.events = factory;
            return this;
        }

        /** The regulator's zone, in which the rules' calendar days are cut. */
        public Builder<C, S> zone(ZoneId regulatorZone) {
            this.zone = regulatorZone;
            return this;
        }

        /**
         * The clock the rules see as {@link CommandContext#now()} (and ticks and the idempotency window use); without
         * one, the stream thread's clock. A service passes its one clock, which tests replace to let days pass.
         */
        public Builder<C, S> clock(Clock decisionClock) {
            this.clock = decisionClock;
            return this;
        }

        /** Calls {@link CommandRules#onTick} for every aggregate at this wall-clock interval. */
        public Builder<C, S> tick(Duration interval) {
            this.tick = interval;
            return this;
        }

        /**
         * How long a command id is remembered so that its repeats get the first result: by default as long as the
         * commands topic keeps its commands (its declared retention, else the broker's default of seven days); never
         * shorter than the declared retention.
         */
        public Builder<C, S> idempotencyWindow(Duration window) {
            this.idempotencyWindow = window;
            return this;
        }

        public CommandTopology<C, S> build() {
            return new CommandTopology<>(this);
        }
    }
}

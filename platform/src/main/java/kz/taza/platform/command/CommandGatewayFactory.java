package kz.taza.platform.command;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.SmartLifecycle;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import kz.taza.events.common.CommandResult;
import kz.taza.platform.access.KafkaAccessFailures;
import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.health.FollowersHealth;
import kz.taza.platform.kafka.KafkaClients;
import kz.taza.platform.topic.Topic;

/**
 * Makes the {@link CommandGateway} of a domain from its {@link CommandTopology}: the gateway sends to the topology's
 * commands topic, follows its results topic while the service runs, and validates every command with the topology's
 * rules before sending it. All gateways of a service share one idempotent producer; both clients come from
 * {@link KafkaClients}, so they carry the service's Kafka settings, security and metrics. A service declares its gateway as
 * a bean:
 *
 * <pre>{@code
 * @Bean
 * CommandGateway<SpecificRecord> permitCommands(CommandGatewayFactory factory,
 *         CommandTopology<SpecificRecord, FacilityPermitState> permitCommandTopology) {
 *     return factory.create(permitCommandTopology);
 * }
 * }</pre>
 */
public class CommandGatewayFactory implements SmartLifecycle {

    private final KafkaClients clients;
    private final CircuitBreakerRegistry circuitBreakers;
    private final Duration waitForResult;
    private final Duration sendTimeout;
    private final Duration resultLookBack;
    private final int resultCacheSize;
    private final Quarantine quarantine;
    private final FollowersHealth followers;
    private final MeterRegistry meters;
    private final List<CommandResultTracker> trackers = new CopyOnWriteArrayList<>();
    private Producer<String, byte[]> producer;
    private volatile boolean running;

    public CommandGatewayFactory(KafkaClients clients, CircuitBreakerRegistry circuitBreakers, Duration waitForResult,
            Duration sendTimeout, Duration resultLookBack, int resultCacheSize, Quarantine quarantine,
            FollowersHealth followers, MeterRegistry meters) {
        this.meters = meters;
        this.quarantine = quarantine;
        this.followers = followers;
        this.clients = clients;
        this.circuitBreakers = circuitBreakers;
        this.waitForResult = waitForResult;
        this.sendTimeout = sendTimeout;
        this.resultLookBack = resultLookBack;
        this.resultCacheSize = resultCacheSize;
    }

    /** The gateway of a command topology: its commands, its results, its rules' validation. */
    public <C extends SpecificRecord> CommandGateway<C> create(CommandTopology<C, ?> topology) {
        return create(topology, waitForResult);
    }

    /** As {@link #create(CommandTopology)}, waiting {@code wait} for each result instead of the configured time. */
    public synchronized <C extends SpecificRecord> CommandGateway<C> create(CommandTopology<C, ?> topology,
            Duration wait) {
        Topic<String, C> commands = topology.commandsTopic();
        Topic<String, CommandResult> results = topology.resultsTopic();
        if (producer == null) {
            producer = clients.producer("commands", StringSerializer.class, ByteArraySerializer.class, Map.of());
        }
        CommandResultTracker tracker = new CommandResultTracker(results,
                clients.consumer("command-results", StringDeserializer.class, ByteArrayDeserializer.class),
                quarantine, resultLookBack, resultCacheSize);
        trackers.add(tracker);
        followers.register("command-results", results.name(), tracker::isFollowing);
        if (running) {
            start(tracker);
        }
        return new CommandGateway<>(commands, topology::violations, producer, tracker, wait, sendTimeout,
                circuitBreakers.circuitBreaker("commands-" + commands.name()),
                new CommandMetrics(meters, commands.name()));
    }

    /** The result of a recent command, as the follower of its results topic saw it. */
    public Optional<CommandResult> recentResult(String commandId) {
        return trackers.stream().map(tracker -> tracker.find(commandId)).flatMap(Optional::stream).findFirst();
    }

    @Override
    public void start() {
        trackers.forEach(this::start);
        running = true;
    }

    /** Starts a follower; a refused login or a missing ACL is named. */
    private void start(CommandResultTracker tracker) {
        try {
            tracker.start();
        } catch (RuntimeException e) {
            throw KafkaAccessFailures.translate(e, clients.connectionSettings(), "DESCRIBE and READ",
                    List.of("topic " + tracker.topicName()), "following the command results at start-up");
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        trackers.forEach(CommandResultTracker::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * The gateways' phase: below the web server's start and stop ({@code DEFAULT_PHASE - 2048}) and its graceful
     * shutdown ({@code DEFAULT_PHASE - 1024}), and above the Streams application's. So the gateways follow their
     * results before the web server takes requests, and at shutdown the web server first finishes the requests in
     * flight (which wait for their results here), then the gateways stop, then Streams.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

    /** After the topics are declared and Streams has started, before the web server takes requests. */
    @Override
    public int getPhase() {
        return PHASE;
    }
}

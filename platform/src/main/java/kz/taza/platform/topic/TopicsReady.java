package kz.taza.platform.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

import kz.taza.platform.access.KafkaAccessFailures;

/**
 * Holds the service's start until every declared topic is visible with a leader for each partition, and each leader
 * serves its partition.
 *
 * <p>Spring's {@link KafkaAdmin} creates missing topics before any lifecycle bean starts, but a broker can answer the
 * creation before its metadata shows the new topics; a Streams application that starts in that gap finds "missing
 * source topics" and stops. Starting first among the lifecycle beans, this waits (bounded) until the topics can be
 * described, so the Streams application and the command gateways start against topics that are there.
 *
 * <p>The metadata can also name a leader a moment before that broker serves the partition. An idempotent producer
 * whose first batch lands in that gap gets NOT_LEADER_OR_FOLLOWER while its next batch succeeds, and then retries the
 * first with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (KAFKA-14359). So the wait ends only when the
 * latest offset of every partition can be listed, which the leader answers itself.
 *
 * <p>Made with {@link #declaring}, it also declares the topics (the {@link KafkaAdmin}'s {@code NewTopic} beans)
 * before it waits: the first time a service talks to the broker. A refused login or a missing ACL then stops the
 * start at once with an error naming the principal, the resource and the operation ({@link KafkaAccessFailures}).
 */
public class TopicsReady implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicsReady.class);

    private final KafkaAdmin admin;
    private final List<String> topics;
    private final Duration timeout;
    private final boolean declares;
    private volatile boolean running;

    /** Waits for topics that something else declares. */
    public TopicsReady(KafkaAdmin admin, List<String> topics, Duration timeout) {
        this(admin, topics, timeout, false);
    }

    private TopicsReady(KafkaAdmin admin, List<String> topics, Duration timeout, boolean declares) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
        this.declares = declares;
    }

    /**
     * Declares the admin's topics when it starts, then waits for {@code topics}. The admin's own declaration when the
     * context is refreshed is turned off (it would meet a refused login or a missing ACL first, and report it without
     * naming either): call this before the context's singletons are all made, as a bean method does.
     */
    public static TopicsReady declaring(KafkaAdmin admin, List<String> topics, Duration timeout) {
        admin.setAutoCreate(false);
        return new TopicsReady(admin, topics, timeout, true);
    }

    @Override
    public void start() {
        Map<String, Object> config = admin.getConfigurationProperties();
        if (declares) {
            declare(config);
        }
        if (topics.isEmpty()) {
            running = true;
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        long pause = 50;
        try (Admin client = Admin.create(admin.getConfigurationProperties())) {
            while (System.nanoTime() < deadline) {
                try {
                    Map<String, TopicDescription> described = admin.describeTopics(topics.toArray(String[]::new));
                    if (described.size() == topics.size() && described.values().stream().allMatch(TopicsReady::led)
                            && served(client, described)) {
                        running = true;
                        return;
                    }
                    last = null;
                } catch (RuntimeException | ExecutionException | TimeoutException e) {
                    Optional<IllegalStateException> denied = KafkaAccessFailures.named(e, config, "DESCRIBE",
                            List.of(topicNames(topics)), "waiting for the service's declared topics at start-up");
                    if (denied.isPresent()) {
                        throw denied.get();
                    }
                    last = e;
                }
                pause = pause(pause);
            }
        }
        log.error("Declared topics not visible after {}: {}", timeout, topics, last);
        throw new IllegalStateException("declared topics are not visible on the cluster after " + timeout + ": "
                + topics + anonymousHint(config), last);
    }

    /**
     * Declares the topics; a refused login or a missing ACL is named. Kafka does not say which topics a refused
     * creation was for, so the declared topics are asked about: those the principal may not even describe are
     * refused DESCRIBE, else the creation of the missing ones was refused CREATE.
     */
    private void declare(Map<String, Object> config) {
        try {
            admin.initialize();
        } catch (RuntimeException e) {
            Throwable denial = e;
            while (denial != null && !(denial instanceof TopicAuthorizationException)) {
                denial = denial.getCause();
            }
            String operation = "CREATE";
            List<String> resources = List.of();
            if (denial instanceof TopicAuthorizationException refused) {
                Set<String> asked = refused.unauthorizedTopics().isEmpty() ? Set.copyOf(topics)
                        : refused.unauthorizedTopics();
                Map<String, Boolean> describable = describable(config, asked);
                List<String> undescribable = describable.entrySet().stream().filter(entry -> !entry.getValue())
                        .map(Map.Entry::getKey).sorted().toList();
                operation = undescribable.isEmpty() ? "CREATE" : "DESCRIBE";
                resources = List.of(topicNames(undescribable.isEmpty() ? describable.keySet() : undescribable));
            }
            RuntimeException named = KafkaAccessFailures.translate(e, config, operation, resources,
                    "declaring the service's topics at start-up");
            if (named == e && !anonymousHint(config).isEmpty()) {
                throw new IllegalStateException("could not declare the service's topics" + anonymousHint(config), e);
            }
            throw named;
        }
    }

    /** Whether the principal may describe each topic (true also when the question itself fails otherwise). */
    private static Map<String, Boolean> describable(Map<String, Object> config, Set<String> names) {
        Map<String, Boolean> answers = new java.util.TreeMap<>();
        try (Admin client = Admin.create(config)) {
            client.describeTopics(names).topicNameValues().forEach((name, description) -> {
                boolean refused;
                try {
                    description.get(10, TimeUnit.SECONDS);
                    refused = false;
                } catch (ExecutionException e) {
                    refused = e.getCause() instanceof TopicAuthorizationException;
                } catch (TimeoutException e) {
                    refused = false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    refused = false;
                }
                answers.put(name, !refused);
            });
        }
        return answers;
    }

    private static String topicNames(java.util.Collection<String> names) {
        return KafkaAccessFailures.topics(names);
    }

    /** Why a client without a login may wait in vain: a secured broker closes its connections without an answer. */
    private static String anonymousHint(Map<String, Object> config) {
        return KafkaAccessFailures.anonymous(config)
                ? " (the client has no SASL login, " + KafkaAccessFailures.principal(config)
                        + ": a broker that requires one closes its connections without an answer)"
                : "";
    }

    /** True when every partition's leader answers for it (the latest offset can be listed). */
    private static boolean served(Admin client, Map<String, TopicDescription> described)
            throws ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        described.values().forEach(d -> d.partitions().forEach(p ->
                partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        try {
            client.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics " + described.keySet(), e);
        }
    }

    private long pause(long pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
        }
        return Math.min(pause * 2, 1000);
    }

    private static boolean led(TopicDescription description) {
        return !description.partitions().isEmpty()
                && description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(l -> l != null);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before every other lifecycle bean: Streams applications, command gateways. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}

package kz.taza.platform.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

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
 */
public class TopicsReady implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicsReady.class);

    private final KafkaAdmin admin;
    private final List<String> topics;
    private final Duration timeout;
    private volatile boolean running;

    public TopicsReady(KafkaAdmin admin, List<String> topics, Duration timeout) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.timeout = timeout;
    }

    @Override
    public void start() {
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
                    last = e;
                }
                pause = pause(pause);
            }
        }
        log.error("Declared topics not visible after {}: {}", timeout, topics, last);
        throw new IllegalStateException("declared topics are not visible on the cluster after " + timeout + ": "
                + topics, last);
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

package kz.taza.platform.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.platform.errors.DecodeFailure;
import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.errors.RejectedRecordHeaders.Stage;
import kz.taza.platform.topic.Topic;
import kz.taza.schemas.codec.SchemaSourceUnavailableException;

/**
 * Follows a results topic on every instance of a service, so that whichever instance sent a command learns its result,
 * and any instance can answer the status URL of a recent command.
 *
 * <p>It reads all partitions without a consumer group (each instance needs every result), starting a little in the
 * past so that results of commands sent just before a restart can still be looked up. Recent results are kept in a
 * bounded cache; callers waiting for a result register before they send, so no result is missed. It reads the results
 * as bytes and decodes them with the topic's serde.
 *
 * <p>A record that does not decode is quarantined to the results topic's dead-letter topic (once per record in this
 * process; there is no transaction, and every instance reads the topic whole) and the follower goes on with the next.
 * Any other failure stops it, and {@link #isFollowing()} (part of the service's liveness) turns false, so the instance
 * is restarted instead of answering every command with 202 for ever.
 */
public class CommandResultTracker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommandResultTracker.class);

    private final Topic<String, CommandResult> results;
    private final Consumer<String, byte[]> consumer;
    private final Quarantine quarantine;
    private final Duration lookBack;
    private final Map<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();
    private final Map<String, CommandResult> recent;
    private volatile boolean running;
    private volatile boolean failed;
    private Thread poller;

    public CommandResultTracker(Topic<String, CommandResult> results, Consumer<String, byte[]> consumer,
            Quarantine quarantine, Duration lookBack, int cacheSize) {
        this.results = results;
        this.consumer = consumer;
        this.quarantine = quarantine;
        this.lookBack = lookBack;
        this.recent = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommandResult> eldest) {
                return size() > cacheSize;
            }
        });
    }

    /** Registers interest in a command's result; call before sending the command. */
    public CompletableFuture<CommandResult> expect(String commandId) {
        return expect(commandId, false);
    }

    /**
     * As {@link #expect(String)}; with {@code rejectionDecidedAnew} a rejection already known for the id does not
     * answer (the command processor decides a repeated derived-id command anew after a rejection, and its new result
     * is the answer).
     */
    public CompletableFuture<CommandResult> expect(String commandId, boolean rejectionDecidedAnew) {
        CompletableFuture<CommandResult> future = waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
        CommandResult known = recent.get(commandId);
        if (known != null && !(rejectionDecidedAnew && known.getOutcome() == CommandOutcome.REJECTED)) {
            complete(known);
        }
        return future;
    }

    /** Stops waiting (after a timeout); a late result still lands in the cache. */
    public void forget(String commandId) {
        waiting.remove(commandId);
    }

    /** The result of a recent command, if this instance has seen it. */
    public Optional<CommandResult> find(String commandId) {
        return Optional.ofNullable(recent.get(commandId));
    }

    private void complete(CommandResult result) {
        CompletableFuture<CommandResult> future = waiting.remove(result.getCommandId());
        if (future != null) {
            future.complete(result);
        }
    }

    /** The results topic this follows. */
    public String topicName() {
        return results.name();
    }

    @Override
    public void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(results.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = Instant.now().minus(lookBack).toEpochMilli();
        partitions.forEach(p -> since.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(30));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToEnd(List.of(partition));
            }
        }
        running = true;
        poller = new Thread(this::poll, "command-results-" + results.name());
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    CommandResult result = decode(record);
                    if (result != null) {
                        recent.put(result.getCommandId(), result);
                        complete(result);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            log.error("Stopped following {}: command results will time out until restart (liveness is DOWN)",
                    results.name(), e);
            failed = true;
            running = false;
        } finally {
            // With close options, so that the consumer factory's listeners (metrics) hear of it.
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** The result, or {@code null} for a tombstone or a record that did not decode (quarantined). */
    private CommandResult decode(ConsumerRecord<String, byte[]> record) {
        try {
            return results.value(record);
        } catch (SchemaSourceUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            quarantine.quarantine(record.topic(), record.partition(), record.offset(),
                    record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value(),
                    record.headers(), Stage.DESERIALIZATION, DecodeFailure.of(e).name(), e);
            return null;
        }
    }

    /** False once the follower has stopped on a failure; true before it starts and while it reads. */
    public boolean isFollowing() {
        return !failed;
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        if (poller != null) {
            try {
                poller.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

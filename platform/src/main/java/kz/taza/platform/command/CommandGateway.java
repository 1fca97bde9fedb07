package kz.taza.platform.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import kz.taza.events.common.CommandResult;
import kz.taza.platform.topic.Topic;

/**
 * Sends commands of one domain and waits a bounded time for their results: at most the send timeout for the broker to
 * take the command, then at most the result wait for the command processor to answer.
 *
 * <p>A client's {@code Idempotency-Key} becomes the command id (a name-based UUID of the commands topic, the aggregate
 * and the key), so a retried request carries the same id and the command processor answers it with the first result,
 * changing nothing. Sending is guarded by a circuit breaker: when the broker cannot take commands, requests fail fast
 * instead of piling up.
 *
 * @param <C> the command record type of the commands topic
 */
public class CommandGateway<C extends SpecificRecord> {

    /** Commands of one batch in flight at once. */
    static final int BATCH_PARALLELISM = 8;

    private final Topic<String, C> commands;
    private final Producer<String, byte[]> producer;
    private final CommandResultTracker tracker;
    private final Duration waitForResult;
    private final Duration sendTimeout;
    private final CircuitBreaker sendGuard;
    // Batches send a few commands at a time; idle threads end, so a gateway needs no shutdown.
    private final ThreadPoolExecutor batchSenders = new ThreadPoolExecutor(BATCH_PARALLELISM, BATCH_PARALLELISM,
            30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "taza-command-batch");
                thread.setDaemon(true);
                return thread;
            });

    public CommandGateway(Topic<String, C> commands, Producer<String, byte[]> producer, CommandResultTracker tracker,
            Duration waitForResult, Duration sendTimeout, CircuitBreaker sendGuard) {
        this.commands = commands;
        this.producer = producer;
        this.tracker = tracker;
        this.waitForResult = waitForResult;
        this.sendTimeout = sendTimeout;
        this.sendGuard = sendGuard;
        this.batchSenders.allowCoreThreadTimeOut(true);
    }

    /** The command id for a request: from the Idempotency-Key when there is one, random otherwise. */
    public String commandIdFor(String aggregateId, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return UUID.randomUUID().toString();
        }
        String name = commands.name() + '|' + aggregateId + '|' + idempotencyKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Sends a command for an aggregate and waits for its result.
     *
     * @param idempotencyKey the client's Idempotency-Key, or {@code null}
     * @return the result, or a pending reply when none arrived within the wait
     */
    public CommandReply send(String aggregateId, C command, String idempotencyKey) {
        String commandId = commandIdFor(aggregateId, idempotencyKey);
        CompletableFuture<CommandResult> result = tracker.expect(commandId);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(commands.name(), aggregateId,
                commands.valueSerde().serializer().serialize(commands.name(), command));
        record.headers().add(CommandHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CommandHeaders.COMMAND_TYPE,
                command.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
        try {
            sendGuard.executeCheckedSupplier(() -> producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Throwable e) {
            tracker.forget(commandId);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CommandNotSentException(commandId, e instanceof ExecutionException ? e.getCause() : e);
        }
        try {
            return CommandReply.completed(result.get(waitForResult.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            // Sent, not answered yet: the client gets the status URL.
            tracker.forget(commandId);
            return CommandReply.pending(commandId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tracker.forget(commandId);
            return CommandReply.pending(commandId);
        } catch (ExecutionException e) {
            tracker.forget(commandId);
            throw new IllegalStateException("waiting for the result of " + commandId + " failed", e.getCause());
        }
    }

    /** One command of a batch: the aggregate it addresses, the command, its Idempotency-Key (or {@code null}). */
    public record Batched<C>(String aggregateId, C command, String idempotencyKey) {
    }

    /**
     * Sends several commands side by side, a few at a time, each waiting for its own result as {@link #send} does; a
     * batch of plantings or an inspection plan takes about as long as its slowest command, without flooding the broker.
     *
     * @return one reply per command, in the order given
     * @throws CommandNotSentException when a command could not be handed to the broker (the others may have been)
     */
    public List<CommandReply> sendAll(List<Batched<C>> batch) {
        List<CompletableFuture<CommandReply>> sent = batch.stream()
                .map(b -> CompletableFuture.supplyAsync(() -> send(b.aggregateId(), b.command(), b.idempotencyKey()),
                        batchSenders))
                .toList();
        try {
            return sent.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Looks up the result of a recent command (for the status URL). */
    public CommandReply status(String commandId) {
        return tracker.find(commandId).map(CommandReply::completed).orElseGet(() -> CommandReply.pending(commandId));
    }

    /**
     * The command could not be handed to the broker in time. It was most likely not processed; a retry with the same
     * Idempotency-Key is safe either way.
     */
    public static class CommandNotSentException extends RuntimeException {
        private final String commandId;

        public CommandNotSentException(String commandId, Throwable cause) {
            super("command " + commandId + " could not be sent: " + cause, cause);
            this.commandId = commandId;
        }

        public String commandId() {
            return commandId;
        }
    }
}

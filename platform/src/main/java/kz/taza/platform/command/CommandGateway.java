package kz.taza.platform.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import kz.taza.events.common.ActingPrincipal;
import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;
import kz.taza.platform.security.ActorRecords;
import kz.taza.platform.topic.Topic;

/**
 * Sends commands of one domain and waits a bounded time for their results: at most the send timeout for the broker to
 * take the command, then at most the result wait for the command processor to answer.
 *
 * <p>Nothing is sent that the domain's rules would reject on its face: every command is first validated with the
 * rules of the command topology the gateway was made from ({@link CommandRules#validate}, on the same clock), and a
 * bad one is refused with {@link InvalidCommandException} (answered 422 naming each field) before anything is written.
 *
 * <p>A client's {@code Idempotency-Key} becomes the command id (a name-based UUID of the commands topic, the aggregate
 * and the key), so a retried request carries the same id and the command processor answers it with the first result,
 * changing nothing.
 *
 * <p>What a client is told follows what is known of the send. Refused ({@link CommandNotSentException}, 503) only when
 * the command is certainly not written: the circuit breaker is open, the producer could not take it into its buffer,
 * or the broker refused it. Taken by the producer but not acknowledged within the send timeout: the producer goes on
 * trying until its delivery timeout, so the command may still be written and decided, and the answer is a pending
 * receipt (202 with the status URL), as when the result is late. Larger than the broker takes:
 * {@link CommandTooLargeException} (413), not retried. The circuit breaker counts only the broker's failures (a
 * command too large is the command's own), so that a client sending oversized commands cannot open it for everyone.
 *
 * @param <C> the command record type of the commands topic
 */
public class CommandGateway<C extends SpecificRecord> {

    /** How a key that {@link #idKey} made begins. */
    static final String ID_KEY = "id:";

    /** How a key that {@link #derivedKey} made begins. */
    static final String DERIVED = "derived:";

    /** Commands of one batch in flight at once. */
    static final int BATCH_PARALLELISM = 8;

    /** Commands of batches waiting for a sender, at most. */
    static final int BATCH_QUEUE = 256;

    private final Topic<String, C> commands;
    private final Function<C, List<FieldViolation>> validation;
    private final Producer<String, byte[]> producer;
    private final CommandResultTracker tracker;
    private final Duration waitForResult;
    private final Duration sendTimeout;
    private final CircuitBreaker sendGuard;
    private final CommandMetrics metrics;
    // Batches send a few commands at a time; idle threads end, so a gateway needs no shutdown. The queue is bounded:
    // when it is full the request's own thread sends the command, so concurrent batches slow their callers down
    // instead of queueing without limit.
    private final ThreadPoolExecutor batchSenders = new ThreadPoolExecutor(BATCH_PARALLELISM, BATCH_PARALLELISM,
            30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BATCH_QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "taza-command-batch");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    CommandGateway(Topic<String, C> commands, Function<C, List<FieldViolation>> validation,
            Producer<String, byte[]> producer, CommandResultTracker tracker, Duration waitForResult,
            Duration sendTimeout, CircuitBreaker sendGuard, CommandMetrics metrics) {
        this.commands = commands;
        this.validation = validation;
        this.producer = producer;
        this.tracker = tracker;
        this.waitForResult = waitForResult;
        this.sendTimeout = sendTimeout;
        this.sendGuard = sendGuard;
        this.metrics = metrics;
        this.batchSenders.allowCoreThreadTimeOut(true);
    }

    /**
     * A key for a request whose client sent no Idempotency-Key, derived from the command itself: the same command for
     * the same aggregate always gets the same key, so a client's blind retry is one command, not two. Fields that name
     * the entity a command creates must be left out (or fixed) before calling this, since they are derived from the
     * key; two genuinely separate, identical requests need distinct Idempotency-Keys. A command sent under such a key
     * that was rejected is decided anew when it is sent again ({@link CommandHeaders#DERIVED_ID}).
     */
    public String derivedKey(String aggregateId, C command) {
        // The record's JSON form, not its binary: a command not validated yet may lack a field its schema requires.
        String form = aggregateId + '|' + command.getSchema().getFullName() + '|' + command;
        return DERIVED + digest(form.getBytes(StandardCharsets.UTF_8));
    }

    /** Reason code of a request whose key (or the id it names) was first used for a request with another body. */
    public static final String KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

    /**
     * The key of a command whose own field names it (a planting's plantingId, a survey's surveyId): a repeat of the id
     * is the same command, and a request naming the id with another body is refused 409 naming {@code field}.
     */
    public static String idKey(String field, String id) {
        return ID_KEY + field + ':' + id;
    }

    /**
     * The answer to a request under a key first used for another body: a rejection made here (nothing was decided
     * or written; the first request's result stands and its status URL still shows it), naming the key's field.
     */
    private static CommandResult reusedKey(CommandResult first, String idempotencyKey) {
        String field = "Idempotency-Key";
        String what = "This Idempotency-Key";
        if (idempotencyKey != null && idempotencyKey.startsWith(ID_KEY)) {
            String rest = idempotencyKey.substring(ID_KEY.length());
            field = rest.substring(0, Math.max(0, rest.indexOf(':')));
            what = "This " + field;
        }
        return CommandResult.newBuilder(first)
                .setOutcome(CommandOutcome.REJECTED)
                .setRejection(RejectionKind.CONFLICT)
                .setReasonCode(KEY_REUSED)
                .setReason(what + " was first used for a request with another body. The first request's result "
                        + "stands and this request changed nothing; send a new request under a new key.")
                .setViolations(List.of(new FieldViolation(field, "first used for a request with another body",
                        KEY_REUSED)))
                .setResourceId(first.getResourceId())
                .setEventIds(List.of())
                .build();
    }

    /** SHA-256 of a serialized command, lower-case hex. */
    static String digest(byte[] serialized) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(serialized));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
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
     * Everything wrong with a request: what the request itself got wrong, then what the rules find wrong with its
     * command, except on fields the request already names (a value that could not be parsed is reported once, with
     * the parse error). Empty when the command may be sent.
     */
    public List<FieldViolation> violations(ParsedRequest<? extends C> request) {
        List<FieldViolation> all = new ArrayList<>(request.violations());
        if (request.command() != null) {
            Set<String> named = request.violations().stream().map(FieldViolation::getField)
                    .collect(Collectors.toSet());
            validation.apply(request.command()).stream().filter(v -> !named.contains(v.getField()))
                    .forEach(all::add);
        }
        return List.copyOf(all);
    }

    /**
     * The request's command, when nothing is wrong with it; for checks an API makes between validating a command and
     * sending it (an unknown aggregate answered from a read model).
     *
     * @throws InvalidCommandException naming every bad field
     */
    public <D extends C> D validated(ParsedRequest<D> request) {
        List<FieldViolation> violations = violations(request);
        if (!violations.isEmpty()) {
            throw new InvalidCommandException(violations);
        }
        return request.command();
    }

    /**
     * Validates a command for an aggregate, sends it and waits for its result.
     *
     * @param idempotencyKey the client's Idempotency-Key, or {@code null}
     * @return the result, or a pending receipt when none arrived within the wait
     * @throws InvalidCommandException when the rules reject the command on its face (nothing is sent)
     */
    public CommandReceipt send(String aggregateId, C command, String idempotencyKey) {
        return send(aggregateId, ParsedRequest.of(command), idempotencyKey);
    }

    /**
     * As {@link #send(String, SpecificRecord, String)} for a command made from a REST request: refused naming what is
     * wrong with the request and with its command ({@link #violations}), sent otherwise.
     */
    public CommandReceipt send(String aggregateId, ParsedRequest<? extends C> request, String idempotencyKey) {
        return sendValid(aggregateId, validated(request), idempotencyKey, ActorRecords.current().orElse(null),
                System.nanoTime() + waitForResult.toNanos());
    }

    /**
     * Sends a valid command; {@code actor} (the caller's, taken on the request's thread) travels in the command's
     * {@link CommandHeaders#ACTOR} header into the audit trail and the metadata of every event the command causes. Its
     * result is awaited until {@code answerBy} ({@link System#nanoTime}), after which the receipt is pending.
     */
    private CommandReceipt sendValid(String aggregateId, C command, String idempotencyKey, ActingPrincipal actor,
            long answerBy) {
        String commandId = commandIdFor(aggregateId, idempotencyKey);
        boolean derived = idempotencyKey != null && idempotencyKey.startsWith(DERIVED);
        CompletableFuture<CommandResult> result = tracker.expect(commandId, derived);
        byte[] value = commands.valueSerde().serializer().serialize(commands.name(), command);
        String digest = digest(value);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(commands.name(), aggregateId, value);
        record.headers().add(CommandHeaders.COMMAND_ID, commandId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CommandHeaders.REQUEST_DIGEST, digest.getBytes(StandardCharsets.UTF_8));
        if (derived) {
            record.headers().add(CommandHeaders.DERIVED_ID, "true".getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(CommandHeaders.COMMAND_TYPE,
                command.getSchema().getFullName().getBytes(StandardCharsets.UTF_8));
        if (actor != null) {
            record.headers().add(CommandHeaders.ACTOR, ActorRecords.encode(actor));
        }
        long started = System.nanoTime();
        if (!sendGuard.tryAcquirePermission()) {
            return notSent(commandId, started, CallNotPermittedException.createCallNotPermittedException(sendGuard));
        }
        Future<RecordMetadata> sending;
        try {
            // Fails here only before the record is in the producer's buffer: buffer full, no metadata in time.
            sending = producer.send(record);
        } catch (RuntimeException e) {
            sendGuard.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            return notSent(commandId, started, e);
        }
        try {
            sending.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            sendGuard.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            tracker.forget(commandId);
            if (cause instanceof RecordTooLargeException) {
                // The command's own fault, not the broker's: it does not count towards opening the breaker.
                sendGuard.releasePermission();
                metrics.record(CommandMetrics.Result.NOT_SENT, started);
                throw new CommandTooLargeException(commandId, cause);
            }
            sendGuard.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, cause);
            return notSent(commandId, started, cause);
        } catch (TimeoutException e) {
            // In the producer's hands, not acknowledged yet: it keeps trying until its delivery timeout, so the
            // command may still be written and decided. The client gets the status URL, not a 503 that would invite
            // a retry under a new id.
            tracker.forget(commandId);
            sendGuard.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
            metrics.record(CommandMetrics.Result.LATE, started);
            return CommandReceipt.pending(commandId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tracker.forget(commandId);
            sendGuard.releasePermission();
            metrics.record(CommandMetrics.Result.LATE, started);
            return CommandReceipt.pending(commandId);
        }
        try {
            CommandResult answer = result.get(Math.max(0, answerBy - System.nanoTime()), TimeUnit.NANOSECONDS);
            metrics.record(CommandMetrics.Result.ANSWERED, started);
            if (answer.getRequestDigest() != null && !answer.getRequestDigest().equals(digest)) {
                // The id was first used for another request: that one's result stands, this one changed nothing.
                return CommandReceipt.completed(reusedKey(answer, idempotencyKey));
            }
            return CommandReceipt.completed(answer);
        } catch (TimeoutException e) {
            // Sent, not answered yet: the client gets the status URL.
            tracker.forget(commandId);
            metrics.record(CommandMetrics.Result.LATE, started);
            return CommandReceipt.pending(commandId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tracker.forget(commandId);
            metrics.record(CommandMetrics.Result.LATE, started);
            return CommandReceipt.pending(commandId);
        } catch (ExecutionException e) {
            tracker.forget(commandId);
            throw new IllegalStateException("waiting for the result of " + commandId + " failed", e.getCause());
        }
    }

    private CommandReceipt notSent(String commandId, long started, Throwable cause) {
        tracker.forget(commandId);
        metrics.record(CommandMetrics.Result.NOT_SENT, started);
        throw new CommandNotSentException(commandId, cause);
    }

    /** One command of a batch: the aggregate it addresses, the command, its Idempotency-Key (or {@code null}). */
    public record Batched<C>(String aggregateId, C command, String idempotencyKey) {
    }

    /**
     * Sends several commands side by side, a few at a time, without flooding the broker; their results are awaited
     * together, for as long as {@link #send} waits for one: a command not answered by then is pending (its status
     * URL), so a batch of plantings or an inspection plan is answered within one wait however slow its commands are
     * decided (waiting for each in turn, a batch of 200 behind a slow processor took minutes, longer than any client
     * waits for an answer). Every command is validated before any is sent.
     *
     * @return one receipt per command, in the order given
     * @throws InvalidCommandException when any command is invalid (nothing is sent); its fields are prefixed with the
     *                                 command's position in the batch, e.g. {@code [2].treeCount}
     * @throws CommandNotSentException when a command could not be handed to the broker (the others may have been)
     */
    public List<CommandReceipt> sendAll(List<Batched<C>> batch) {
        List<FieldViolation> invalid = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String prefix = "[" + i + "].";
            violations(ParsedRequest.of(batch.get(i).command())).forEach(v -> invalid.add(
                    new FieldViolation(prefix + v.getField(), v.getMessage(), v.getCode())));
        }
        if (!invalid.isEmpty()) {
            throw new InvalidCommandException(invalid);
        }
        // The caller is known on this thread only: taken here for every command of the batch.
        ActingPrincipal actor = ActorRecords.current().orElse(null);
        long answerBy = System.nanoTime() + waitForResult.toNanos();
        List<CompletableFuture<CommandReceipt>> sent = batch.stream()
                .map(b -> CompletableFuture.supplyAsync(() -> sendValid(b.aggregateId(), b.command(),
                        b.idempotencyKey(), actor, answerBy), batchSenders))
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
    public CommandReceipt status(String commandId) {
        return tracker.find(commandId).map(CommandReceipt::completed)
                .orElseGet(() -> CommandReceipt.pending(commandId));
    }

    /** The command is not valid on its face, so nothing was sent; answered 422 with a problem naming each field. */
    public static class InvalidCommandException extends RuntimeException {
        private final transient List<FieldViolation> violations;

        public InvalidCommandException(List<FieldViolation> violations) {
            super(violations.size() + " invalid field(s): " + violations.stream()
                    .map(v -> v.getField() + ": " + v.getMessage()).collect(Collectors.joining("; ")));
            this.violations = List.copyOf(violations);
        }

        public List<FieldViolation> violations() {
            return violations;
        }
    }

    /**
     * The command was not written: the breaker is open, the producer could not take it, or the broker refused it. A
     * retry with the same Idempotency-Key is safe either way.
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

    /**
     * The command is larger than the broker takes (the producer's {@code max.request.size}): it was not written, and
     * sending it again will not help. Answered 413.
     */
    public static class CommandTooLargeException extends RuntimeException {
        private final String commandId;

        public CommandTooLargeException(String commandId, Throwable cause) {
            super("command " + commandId + " is too large to be written: " + cause.getMessage(), cause);
            this.commandId = commandId;
        }

        public String commandId() {
            return commandId;
        }
    }
}

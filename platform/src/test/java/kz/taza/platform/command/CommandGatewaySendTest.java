package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kz.taza.events.common.KpiValue;

/**
 * What a client is told follows what is known of the send, and the breaker counts the broker's failures only. The
 * producer here is Kafka's {@link MockProducer}, whose sends complete when the test says: the states in between cannot
 * be made with a real broker on demand. (That commands reach a real broker is the integration tests' part.)
 */
class CommandGatewaySendTest {

    private static final Budget BUDGET = new Budget();

    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private final CircuitBreaker breaker = CircuitBreaker.of("commands-test", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).build());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A gateway waiting {@code sendTimeout} for the producer's acknowledgement (and no time for results). */
    private CommandGateway<KpiValue> gateway(Duration sendTimeout) {
        return new CommandGateway<>(BUDGET.commands, command -> List.of(), producer,
                new CommandResultTracker(BUDGET.results, new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()),
                        null, Duration.ZERO, 10),
                Duration.ZERO, sendTimeout, breaker, new CommandMetrics(meters, BUDGET.commands.name()));
    }

    @Test
    void aSendNotAcknowledgedInTimeIsPendingNotRefusedForTheProducerGoesOnTrying() {
        // the producer holds the record and never completes it within the send timeout
        CommandGateway<KpiValue> gateway = gateway(Duration.ofMillis(50));
        CommandReceipt receipt = gateway.send("F-1", Budget.spend("F-1", 1), "key-1");

        assertThat(receipt.isPending()).isTrue();
        assertThat(receipt.commandId()).isEqualTo(gateway.commandIdFor("F-1", "key-1"));
        assertThat(producer.history()).hasSize(1);
        assertThat(timed("late")).isEqualTo(1);
        assertThat(timed("not_sent")).isZero();
    }

    @Test
    void aCommandTooLargeIsRefusedAsSuchAndDoesNotCountAgainstTheBroker() {
        // (a send timeout far longer than failing the send takes, so that each send fails, never times out)
        CommandGateway<KpiValue> gateway = gateway(Duration.ofSeconds(30));
        for (int i = 0; i < 8; i++) {
            Thread failing = failNextSend(new RecordTooLargeException("too large"));
            assertThatThrownBy(() -> gateway.send("F-x", Budget.spend("F-x", 1), null))
                    .isInstanceOf(CommandGateway.CommandTooLargeException.class);
            join(failing);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(timed("not_sent")).isEqualTo(8);
    }

    @Test
    void theBrokersFailuresOpenTheBreakerAndThenCommandsAreRefusedBeforeTheProducer() {
        CommandGateway<KpiValue> gateway = gateway(Duration.ofSeconds(30));
        for (int i = 0; i < 4; i++) {
            Thread failing = failNextSend(new NotEnoughReplicasException("no ISR"));
            assertThatThrownBy(() -> gateway.send("F-1", Budget.spend("F-1", 1), null))
                    .isInstanceOf(CommandGateway.CommandNotSentException.class);
            join(failing);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int sentBefore = producer.history().size();

        assertThatThrownBy(() -> gateway.send("F-1", Budget.spend("F-1", 1), null))
                .isInstanceOf(CommandGateway.CommandNotSentException.class);
        assertThat(producer.history()).hasSize(sentBefore);
        assertThat(timed("not_sent")).isEqualTo(5);
    }

    /** Fails the next record the producer takes, once it has it (the gateway waits on its future meanwhile). */
    private Thread failNextSend(RuntimeException error) {
        int before = producer.history().size();
        Thread thread = new Thread(() -> {
            while (producer.history().size() == before) {
                Thread.onSpinWait();
            }
            producer.errorNext(error);
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("the send was failed").isFalse();
    }

    private long timed(String result) {
        return meters.get(CommandMetrics.METRIC).tag("result", result).timer().count();
    }
}

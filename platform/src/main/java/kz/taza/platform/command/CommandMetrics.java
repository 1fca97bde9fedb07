package kz.taza.platform.command;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How the commands of one commands topic fared at the gateway, as the {@code taza.commands} timer (on
 * {@code /actuator/prometheus}: {@code taza_commands_seconds_count}, {@code _sum}, {@code _max} and {@code _bucket}),
 * tagged with the topic and the result:
 * <ul>
 *   <li>{@code answered}: the command processor's result arrived within the wait (any outcome, accepted or not);</li>
 *   <li>{@code late}: the broker took the command, no result within the wait (the client got 202 and a status URL);</li>
 *   <li>{@code not_sent}: the broker did not take it in time, or the breaker was open (the client got 503).</li>
 * </ul>
 * The time is from the hand-over to the producer to the result, the end of the wait, or the failure. All three series
 * exist from the gateway's creation, at zero, so that an alert on a rate of late or unsent commands has a series to
 * read before the first one happens.
 */
final class CommandMetrics {

    static final String METRIC = "taza.commands";

    enum Result {
        ANSWERED, LATE, NOT_SENT;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Timer answered;
    private final Timer late;
    private final Timer notSent;

    CommandMetrics(MeterRegistry meters, String commandsTopic) {
        this.answered = timer(meters, commandsTopic, Result.ANSWERED);
        this.late = timer(meters, commandsTopic, Result.LATE);
        this.notSent = timer(meters, commandsTopic, Result.NOT_SENT);
    }

    private static Timer timer(MeterRegistry meters, String topic, Result result) {
        return Timer.builder(METRIC).description("Commands sent by the gateway, by what became of them")
                .tag("topic", topic).tag("result", result.tag())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    void record(Result result, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        switch (result) {
            case ANSWERED -> answered.record(took);
            case LATE -> late.record(took);
            case NOT_SENT -> notSent.record(took);
        }
    }
}

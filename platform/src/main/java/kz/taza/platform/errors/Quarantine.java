package kz.taza.platform.errors;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.header.Headers;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import kz.taza.platform.errors.RejectedRecordHeaders.Stage;

/**
 * The service's quarantine: what every input route reports, and how routes without a transaction write their dead
 * letters.
 *
 * <p>Every quarantined record counts in the Micrometer counter {@value #METRIC} (Prometheus
 * {@code taza_quarantine_records_total}), tagged with its source {@code topic} and {@code reason} (a
 * {@link DecodeFailure}, a rule's code, or the class of the exception), and in the {@code quarantine} health
 * component: per topic, how many, the last reason and when. The component stays UP: a quarantined record is the
 * service doing its job, not failing it, and operators see it without the service stopping. (A stream task counts a
 * record each time it quarantines it: an aborted transaction's retry counts it again.)
 *
 * <p>Streams processors find the quarantine in their application's configuration under {@link #CONFIG}; plain
 * consumers are handed it. Thread-safe.
 */
public class Quarantine {

    /** Streams configuration key under which the platform hands the service's quarantine to processors. */
    public static final String CONFIG = "taza.quarantine";
    /** Name of the counter of quarantined records. */
    public static final String METRIC = "taza.quarantine.records";

    private final DeadLetterPublisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentMap<String, TopicCount> byTopic = new ConcurrentHashMap<>();

    /**
     * @param publisher writes the dead letters of routes without a transaction
     * @param meters    where the counter goes; {@code null} for none (a process without Micrometer)
     */
    public Quarantine(DeadLetterPublisher publisher, MeterRegistry meters, Clock clock) {
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
    }

    /** The quarantine in a Streams application's configuration; {@code null} when it has none. */
    public static Quarantine from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        if (value instanceof Quarantine quarantine) {
            return quarantine;
        }
        if (value != null) {
            throw new IllegalStateException(CONFIG + " must hold a Quarantine, found " + value.getClass());
        }
        return null;
    }

    /** The application named as the rejecting one in dead letters. */
    public String applicationId() {
        return publisher.rejectedBy();
    }

    /** Whether records of this topic have a dead-letter topic. */
    public boolean accepts(String sourceTopic) {
        return publisher.accepts(sourceTopic);
    }

    /** Counts a record that a route has quarantined itself (inside a stream task's transaction). */
    public void count(String topic, String reason) {
        byTopic.computeIfAbsent(topic, name -> new TopicCount()).add(reason, clock.instant());
        if (meters != null) {
            Counter.builder(METRIC).description("Input records quarantined to their topic's dead-letter topic")
                    .tag("topic", topic).tag("reason", reason).register(meters).increment();
        }
    }

    /**
     * Quarantines a record where there is no transaction: writes its dead letter (once per record in this process,
     * see {@link DeadLetterPublisher}) and counts it.
     *
     * @throws DeadLetterPublisher.DeadLetterException when it could not be written; the caller must not move on
     */
    public void quarantine(String sourceTopic, int partition, long offset, byte[] key, byte[] value, Headers headers,
            Stage stage, String reason, Throwable error) {
        if (publisher.publish(sourceTopic, partition, offset, key, value, headers, stage, reason, error)) {
            count(sourceTopic, reason != null ? reason : error.getClass().getSimpleName());
        }
    }

    /** The {@code quarantine} health component: UP, with what was quarantined per topic. */
    public HealthIndicator health() {
        return () -> {
            Map<String, Object> details = new TreeMap<>();
            byTopic.forEach((topic, count) -> details.put(topic, count.describe()));
            return Health.up().withDetails(details).build();
        };
    }

    /** What one topic's route has quarantined. */
    private static final class TopicCount {
        final AtomicLong total = new AtomicLong();
        volatile String lastReason;
        volatile Instant lastAt;

        void add(String reason, Instant at) {
            total.incrementAndGet();
            lastReason = reason;
            lastAt = at;
        }

        Map<String, Object> describe() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("quarantined", total.get());
            view.put("lastReason", lastReason);
            view.put("lastAt", String.valueOf(lastAt));
            return view;
        }
    }
}

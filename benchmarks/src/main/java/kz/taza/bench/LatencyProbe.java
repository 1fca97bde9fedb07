package kz.taza.bench;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.simulator.client.Credentials;

/**
 * One latency phase, in a process of its own (so that the yardstick measures the application, not the tool beside
 * it): sends readings {@code from, from+1, ...} of the fleet at a paced rate for a while, over Kafka or as HTTP POSTs
 * to emission-service (each signed in as the AMS gateway of the reading's operator, every token fetched before the
 * first POST), and measures for every record it awaits the time from the send to the moment a
 * {@code read_committed} consumer (positioned at the end of the output topic before sending starts) polls it. Sender
 * and consumer share this process, so one clock.
 * <ul>
 * <li>{@code expect=every}: every record comes out (the pass-through yardstick); its send time travels in a header.</li>
 * <li>{@code expect=continue} or {@code fresh}: the exceedance events the readings cause, by the fleet's own model
 * ({@link Fleet.Expectation}) continued from reading 0 (the application has taken in every earlier reading) or started
 * afresh (a service that starts at the end of the readings topic). An event is matched to its reading by what it is
 * about: facility, source, pollutant and interval, which also holds for a reading sent over HTTP.</li>
 * </ul>
 * Arguments are {@code key=value}; the answer is one line, {@code result key=value ...}.
 */
public final class LatencyProbe {

    /** Header on every reading sent over Kafka: System.nanoTime() at the send call, 8 bytes. */
    static final String SENT_AT_HEADER = "taza.bench.sent-nanos";
    private static final Duration POLL = Duration.ofMillis(20);

    private LatencyProbe() {
    }

    /** One phase's figures. */
    record Result(long sent, long timed, double sentRate, long expected, long received, long unmatched,
            long httpFailures, long httpRejected, long started, long ended, long rejected, Stats.Latencies micros) {

        String line() {
            return "result sent=" + sent + " timed=" + timed + " sentRate=" + sentRate + " expected=" + expected
                    + " received=" + received
                    + " unmatched=" + unmatched + " httpFailures=" + httpFailures + " httpRejected=" + httpRejected
                    + " started=" + started + " ended=" + ended + " rejected=" + rejected + " count="
                    + micros.count() + " p50=" + micros.p50() + " p95=" + micros.p95() + " p99=" + micros.p99()
                    + " max=" + micros.max();
        }

        static Result parse(String line) {
            Map<String, String> v = arguments(line.replaceFirst("^result\\s*", "").split("\\s+"));
            return new Result(Long.parseLong(v.get("sent")), Long.parseLong(v.get("timed")),
                    Double.parseDouble(v.get("sentRate")),
                    Long.parseLong(v.get("expected")), Long.parseLong(v.get("received")),
                    Long.parseLong(v.get("unmatched")), Long.parseLong(v.get("httpFailures")),
                    Long.parseLong(v.get("httpRejected")), Long.parseLong(v.get("started")),
                    Long.parseLong(v.get("ended")), Long.parseLong(v.get("rejected")),
                    new Stats.Latencies(Integer.parseInt(v.get("count")), Long.parseLong(v.get("p50")),
                            Long.parseLong(v.get("p95")), Long.parseLong(v.get("p99")), Long.parseLong(v.get("max"))));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = arguments(args);
        BenchConnection connection = BenchConnection.readFrom(Path.of(a.get("connection")));
        Fleet fleet = Fleet.parse(a.get("fleet"));
        long from = Long.parseLong(a.get("from"));
        String expect = a.get("expect");
        Fleet.Expectation expectation = switch (expect) {
            case "every" -> null;
            case "continue" -> fleet.expectation().through(0, from);
            case "fresh" -> fleet.expectation();
            default -> throw new IllegalArgumentException("expect=every|continue|fresh, was " + expect);
        };
        RestReadingClient rest = null;
        if (a.containsKey("url")) {
            rest = new RestReadingClient(URI.create(a.get("url")),
                    Credentials.fromFile(Path.of(a.get("identities")), URI.create(a.get("tokenUri"))));
            List<String> gateways = new ArrayList<>();
            for (int f = 0; f < fleet.facilityCount(); f++) {
                gateways.add(BenchIdentities.gateway(fleet, f));
            }
            rest.signIn(gateways);
        }
        Result result = run(connection, fleet, a.get("input"), a.get("output"), Double.parseDouble(a.get("rate")),
                Duration.ofMillis(Long.parseLong(a.get("warmUpMillis"))),
                Duration.ofMillis(Long.parseLong(a.get("millis"))), from, expectation, rest,
                Boolean.parseBoolean(a.getOrDefault("perReading", "false")));
        ChildJvm.say(System.out, result.line());
        System.exit(0);
    }

    /**
     * Sends at {@code rate} for {@code warmUp} and then for {@code duration}: the records of the first stretch are
     * awaited and counted like the others, but not timed (the sender, the consumer and what they talk to warm up).
     */
    static Result run(BenchConnection connection, Fleet fleet, String input, String output, double rate,
            Duration warmUp, Duration duration, long from, Fleet.Expectation expectation, RestReadingClient rest,
            boolean perReading) throws Exception {
        long warmUpTotal = (long) (rate * warmUp.toMillis() / 1000.0);
        long total = warmUpTotal + Math.max(1, (long) (rate * duration.toMillis() / 1000.0));
        total = Math.min(total, fleet.capacity() - from);
        long startedBefore = expectation == null ? 0 : expectation.started();
        long endedBefore = expectation == null ? 0 : expectation.ended();
        long rejectedBefore = expectation == null ? 0 : expectation.rejected();
        Map<String, Long> awaited = new ConcurrentHashMap<>();
        Consumer consumer = new Consumer(connection, output, expectation != null, awaited);
        Thread consumerThread = new Thread(consumer, "bench-latency-consumer");
        consumerThread.start();
        consumer.awaitPositioned();
        Serializer<AmsReading> serializer = EmissionTopics.AMS_READINGS.valueSerde().serializer();
        AtomicLong httpFailures = new AtomicLong();
        AtomicLong httpRejected = new AtomicLong();
        Semaphore inFlight = new Semaphore(256);
        // Over HTTP, the answer to each series' newest POST: a series' next reading is posted only after it, as a
        // gateway posts one interval after another. Concurrent requests may otherwise overtake each other, and a
        // series' readings written out of order would make other episodes than the ones the model awaits.
        CompletableFuture<?>[] answered = new CompletableFuture<?>[fleet.series()];
        long expected = 0;
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer = rest == null ? new KafkaProducer<>(
                Harness.producerProperties(connection, "bench-paced"), new StringSerializer(),
                new ByteArraySerializer()) : null) {
            start = System.nanoTime();
            for (long i = 0; i < total; ) {
                long g = from + i;
                // Over HTTP a gateway posts a facility's readings of one interval together, once it has the last of
                // them (or, with perReading, each reading alone); over Kafka each reading is a record of its own.
                int size = rest == null || perReading ? 1 : (int) (Math.min(fleet.endOfFacilityInterval(g),
                        from + total) - g);
                long last = i + size - 1;
                long due = start + (long) (last * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i <= warmUpTotal && warmUpTotal <= last) {
                    consumer.timedFrom = System.nanoTime(); // records sent from now on are timed
                }
                List<AmsReading> batch = new ArrayList<>(size);
                List<AmsReading> causing = new ArrayList<>(size);
                for (int j = 0; j < size; j++) {
                    AmsReading reading = fleet.reading(g + j);
                    batch.add(reading);
                    if (expectation != null && expectation.next(g + j) != Fleet.Expectation.Event.NONE) {
                        expected++;
                        causing.add(reading);
                    }
                }
                if (rest != null) {
                    for (int j = 0; j < size; j++) {
                        CompletableFuture<?> previous = answered[(int) ((g + j) % fleet.series())];
                        if (previous != null) {
                            previous.join();
                        }
                    }
                    inFlight.acquire();
                }
                long sentAt = System.nanoTime();
                for (AmsReading reading : causing) {
                    awaited.put(aboutReading(reading), sentAt);
                }
                if (rest != null) {
                    String gateway = BenchIdentities.gateway(fleet, fleet.facilityOf(g));
                    CompletableFuture<?> answer = rest.post(batch, gateway).handle((response, error) -> {
                        inFlight.release();
                        if (error != null || response.statusCode() != 200) {
                            httpFailures.incrementAndGet();
                        } else {
                            httpRejected.addAndGet(RestReadingClient.rejectedItems(response.body()));
                        }
                        return null;
                    });
                    for (int j = 0; j < size; j++) {
                        answered[(int) ((g + j) % fleet.series())] = answer;
                    }
                } else {
                    RecordHeaders headers = new RecordHeaders();
                    headers.add(SENT_AT_HEADER, ByteBuffer.allocate(8).putLong(sentAt).array());
                    producer.send(new ProducerRecord<>(input, null, batch.get(0).getFacilityId(),
                            serializer.serialize(input, batch.get(0)), headers));
                }
                i += size;
            }
            if (producer != null) {
                producer.flush();
            }
            end = System.nanoTime();
            inFlight.acquire(256); // every answer is in
        }
        if (expectation == null) {
            expected = total;
        }
        // The outstanding records (bounded), then the consumer stops.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis()); // poll interval
        }
        consumer.stop = true;
        consumerThread.join(10_000);
        if (consumer.failure.get() != null) {
            throw new IllegalStateException("latency consumer failed", consumer.failure.get());
        }
        return new Result(total, Math.max(0, total - warmUpTotal), Stats.perSecond(total, end - start), expected,
                consumer.received.get(),
                consumer.unmatched.get(), httpFailures.get(), httpRejected.get(),
                expectation == null ? 0 : expectation.started() - startedBefore,
                expectation == null ? 0 : expectation.ended() - endedBefore,
                expectation == null ? 0 : expectation.rejected() - rejectedBefore,
                Stats.Latencies.of(consumer.latencies()));
    }

    /** What an exceedance event caused by the reading is about: facility, source, pollutant and interval. */
    static String aboutReading(AmsReading r) {
        return r.getFacilityId() + "|" + r.getSourceId() + "|" + r.getPollutant() + "|" + r.getIntervalStart();
    }

    /** The same for the event; null for a record that is neither ThresholdExceeded nor ExceedanceEnded. */
    static String aboutEvent(SpecificRecord event) {
        if (event instanceof ThresholdExceeded t) {
            return t.getFacilityId() + "|" + t.getSourceId() + "|" + t.getPollutant() + "|" + t.getIntervalStart();
        }
        if (event instanceof ExceedanceEnded e) {
            return e.getFacilityId() + "|" + e.getSourceId() + "|" + e.getPollutant() + "|" + e.getEndedAt();
        }
        return null;
    }

    static Map<String, String> arguments(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value, was " + arg);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return values;
    }

    /** The read_committed consumer of the output topic, from its end. */
    private static final class Consumer implements Runnable {
        private final BenchConnection connection;
        private final String topic;
        private final boolean events;
        private final Map<String, Long> awaited;
        private final CountDownLatch positioned = new CountDownLatch(1);
        final AtomicLong received = new AtomicLong();
        final AtomicLong unmatched = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean stop;
        /** Records sent before this time (System.nanoTime()) are counted, not timed: they warm up. */
        volatile long timedFrom = Long.MAX_VALUE;
        private long[] micros = new long[1 << 16];
        private int count;

        Consumer(BenchConnection connection, String topic, boolean events, Map<String, Long> awaited) {
            this.connection = connection;
            this.topic = topic;
            this.events = events;
            this.awaited = awaited;
        }

        void awaitPositioned() throws InterruptedException {
            if (!positioned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latency consumer not positioned within 60 s", failure.get());
            }
            if (failure.get() != null) {
                throw new IllegalStateException("latency consumer failed", failure.get());
            }
        }

        synchronized long[] latencies() {
            return Arrays.copyOf(micros, count);
        }

        @Override
        public void run() {
            Map<String, Object> props = new HashMap<>(connection.client());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            Deserializer<SpecificRecord> decoder = EmissionTopics.EXCEEDANCES.valueSerde().deserializer();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (!stop) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    long now = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        Long sentAt;
                        if (events) {
                            String about = aboutEvent(decoder.deserialize(topic, record.value()));
                            sentAt = about == null ? null : awaited.remove(about);
                        } else {
                            Header sent = record.headers().lastHeader(SENT_AT_HEADER);
                            sentAt = sent == null ? null : ByteBuffer.wrap(sent.value()).getLong();
                        }
                        if (sentAt == null) {
                            unmatched.incrementAndGet();
                            continue;
                        }
                        received.incrementAndGet();
                        if (sentAt >= timedFrom) {
                            add((now - sentAt) / 1_000);
                        }
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
                positioned.countDown();
            }
        }

        private synchronized void add(long value) {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = value;
        }
    }
}

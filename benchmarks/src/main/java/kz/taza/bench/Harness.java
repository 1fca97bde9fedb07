package kz.taza.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.Permit;
import org.springframework.kafka.core.KafkaAdmin;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.platform.errors.DeadLetterPublisher;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.TopicsReady;

/**
 * Runs the measurements against a broker (the tool's standalone broker, or a test's): loads the fleet, measures the
 * yardsticks and the pipeline, and checks that the pipeline published exactly the exceedance events and rejections
 * the readings were built to cause.
 *
 * <p>Throughput of a Streams application is {@code readings / (caught up - RUNNING)}: from the moment the application
 * reports RUNNING (its tasks assigned and initialised; the time from {@code start()} to that is reported apart) until
 * the offsets it has <em>committed</em> on the readings topic reach the topic's end offsets, polled every 20 ms. With
 * exactly_once_v2 a reading counts only once its transaction (outputs, state changelog and offsets together) is
 * committed, so this is the rate at which readings are finished, not merely seen; the end is late by at most one
 * commit interval (100 ms) plus one poll.
 */
public final class Harness {

    /** Header on every reading sent during a latency phase: System.nanoTime() at the send call, 8 bytes. */
    static final String SENT_AT_HEADER = "taza.bench.sent-nanos";
    static final String YARDSTICK_TOPIC = "bench.produce-yardstick.v1";
    static final String PASS_THROUGH_IN = "bench.pass-through-in.v1";
    static final String PASS_THROUGH_OUT = "bench.pass-through-out.v1";
    /** The header emission-service puts the broken rule in on a rejected reading. */
    static final String REASON_HEADER = kz.taza.platform.errors.RejectedRecordHeaders.ERROR_REASON;
    static final int PARTITIONS = EmissionTopics.PARTITIONS;
    private static final Duration POLL = Duration.ofMillis(20);

    /**
     * @param readings           readings pre-produced and consumed by each throughput run
     * @param facilities         facilities in the fleet (each with {@code sourcesPerFacility} stacks x 4 pollutants)
     * @param rounds             throughput rounds (baseline then pipeline, each round); the last one counts
     * @param latencyDuration    how long readings are sent at the paced rate in each latency phase
     * @param latencyLoad        the paced rate as a fraction of the pipeline's measured maximum (one half, as the latency target says: docs/architecture.md, Targets)
     * @param passThrough        whether to measure the pass-through yardstick's latency too
     * @param workDir            state directories go under it
     * @param pipelineOverrides  Streams settings applied to the pipeline only, for experiments (empty: as the service)
     */
    public record Config(long readings, int facilities, int sourcesPerFacility, int rounds, Duration latencyDuration,
            double latencyLoad, boolean passThrough, Path workDir, Map<String, String> pipelineOverrides,
            Consumer<String> progress) {

        public Config {
            pipelineOverrides = Map.copyOf(pipelineOverrides);
        }
    }

    /** One throughput run of one application. */
    public record Throughput(String app, int round, long readings, long startToRunningNanos, long measuredNanos,
            long processed, ThreadSampler.Profile threadTime) {
        public double rate() {
            return Stats.perSecond(readings, measuredNanos);
        }
    }

    /** One latency phase: paced readings in, latencies of the records they caused out (microseconds). */
    public record Latency(String app, double targetRate, double sentRate, long sent, long expected, long received,
            Stats.Latencies micros) {
    }

    /** What the pipeline published against what the readings were built to cause, over the whole run. */
    public record Checks(long expectedStarted, long seenStarted, long expectedEnded, long seenEnded,
            long expectedRejected, long seenRejected, Map<String, Long> rejectionReasons, long kpiValues,
            long baselineProcessed, long baselineExpected) {
        public boolean allMatch() {
            return expectedStarted == seenStarted && expectedEnded == seenEnded && expectedRejected == seenRejected
                    && kpiValues > 0 && baselineProcessed >= baselineExpected;
        }
    }

    public record Result(long readings, int series, Map<String, String> pipelineOverrides, double produceYardstick, double loadRate,
            List<Throughput> baseline, List<Throughput> pipeline, Latency pipelineLatency, Latency passThroughLatency,
            Checks checks) {

        public Throughput lastBaseline() {
            return baseline.get(baseline.size() - 1);
        }

        public Throughput lastPipeline() {
            return pipeline.get(pipeline.size() - 1);
        }

        public double ratio() {
            return Stats.ratio(lastPipeline().rate(), lastBaseline().rate());
        }
    }

    private final String bootstrap;
    private final Config config;
    private final Admin admin;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Serializer<AmsReading> readingSerializer = EmissionTopics.AMS_READINGS.valueSerde().serializer();

    public Harness(String bootstrapServers, Config config) {
        this.bootstrap = bootstrapServers;
        this.config = config;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(props);
    }

    public Result run() throws Exception {
        try {
            return measure();
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private Result measure() throws Exception {
        Duration lat = config.latencyDuration();
        // Room in event time for the pre-produced readings and for latency phases at up to 400k readings/s.
        long latencyRoom = (long) (400_000 * Math.max(lat.toMillis(), 1) / 1000.0);
        Fleet fleet = Fleet.forReadings(config.facilities(), config.sourcesPerFacility(),
                config.readings() + latencyRoom, Instant.now());
        progress("fleet: %d facilities, %d series (facility x stack x pollutant), %,d readings pre-produced",
                config.facilities(), fleet.series(), config.readings());

        createTopics();
        loadFleet(fleet);
        double yardstick = produceYardstick(fleet);
        progress("raw produce (pre-encoded 200-byte readings, acks=all, idempotent, linger 5 ms, 64 KiB): %,.0f/s",
                yardstick);
        double loadRate = produceReadings(fleet, 0, config.readings());
        progress("readings loaded (encoding included): %,.0f/s", loadRate);

        List<Throughput> baseline = new ArrayList<>();
        List<Throughput> pipeline = new ArrayList<>();
        KafkaStreams lastPipeline = null;
        DeadLetterPublisher lastDeadLetters = null;
        AtomicLong baselineProcessed = new AtomicLong();
        Map<TopicPartition, Long> ends = endOffsets(EmissionTopics.AMS_READINGS.name());
        for (int round = 1; round <= config.rounds(); round++) {
            String baselineId = "bench-baseline-" + run + "-" + round;
            AtomicLong processed = new AtomicLong();
            Topology baselineTopology = StreamsApps.baseline(EmissionTopics.AMS_READINGS.name(), processed);
            KafkaStreams b = StreamsApps.create(baselineTopology, StreamsApps.properties(bootstrap, baselineId,
                    StreamsApps.freshStateDir(config.workDir(), baselineId)));
            Throughput t = caughtUp("baseline", round, b, baselineId, ends, processed);
            b.close(Duration.ofSeconds(30));
            baselineProcessed.set(processed.get());
            baseline.add(t);
            progress("round %d baseline: %,.0f readings/s (%.2f s; RUNNING after %.2f s); thread time: %s", round,
                    t.rate(), t.measuredNanos() / 1e9, t.startToRunningNanos() / 1e9, t.threadTime());

            if (lastPipeline != null) {
                lastPipeline.close(Duration.ofSeconds(30));
                lastDeadLetters.close();
            }
            String pipelineId = "bench-pipeline-" + run + "-" + round;
            lastDeadLetters = StreamsApps.deadLetters(bootstrap, pipelineId);
            Properties pipelineProps = StreamsApps.serviceProperties(bootstrap, pipelineId,
                    StreamsApps.freshStateDir(config.workDir(), pipelineId), lastDeadLetters);
            pipelineProps.putAll(config.pipelineOverrides());
            lastPipeline = StreamsApps.create(StreamsApps.pipeline(), pipelineProps);
            Throughput p = caughtUp("pipeline", round, lastPipeline, pipelineId, ends, null);
            pipeline.add(p);
            progress("round %d pipeline: %,.0f readings/s (%.2f s; RUNNING after %.2f s); thread time: %s", round,
                    p.rate(), p.measuredNanos() / 1e9, p.startToRunningNanos() / 1e9, p.threadTime());
        }

        Fleet.Expectation expectation = fleet.expectation().through(0, config.readings());
        long perRoundStarted = expectation.started();
        long perRoundEnded = expectation.ended();
        long perRoundRejected = expectation.rejected();

        double pipelineMax = pipeline.get(pipeline.size() - 1).rate();
        double pacedRate = Math.max(1, pipelineMax * config.latencyLoad());
        Fleet.Expectation latencyExpectation = expectation.copy();
        Latency pipelineLatency;
        try {
            pipelineLatency = latency("pipeline", EmissionTopics.AMS_READINGS.name(), EmissionTopics.EXCEEDANCES.name(),
                    fleet, config.readings(), pacedRate, latencyExpectation);
        } finally {
            lastPipeline.close(Duration.ofSeconds(30));
            lastDeadLetters.close();
        }
        progress("pipeline latency at %,.0f readings/s: %s", pacedRate, pipelineLatency.micros());

        Latency passThroughLatency = null;
        if (config.passThrough()) {
            String id = "bench-pass-through-" + run;
            KafkaStreams pt = StreamsApps.create(StreamsApps.passThrough(PASS_THROUGH_IN, PASS_THROUGH_OUT),
                    StreamsApps.properties(bootstrap, id, StreamsApps.freshStateDir(config.workDir(), id)));
            try {
                startAndAwaitRunning(pt, Duration.ofSeconds(60));
                passThroughLatency = latency("pass-through", PASS_THROUGH_IN, PASS_THROUGH_OUT, fleet,
                        config.readings(), pacedRate, null);
            } finally {
                pt.close(Duration.ofSeconds(30));
            }
            progress("pass-through latency at %,.0f readings/s: %s", pacedRate, passThroughLatency.micros());
        }

        Checks checks = check(config.rounds() * perRoundStarted + latencyExpectation.started(),
                config.rounds() * perRoundEnded + latencyExpectation.ended(),
                config.rounds() * perRoundRejected + latencyExpectation.rejected(), baselineProcessed.get());
        return new Result(config.readings(), fleet.series(), config.pipelineOverrides(), yardstick, loadRate, baseline, pipeline, pipelineLatency,
                passThroughLatency, checks);
    }

    // ---- topics and load ----

    private void createTopics() throws Exception {
        List<NewTopic> topics = new ArrayList<>(Arrays.asList(StreamsApps.serviceTopics().newTopics((short) 1,
                Map.of())));
        for (String name : List.of(YARDSTICK_TOPIC, PASS_THROUGH_IN, PASS_THROUGH_OUT)) {
            topics.add(new NewTopic(name, PARTITIONS, (short) 1));
        }
        try {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            throw new IllegalStateException("the broker already has the benchmark's topics; the tool needs a fresh "
                    + "broker (it starts one unless --bootstrap is given)", e);
        }
        // Producing may start only once every partition is served by its leader: the platform's start-up hold.
        List<String> names = topics.stream().map(NewTopic::name).toList();
        new TopicsReady(new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)), names,
                Duration.ofSeconds(60)).start();
    }

    static Map<String, Object> producerProperties(String bootstrap, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        return props;
    }

    private KafkaProducer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(producerProperties(bootstrap, clientId), new StringSerializer(),
                new ByteArraySerializer());
    }

    private void loadFleet(Fleet fleet) throws Exception {
        var facilitySer = PermitTopics.FACILITIES.valueSerde().serializer();
        var permitSer = PermitTopics.PERMITS.valueSerde().serializer();
        int permits = 0;
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        Map<String, Object> fleetProps = producerProperties(bootstrap, "bench-fleet");
        // The fleet is set-up, not measured: one request in flight also rules out the reordered-retry trap that
        // TopicsReady guards against (KAFKA-14359).
        fleetProps.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(fleetProps, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int f = 0; f < fleet.facilityCount(); f++) {
                String id = fleet.facilityId(f);
                sent.add(producer.send(new ProducerRecord<>(PermitTopics.FACILITIES.name(), id,
                        facilitySer.serialize(PermitTopics.FACILITIES.name(), fleet.facility(f)))));
                Permit permit = fleet.permit(f);
                if (permit != null) {
                    sent.add(producer.send(new ProducerRecord<>(PermitTopics.PERMITS.name(), id,
                            permitSer.serialize(PermitTopics.PERMITS.name(), permit))));
                    permits++;
                }
            }
            producer.flush();
            for (var future : sent) {
                future.get(); // a facility or permit missing would turn readings into rejections
            }
        }
        progress("fleet loaded: %d facilities, %d ACTIVE permits with mg/Nm3 limits", fleet.facilityCount(), permits);
    }

    /** Like Kafka's ProducerPerformance: pre-encoded records (a pool of 4,096 real readings) as fast as they go. */
    private double produceYardstick(Fleet fleet) throws Exception {
        int pool = 4096;
        String[] keys = new String[pool];
        byte[][] values = new byte[pool][];
        for (int i = 0; i < pool; i++) {
            keys[i] = fleet.facilityId(fleet.facilityOf(i));
            values[i] = readingSerializer.serialize(YARDSTICK_TOPIC, fleet.reading(i));
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer = producer("bench-yardstick")) {
            // One warm-up batch so that connection and producer-id set-up are not timed.
            producer.send(new ProducerRecord<>(YARDSTICK_TOPIC, keys[0], values[0])).get();
            start = System.nanoTime();
            for (long i = 0; i < config.readings(); i++) {
                int p = (int) (i % pool);
                producer.send(new ProducerRecord<>(YARDSTICK_TOPIC, keys[p], values[p]), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        admin.deleteTopics(List.of(YARDSTICK_TOPIC)).all().get(60, TimeUnit.SECONDS); // its disk is not needed
        return Stats.perSecond(config.readings(), end - start);
    }

    private double produceReadings(Fleet fleet, long from, long to) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        String topic = EmissionTopics.AMS_READINGS.name();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer("bench-readings")) {
            for (long g = from; g < to; g++) {
                AmsReading reading = fleet.reading(g);
                producer.send(new ProducerRecord<>(topic, reading.getFacilityId(),
                        readingSerializer.serialize(topic, reading)), (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return Stats.perSecond(to - from, System.nanoTime() - start);
    }

    // ---- throughput ----

    private Throughput caughtUp(String app, int round, KafkaStreams streams, String applicationId,
            Map<TopicPartition, Long> ends, AtomicLong processed) throws Exception {
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        AtomicLong runningAt = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                runningAt.compareAndSet(0, System.nanoTime());
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            error.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        long timeoutNanos = TimeUnit.SECONDS.toNanos(Math.max(300, records / 1_000));
        ThreadSampler sampler = new ThreadSampler(applicationId);
        long start = System.nanoTime();
        streams.start();
        while (true) {
            Thread.sleep(POLL.toMillis()); // the poll interval of the committed offsets, not a wait for an outcome
            long now = System.nanoTime();
            if (error.get() != null || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException(app + " stopped: " + streams.state(), error.get());
            }
            if (now - start > timeoutNanos) {
                throw new IllegalStateException(app + " did not commit every reading within "
                        + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s; committed " + committed(applicationId));
            }
            if (runningAt.get() == 0) {
                continue;
            }
            if (reached(committed(applicationId), ends)) {
                return new Throughput(app, round, records, runningAt.get() - start, now - runningAt.get(),
                        processed == null ? -1 : processed.get(), sampler.profile());
            }
            sampler.sample();
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return offsets == null ? Map.of() : offsets;
    }

    static boolean reached(Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (end.getValue() == 0) {
                continue;
            }
            OffsetAndMetadata at = committed.get(end.getKey());
            if (at == null || at.offset() < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static void startAndAwaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Streams application not RUNNING within " + timeout.toSeconds() + " s");
        }
    }

    // ---- latency ----

    /**
     * Sends readings {@code from, from+1, ...} at {@code rate} per second for the configured duration, each stamped
     * with the send time, and measures for every record that appears on {@code outputTopic} (read_committed, from the
     * end) the time from its reading's send call to the poll that returned it. The pipeline copies the headers of a
     * reading onto the events it causes, so an exceedance carries its reading's send time; for records without the
     * header, the reading is found by the event's causationId (the reading's eventId).
     *
     * @param expectation which readings cause exceedance events (pipeline), or null: every reading comes out
     */
    private Latency latency(String app, String inputTopic, String outputTopic, Fleet fleet, long from, double rate,
            Fleet.Expectation expectation) throws Exception {
        long total = Math.max(1, (long) (rate * config.latencyDuration().toMillis() / 1000.0));
        if (from + total > fleet.capacity()) {
            total = fleet.capacity() - from;
        }
        LatencyConsumer consumer = new LatencyConsumer(outputTopic, expectation != null);
        Thread consumerThread = new Thread(consumer, "bench-latency-consumer");
        consumerThread.start();
        consumer.awaitPositioned();
        Map<String, Long> causes = new ConcurrentHashMap<>();
        consumer.causes = causes;
        long expected = 0;
        long start;
        long end;
        try (KafkaProducer<String, byte[]> producer = producer("bench-paced-" + app)) {
            start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long g = from + i;
                AmsReading reading = fleet.reading(g);
                byte[] value = readingSerializer.serialize(inputTopic, reading);
                boolean causesEvent = expectation != null && expectation.next(g) != Fleet.Expectation.Event.NONE;
                RecordHeaders headers = new RecordHeaders();
                long sentAt = System.nanoTime();
                if (causesEvent) {
                    expected++;
                    causes.put(reading.getMetadata().getEventId(), sentAt);
                }
                headers.add(SENT_AT_HEADER, ByteBuffer.allocate(8).putLong(sentAt).array());
                producer.send(new ProducerRecord<>(inputTopic, null, reading.getFacilityId(), value, headers));
            }
            producer.flush();
            end = System.nanoTime();
        }
        if (expectation == null) {
            expected = total;
        }
        // Wait for the outstanding records (bounded), then stop the consumer.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis()); // poll interval
        }
        consumer.stop = true;
        consumerThread.join(10_000);
        if (consumer.failure != null) {
            throw new IllegalStateException("latency consumer failed", consumer.failure);
        }
        return new Latency(app, rate, Stats.perSecond(total, end - start), total, expected, consumer.received.get(),
                Stats.Latencies.of(consumer.latencies()));
    }

    private final class LatencyConsumer implements Runnable {
        private final String topic;
        private final boolean decode;
        private final CountDownLatch positioned = new CountDownLatch(1);
        final AtomicLong received = new AtomicLong();
        volatile boolean stop;
        volatile Throwable failure;
        volatile Map<String, Long> causes = Map.of();
        private long[] micros = new long[1 << 16];
        private int count;

        LatencyConsumer(String topic, boolean decode) {
            this.topic = topic;
            this.decode = decode;
        }

        void awaitPositioned() throws InterruptedException {
            if (!positioned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latency consumer not positioned within 60 s");
            }
        }

        long[] latencies() {
            return Arrays.copyOf(micros, count);
        }

        @Override
        public void run() {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
            Deserializer<SpecificRecord> events = EmissionTopics.EXCEEDANCES.valueSerde().deserializer();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (!stop) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    long now = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        Header sent = record.headers().lastHeader(SENT_AT_HEADER);
                        Long sentAt = sent != null ? ByteBuffer.wrap(sent.value()).getLong() : null;
                        if (decode) {
                            SpecificRecord event = events.deserialize(topic, record.value());
                            if (sentAt == null) {
                                sentAt = causes.get(causation(event));
                            }
                        }
                        received.incrementAndGet();
                        if (sentAt != null) {
                            add((now - sentAt) / 1_000);
                        }
                    }
                }
            } catch (Throwable e) {
                failure = e;
                positioned.countDown();
            }
        }

        private String causation(SpecificRecord event) {
            if (event instanceof ThresholdExceeded t) {
                return t.getMetadata().getCausationId();
            }
            if (event instanceof ExceedanceEnded e) {
                return e.getMetadata().getCausationId();
            }
            return null;
        }

        private void add(long value) {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = value;
        }
    }

    // ---- checks ----

    private Checks check(long expectedStarted, long expectedEnded, long expectedRejected, long baselineProcessed)
            throws Exception {
        Deserializer<SpecificRecord> events = EmissionTopics.EXCEEDANCES.valueSerde().deserializer();
        long[] startedEnded = new long[2];
        readAll(EmissionTopics.EXCEEDANCES.name(), record -> {
            SpecificRecord event = events.deserialize(EmissionTopics.EXCEEDANCES.name(), record.value());
            if (event instanceof ThresholdExceeded) {
                startedEnded[0]++;
            } else if (event instanceof ExceedanceEnded) {
                startedEnded[1]++;
            }
        });
        long[] rejected = new long[1];
        Map<String, Long> reasons = new java.util.TreeMap<>();
        readAll(EmissionTopics.AMS_READINGS.rejectedTopicName(), record -> {
            rejected[0]++;
            Header reason = record.headers().lastHeader(REASON_HEADER);
            reasons.merge(reason == null ? "?" : new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8),
                    1L, Long::sum);
        });
        long[] kpis = new long[1];
        readAll(PlatformTopics.KPI_VALUES.name(), record -> kpis[0]++);
        return new Checks(expectedStarted, startedEnded[0], expectedEnded, startedEnded[1], expectedRejected,
                rejected[0], reasons, kpis[0], baselineProcessed, config.readings());
    }

    /** Reads a topic's committed records from the beginning to its current end. */
    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(ends.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    private void progress(String format, Object... args) {
        config.progress().accept(String.format(format, args));
    }
}

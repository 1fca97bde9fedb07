package kz.taza.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.KafkaAdmin;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.Permit;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.TopicsReady;

/**
 * Runs the measurements against a broker (the tool's standalone broker, or a test's) and checks that the pipeline
 * published exactly the exceedance events and rejections the readings were built to cause. What is measured runs in
 * processes of its own: Kafka's performance tools, the Streams applications ({@link AppProcess}, one process per
 * application kind and instance), the latency sender and consumer ({@link LatencyProbe}) and emission-service itself
 * ({@link ServiceProcess}); this process only loads the data, starts and stops them, and watches the committed offsets.
 *
 * <p>Throughput of a Streams application is {@code readings / (caught up - RUNNING)}: from the moment the first
 * instance reports RUNNING (its tasks assigned and initialised; the time from its start to that is reported apart)
 * until the offsets the application has <em>committed</em> on the readings topic reach the topic's end offsets, polled
 * every 20 ms. With exactly_once_v2 a reading counts only once its transaction (outputs, state changelog and offsets
 * together) is committed, so this is the rate at which readings are finished, not merely seen; the end is late by at
 * most one commit interval (100 ms) plus one poll. Over the same span the application's processes' CPU time is taken,
 * and their resident memory at the end.
 */
public final class Harness {

    static final String YARDSTICK_TOPIC = "bench.produce-yardstick.v1";
    static final String WARM_UP_TOPIC = "bench.warm-up.v1";
    static final String PASS_THROUGH_IN = "bench.pass-through-in.v1";
    static final String PASS_THROUGH_OUT = "bench.pass-through-out.v1";
    /** The header emission-service puts the broken rule in on a rejected reading. */
    static final String REASON_HEADER = RejectedRecordHeaders.ERROR_REASON;
    static final int PARTITIONS = EmissionTopics.PARTITIONS;
    /** The user-facing rate of the latency targets: about 140 times today's national AMS load. */
    static final double USER_RATE = 1_000;
    /** An upper bound of the paced rate at half the pipeline's maximum, for the fleet's room in event time. */
    private static final double MAX_PACED_RATE = 400_000;
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration ANSWER = Duration.ofSeconds(120);

    /**
     * @param readings          readings pre-produced and consumed by each throughput run
     * @param facilities        facilities in the fleet (each with {@code sourcesPerFacility} stacks x 4 pollutants)
     * @param rounds            throughput rounds (baseline then pipeline, each round); the last one counts
     * @param latencyDuration   how long readings are sent in each latency phase
     * @param latencyLoad       the paced rate of the yardstick comparison, as a fraction of the pipeline's maximum
     * @param passThrough       whether to measure the pass-through yardstick's latency
     * @param rest              whether to measure HTTP POST to exceedance through emission-service itself
     * @param restPerReading    whether each POST carries one reading (rather than a facility's readings of an
     *                          interval, as its gateway posts them)
     * @param instances         Streams application instances (processes) per application
     * @param warmUpRecords     records sent and read before anything is measured, to warm the broker
     * @param workDir           state directories, recordings and the processes' logs go under it
     * @param toolsLib          Kafka's jars, for its performance tools (the broker's class path)
     * @param serviceJar        emission-service's executable jar
     * @param appJvmOptions     JVM options of the application processes (heap)
     * @param identityJar       the identity provider's executable jar, which the HTTP phase starts and signs in at
     * @param pipelineOverrides Streams settings applied to the pipeline only, for experiments (empty: as the service)
     */
    public record Config(long readings, int facilities, int sourcesPerFacility, int rounds, Duration latencyDuration,
            double latencyLoad, boolean passThrough, boolean rest, boolean restPerReading, int instances,
            long warmUpRecords, Path workDir,
            Path toolsLib, Path serviceJar, List<String> appJvmOptions, Path identityJar,
            Map<String, String> pipelineOverrides, Consumer<String> progress) {

        public Config {
            appJvmOptions = List.copyOf(appJvmOptions);
            pipelineOverrides = Map.copyOf(pipelineOverrides);
        }
    }

    /** One throughput run of one application. */
    public record Throughput(String app, int round, int instances, long readings, long startToRunningNanos,
            long measuredNanos, long processed, long cpuNanos, long rssBytes, long peakRssBytes,
            StackProfile.Profile profile, List<Path> recordings) {

        public double rate() {
            return Stats.perSecond(readings, measuredNanos);
        }

        /** CPU seconds the application's processes spent per million readings, while measured. */
        public double cpuSecondsPerMillion() {
            return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e9 / readings * 1e6;
        }
    }

    /** One latency phase: the rate asked for and what the probe saw. */
    public record Latency(String app, double targetRate, LatencyProbe.Result result) {
    }

    /** What the pipeline published against what the readings were built to cause, over the whole run. */
    public record Checks(long expectedStarted, long seenStarted, long expectedEnded, long seenEnded,
            long expectedRejected, long seenRejected, Map<String, Long> rejectionReasons, long kpiValues,
            long baselineProcessed, long baselineExpected, List<String> phaseProblems) {

        public boolean allMatch() {
            return expectedStarted == seenStarted && expectedEnded == seenEnded && expectedRejected == seenRejected
                    && kpiValues > 0 && baselineProcessed >= baselineExpected && phaseProblems.isEmpty();
        }
    }

    public record Result(long readings, int series, int instances, Map<String, String> pipelineOverrides,
            KafkaPerfTools.Produced produce, KafkaPerfTools.Consumed consume, double loadRate,
            List<Throughput> baseline, List<Throughput> pipeline, Latency pipelineAtHalf, Latency pipelineAtUserRate,
            Latency passThrough, Latency rest, Checks checks) {

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

    private final BenchConnection connection;
    private final Config config;
    private final Admin admin;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Serializer<AmsReading> readingSerializer = EmissionTopics.AMS_READINGS.valueSerde().serializer();
    private final Path connectionFile;

    public Harness(BenchConnection connection, Config config) throws java.io.IOException {
        this.connection = connection;
        this.config = config;
        Files.createDirectories(config.workDir());
        this.connectionFile = connection.writeTo(config.workDir().resolve("connection.properties"));
        this.admin = Admin.create(connection.client());
    }

    public Result run() throws Exception {
        try {
            return measure();
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }

    private Result measure() throws Exception {
        long latencyMillis = Math.max(config.latencyDuration().toMillis(), 1);
        // Room in event time for the pre-produced readings and every latency phase after them.
        long latencyRoom = (long) ((2 * MAX_PACED_RATE + 2 * USER_RATE) * latencyMillis / 1000.0);
        Fleet fleet = Fleet.forReadings(config.facilities(), config.sourcesPerFacility(),
                config.readings() + latencyRoom, Instant.now());
        progress("fleet: %d facilities, %d series (facility x stack x pollutant), %,d readings pre-produced",
                config.facilities(), fleet.series(), config.readings());

        createTopics();
        KafkaPerfTools tools = new KafkaPerfTools(config.toolsLib(), connectionFile,
                config.workDir().resolve("kafka-tools.log"));
        // The broker's produce and fetch paths warmed (JIT, page cache, log segments) before anything is measured.
        KafkaPerfTools.Produced warmUp = tools.produce(WARM_UP_TOPIC, config.warmUpRecords());
        tools.consume(WARM_UP_TOPIC, config.warmUpRecords(), "bench-warm-up-" + run);
        admin.deleteTopics(List.of(WARM_UP_TOPIC)).all().get(60, TimeUnit.SECONDS);
        progress("broker warmed: %,d records sent (%,.0f/s) and read back", warmUp.records(),
                warmUp.recordsPerSecond());
        loadFleet(fleet);
        KafkaPerfTools.Produced produce = tools.produce(YARDSTICK_TOPIC, config.readings());
        KafkaPerfTools.Consumed consume = tools.consume(YARDSTICK_TOPIC, config.readings(), "bench-consume-" + run);
        admin.deleteTopics(List.of(YARDSTICK_TOPIC)).all().get(60, TimeUnit.SECONDS); // its disk is not needed
        progress("Kafka's ProducerPerformance: %,.0f records/s (p99 %d ms); ConsumerPerformance: %,.0f records/s "
                + "(%,.0f/s fetching)", produce.recordsPerSecond(), produce.p99Ms(), consume.recordsPerSecond(),
                consume.fetchRecordsPerSecond());
        double loadRate = produceReadings(fleet, 0, config.readings());
        progress("readings loaded (encoding included): %,.0f/s", loadRate);

        List<Throughput> baseline = new ArrayList<>();
        List<Throughput> pipeline = new ArrayList<>();
        Map<TopicPartition, Long> ends = endOffsets(EmissionTopics.AMS_READINGS.name());
        Fleet.Expectation perRound = fleet.expectation().through(0, config.readings());
        Latency atHalf;
        Latency atUserRate;
        Latency passThrough = null;
        long next = config.readings();
        try (Apps baselineApps = new Apps("baseline"); Apps pipelineApps = new Apps("pipeline")) {
            String lastPipeline = null;
            for (int round = 1; round <= config.rounds(); round++) {
                boolean last = round == config.rounds();
                Throughput b = caughtUp(baselineApps, StreamsApps.Kind.BASELINE, "bench-baseline-" + run + "-" + round,
                        round, ends, Map.of(), last);
                baselineApps.stop("bench-baseline-" + run + "-" + round);
                baseline.add(b);
                progress("round %d baseline: %,.0f readings/s (%.2f s; RUNNING after %.2f s), %.1f CPU s per million;"
                        + " stream thread: %s", round, b.rate(), b.measuredNanos() / 1e9,
                        b.startToRunningNanos() / 1e9, b.cpuSecondsPerMillion(), b.profile());
                if (lastPipeline != null) {
                    pipelineApps.stop(lastPipeline);
                }
                lastPipeline = "bench-pipeline-" + run + "-" + round;
                Throughput p = caughtUp(pipelineApps, StreamsApps.Kind.PIPELINE, lastPipeline, round, ends,
                        config.pipelineOverrides(), last);
                pipeline.add(p);
                progress("round %d pipeline: %,.0f readings/s (%.2f s; RUNNING after %.2f s), %.1f CPU s per million;"
                        + " stream thread: %s", round, p.rate(), p.measuredNanos() / 1e9,
                        p.startToRunningNanos() / 1e9, p.cpuSecondsPerMillion(), p.profile());
            }

            // The last pipeline application keeps running: its latency, at half its maximum and at the user rate.
            double halfRate = Math.max(1, pipeline.get(pipeline.size() - 1).rate() * config.latencyLoad());
            atHalf = new Latency("pipeline", halfRate, probe("pipeline-half", EmissionTopics.AMS_READINGS.name(),
                    EmissionTopics.EXCEEDANCES.name(), halfRate, probeWarmUp(), next, "continue", fleet, null, null));
            next += atHalf.result().sent();
            progress("pipeline latency at %,.0f readings/s: %s", halfRate, atHalf.result().micros());
            atUserRate = new Latency("pipeline", USER_RATE, probe("pipeline-user-rate",
                    EmissionTopics.AMS_READINGS.name(), EmissionTopics.EXCEEDANCES.name(), USER_RATE,
                    probeWarmUp(), next, "continue", fleet, null, null));
            next += atUserRate.result().sent();
            progress("pipeline latency at %,.0f readings/s: %s", USER_RATE, atUserRate.result().micros());
            pipelineApps.stop(lastPipeline);

            if (config.passThrough()) {
                String id = "bench-pass-through-" + run;
                baselineApps.start(StreamsApps.Kind.PASS_THROUGH, id, Map.of());
                baselineApps.awaitRunning(id);
                passThrough = new Latency("pass-through", halfRate, probe("pass-through", PASS_THROUGH_IN,
                        PASS_THROUGH_OUT, halfRate, probeWarmUp(), next, "every", fleet, null, null));
                next += passThrough.result().sent();
                baselineApps.stop(id);
                progress("pass-through latency at %,.0f readings/s: %s", halfRate, passThrough.result().micros());
            }
        }

        Latency rest = null;
        if (config.rest()) {
            String id = "bench-service-" + run;
            try (BenchIdentities identities = BenchIdentities.start(config.identityJar(), fleet,
                    config.workDir().resolve("identity"))) {
                identities.awaitReady(Duration.ofSeconds(120));
                progress("identity provider ready at %s (a gateway per operator of the fleet)", identities.issuer());
                try (ServiceProcess service = ServiceProcess.start(config.serviceJar(), connection, identities, id,
                        StreamsApps.freshStateDir(config.workDir(), id),
                        config.workDir().resolve("emission-service.log"))) {
                    service.awaitReady(Duration.ofSeconds(180));
                    progress("emission-service ready at %s", service.base());
                    // A service just started: its own warm-up is as long as what is measured.
                    rest = new Latency(config.restPerReading() ? "emission-service, a reading per POST"
                            : "emission-service, a facility's interval per POST", USER_RATE, probe("rest", null,
                            EmissionTopics.EXCEEDANCES.name(), USER_RATE, config.latencyDuration(), next, "fresh",
                            fleet, service, identities));
                }
                next += rest.result().sent();
            }
            progress("HTTP POST latency at %,.0f readings/s: %s", USER_RATE, rest.result().micros());
        }

        List<String> problems = new ArrayList<>();
        for (Latency latency : Arrays.asList(atHalf, atUserRate, passThrough, rest)) {
            if (latency != null) {
                problems.addAll(problems(latency));
            }
        }
        if (rest != null && rest.result().httpRejected() != rest.result().rejected()) {
            problems.add("HTTP: " + rest.result().httpRejected() + " readings refused, " + rest.result().rejected()
                    + " built to be");
        }
        long started = config.rounds() * perRound.started() + atHalf.result().started()
                + atUserRate.result().started() + (rest == null ? 0 : rest.result().started());
        long ended = config.rounds() * perRound.ended() + atHalf.result().ended() + atUserRate.result().ended()
                + (rest == null ? 0 : rest.result().ended());
        // Readings refused over HTTP never reach the rejected topic: the REST API answers them.
        long rejected = config.rounds() * perRound.rejected() + atHalf.result().rejected()
                + atUserRate.result().rejected();
        Checks checks = check(started, ended, rejected, baseline.get(baseline.size() - 1).processed(), problems);
        return new Result(config.readings(), fleet.series(), config.instances(), config.pipelineOverrides(), produce,
                consume, loadRate, baseline, pipeline, atHalf, atUserRate, passThrough, rest, checks);
    }

    private static List<String> problems(Latency latency) {
        LatencyProbe.Result r = latency.result();
        List<String> problems = new ArrayList<>();
        if (r.received() != r.expected()) {
            problems.add(latency.app() + " at " + Math.round(latency.targetRate()) + "/s: " + r.received() + " of "
                    + r.expected() + " awaited records arrived");
        }
        if (r.unmatched() != 0) {
            problems.add(latency.app() + ": " + r.unmatched() + " records matched no reading sent");
        }
        if (r.httpFailures() != 0) {
            problems.add(latency.app() + ": " + r.httpFailures() + " POSTs failed");
        }
        return problems;
    }

    // ---- the application processes ----

    /** The processes of one application kind, {@code instances} of them. */
    private final class Apps implements AutoCloseable {
        private final List<ChildJvm> processes = new ArrayList<>();

        Apps(String name) throws java.io.IOException {
            List<String> jvm = new ArrayList<>(config.appJvmOptions());
            // JFR's default stack depth (64) cuts a stream thread's stacks before the frames that say what it does.
            jvm.add("-XX:FlightRecorderOptions:stackdepth=256");
            for (int i = 1; i <= config.instances(); i++) {
                processes.add(ChildJvm.start(name + "-" + i, jvm, AppProcess.class,
                        List.of(connectionFile.toString()), config.workDir().resolve(name + "-" + i + ".log")));
            }
        }

        void start(StreamsApps.Kind kind, String applicationId, Map<String, String> overrides) {
            StringBuilder settings = new StringBuilder();
            overrides.forEach((k, v) -> settings.append(' ').append(k).append('=').append(v));
            for (ChildJvm process : processes) {
                process.send("start " + kind + " " + applicationId + " " + StreamsApps.freshStateDir(
                        config.workDir().resolve("streams"), applicationId + "-" + process.name()) + settings);
            }
        }

        /** Waits until every instance is RUNNING; the time the first one was, and each one's CPU time then. */
        Running awaitRunning(String applicationId) throws InterruptedException {
            long first = Long.MAX_VALUE;
            long cpu = 0;
            for (ChildJvm process : processes) {
                ChildJvm.Answer answer = process.awaitAnswer("running " + applicationId, ANSWER);
                cpu += process.stats().cpuNanos();
                first = Math.min(first, answer.nanos());
            }
            return new Running(first, cpu);
        }

        void stop(String applicationId) throws InterruptedException {
            for (ChildJvm process : processes) {
                process.send("stop " + applicationId);
            }
            for (ChildJvm process : processes) {
                process.await("stopped " + applicationId, ANSWER);
            }
        }

        List<ChildJvm> processes() {
            return processes;
        }

        @Override
        public void close() {
            processes.forEach(ChildJvm::close);
        }
    }

    private record Running(long firstNanos, long cpuNanos) {
    }

    private Throughput caughtUp(Apps apps, StreamsApps.Kind kind, String applicationId, int round,
            Map<TopicPartition, Long> ends, Map<String, String> overrides, boolean profile) throws Exception {
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        long timeoutNanos = TimeUnit.SECONDS.toNanos(Math.max(300, records / 1_000));
        long start = System.nanoTime();
        apps.start(kind, applicationId, overrides);
        Running running = apps.awaitRunning(applicationId);
        List<Path> recordings = new ArrayList<>();
        if (profile) {
            for (ChildJvm process : apps.processes()) {
                Path file = config.workDir().resolve(applicationId + "-" + process.name() + ".jfr");
                process.send("jfr-start " + file);
                process.await("jfr-started", ANSWER);
                recordings.add(file);
            }
        }
        while (true) {
            Thread.sleep(POLL.toMillis()); // the poll interval of the committed offsets, not a wait for an outcome
            long now = System.nanoTime();
            for (ChildJvm process : apps.processes()) {
                String failure = process.failure();
                if (failure != null) {
                    throw new IllegalStateException(kind + " stopped: " + failure);
                }
            }
            if (now - start > timeoutNanos) {
                throw new IllegalStateException(kind + " did not commit every reading within "
                        + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s; committed " + committed(applicationId));
            }
            if (reached(committed(applicationId), ends)) {
                long cpu = 0;
                long rss = 0;
                long peak = 0;
                for (ChildJvm process : apps.processes()) {
                    ProcessStats stats = process.stats();
                    cpu += stats.cpuNanos();
                    rss += stats.rssBytes();
                    peak += stats.peakRssBytes();
                }
                StackProfile.Profile threads = StackProfile.Profile.NONE;
                if (profile) {
                    for (ChildJvm process : apps.processes()) {
                        process.send("jfr-stop");
                        process.await("jfr-stopped", ANSWER);
                    }
                    threads = JfrProfile.of(recordings, applicationId + "-StreamThread-");
                }
                long processed = kind == StreamsApps.Kind.BASELINE ? processed(apps, applicationId) : -1;
                return new Throughput(kind.name().toLowerCase(java.util.Locale.ROOT), round, config.instances(),
                        records, running.firstNanos() - start, now - running.firstNanos(), processed,
                        running.cpuNanos() < 0 ? -1 : cpu - running.cpuNanos(), rss, peak, threads, recordings);
            }
        }
    }

    private static long processed(Apps apps, String applicationId) throws InterruptedException {
        long processed = 0;
        for (ChildJvm process : apps.processes()) {
            process.send("processed " + applicationId);
            processed += Long.parseLong(process.await("processed", ANSWER));
        }
        return processed;
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

    // ---- latency ----

    /** The untimed start of a latency phase: a quarter of it, at most 5 s. */
    private Duration probeWarmUp() {
        Duration quarter = config.latencyDuration().dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : quarter;
    }

    /** Runs one latency phase in a probe process of its own. */
    private LatencyProbe.Result probe(String name, String input, String output, double rate, Duration warmUp,
            long from, String expect, Fleet fleet, ServiceProcess service, BenchIdentities identities)
            throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("connection", connectionFile.toString());
        args.put("fleet", fleet.describe());
        if (input != null) {
            args.put("input", input);
        }
        args.put("output", output);
        args.put("rate", Double.toString(rate));
        args.put("warmUpMillis", Long.toString(warmUp.toMillis()));
        args.put("millis", Long.toString(config.latencyDuration().toMillis()));
        args.put("from", Long.toString(from));
        args.put("expect", expect);
        if (service != null) {
            args.put("perReading", Boolean.toString(config.restPerReading()));
            args.put("url", service.base().toString());
            args.put("identities", identities.file().toString());
            args.put("tokenUri", identities.tokenUri().toString());
        }
        List<String> list = new ArrayList<>();
        args.forEach((k, v) -> list.add(k + "=" + v));
        try (ChildJvm probe = ChildJvm.start("probe-" + name, List.of("-Xmx768m"), LatencyProbe.class, list,
                config.workDir().resolve("probe-" + name + ".log"))) {
            return LatencyProbe.Result.parse("result " + probe.await("result",
                    warmUp.plus(config.latencyDuration()).plus(Duration.ofSeconds(180))));
        }
    }

    // ---- topics and load ----

    private void createTopics() throws Exception {
        List<NewTopic> topics = new ArrayList<>(Arrays.asList(StreamsApps.serviceTopics().newTopics((short) 1,
                Map.of())));
        for (String name : List.of(YARDSTICK_TOPIC, WARM_UP_TOPIC, PASS_THROUGH_IN, PASS_THROUGH_OUT)) {
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
        new TopicsReady(new KafkaAdmin(connection.client()), names, Duration.ofSeconds(60)).start();
    }

    /** The readings' producer settings: acks=all, idempotent, 5 ms linger, 64 KiB batches. */
    static Map<String, Object> producerProperties(BenchConnection connection, String clientId) {
        Map<String, Object> props = connection.client();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        return props;
    }

    private KafkaProducer<String, byte[]> producer(String clientId) {
        return new KafkaProducer<>(producerProperties(connection, clientId), new StringSerializer(),
                new ByteArraySerializer());
    }

    private void loadFleet(Fleet fleet) throws Exception {
        var facilitySer = PermitTopics.FACILITIES.valueSerde().serializer();
        var permitSer = PermitTopics.PERMITS.valueSerde().serializer();
        int permits = 0;
        List<Future<?>> sent = new ArrayList<>();
        Map<String, Object> fleetProps = producerProperties(connection, "bench-fleet");
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
            for (Future<?> future : sent) {
                future.get(); // a facility or permit missing would turn readings into rejections
            }
        }
        progress("fleet loaded: %d facilities, %d ACTIVE permits with mg/Nm3 limits", fleet.facilityCount(), permits);
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

    // ---- checks ----

    private Checks check(long expectedStarted, long expectedEnded, long expectedRejected, long baselineProcessed,
            List<String> problems) throws Exception {
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
        Map<String, Long> reasons = new TreeMap<>();
        readAll(EmissionTopics.AMS_READINGS.rejectedTopicName(), record -> {
            rejected[0]++;
            Header reason = record.headers().lastHeader(REASON_HEADER);
            reasons.merge(reason == null ? "?" : new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8),
                    1L, Long::sum);
        });
        long[] kpis = new long[1];
        readAll(PlatformTopics.KPI_VALUES.name(), record -> kpis[0]++);
        return new Checks(expectedStarted, startedEnded[0], expectedEnded, startedEnded[1], expectedRejected,
                rejected[0], reasons, kpis[0], baselineProcessed, config.readings(), List.copyOf(problems));
    }

    /** Reads a topic's committed records from the beginning to its current end. */
    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<String, Object> props = connection.client();
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

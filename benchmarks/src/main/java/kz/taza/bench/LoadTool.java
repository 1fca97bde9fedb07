package kz.taza.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import kz.taza.stack.PortCheck;
import kz.taza.stack.ServiceSpec;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.SelfSignedTls;
import kz.taza.stack.StandaloneBroker;

/**
 * The load tool: starts a standalone Kafka broker in its own process (the local stack's {@link StandaloneBroker}), runs
 * the {@link Harness} against it and prints the report. See benchmarks/README.md.
 *
 * <pre>
 * mvn -B -o -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar [--quick] [--readings N] [--rounds R] [--instances N]
 *      [--latency-seconds S] [--facilities F] [--no-pass-through] [--no-rest] [--rest-per-reading] [--bootstrap host:port]
 *      [--client-config FILE] [--security sasl|tls|compare] [--broker-lib DIR] [--service-jar JAR]
 *      [--app-heap SIZE] [--work-dir DIR] [--keep]
 * </pre>
 */
public final class LoadTool {

    static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks-<version>.jar [options]
              --readings N         readings pre-produced and consumed per throughput run (default 300000)
              --rounds R           throughput rounds, baseline then pipeline; the last counts (default 2)
              --instances N        instances (processes) of each Streams application, one consumer group (default 1)
              --latency-seconds S  paced sending per latency phase (default 20)
              --facilities F       facilities in the fleet, 2 stacks x 4 pollutants each (default 500)
              --no-pass-through    skip the pass-through latency yardstick
              --no-rest            skip HTTP POST -> exceedance through emission-service itself
              --rest-per-reading   over HTTP, one reading per POST (default: a facility's readings of an interval,
                                   2 stacks x 4 pollutants, per POST, as its gateway posts them)
              --quick              smoke run: 100000 readings, 1 round, 5 s latency phases
              --bootstrap H:P      use this broker instead of starting one (it must have none of the topics)
              --client-config FILE Kafka client settings for that broker (security.protocol, sasl.*, ssl.*), as a
                                   properties file; every client of the run takes them
              --security MODE      the broker the tool starts: sasl (SASL_PLAINTEXT, SCRAM-SHA-512, the default),
                                   tls (SASL_SSL with a certificate made for the run) or compare (both, one after
                                   the other in the same run, and the cost of TLS as ratios)
              --broker-lib DIR     Kafka's jars, for the broker and its tools (default: local-stack/target/broker-lib)
              --service-jar JAR    emission-service's executable jar (default: emission-service/target of this checkout)
              --app-heap SIZE      heap of each application process (default 1g)
              --work-dir DIR       broker data, Streams state, recordings, logs (default: a temporary directory, deleted)
              --keep               keep the work directory (JFR recordings, the processes' logs)
              --pipeline-property K=V  a Streams setting for the pipeline only (repeatable), for experiments;
                                   the report flags the run as an experiment
            """;

    record Options(long readings, int rounds, int instances, int latencySeconds, int facilities, boolean passThrough,
            boolean rest, boolean restPerReading, String bootstrap, Path brokerLib, Path serviceJar, String appHeap,
            Path workDir, boolean keep, Map<String, String> pipelineOverrides, Path clientConfig, String security) {

        static Options parse(String... args) {
            long readings = 300_000;
            int rounds = 2;
            int instances = 1;
            int latency = 20;
            int facilities = 500;
            boolean passThrough = true;
            boolean rest = true;
            boolean restPerReading = false;
            String bootstrap = null;
            Path brokerLib = null;
            Path serviceJar = null;
            String heap = "1g";
            Path workDir = null;
            boolean keep = false;
            Path clientConfig = null;
            String security = "sasl";
            Map<String, String> overrides = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--quick" -> {
                        readings = 100_000;
                        rounds = 1;
                        latency = 5;
                    }
                    case "--readings" -> readings = Long.parseLong(value(args, ++i, arg));
                    case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, arg));
                    case "--instances" -> instances = Integer.parseInt(value(args, ++i, arg));
                    case "--latency-seconds" -> latency = Integer.parseInt(value(args, ++i, arg));
                    case "--facilities" -> facilities = Integer.parseInt(value(args, ++i, arg));
                    case "--no-pass-through" -> passThrough = false;
                    case "--no-rest" -> rest = false;
                    case "--rest-per-reading" -> restPerReading = true;
                    case "--bootstrap" -> bootstrap = value(args, ++i, arg);
                    case "--broker-lib" -> brokerLib = Path.of(value(args, ++i, arg));
                    case "--service-jar" -> serviceJar = Path.of(value(args, ++i, arg));
                    case "--app-heap" -> heap = value(args, ++i, arg);
                    case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
                    case "--keep" -> keep = true;
                    case "--client-config" -> clientConfig = Path.of(value(args, ++i, arg));
                    case "--security" -> security = value(args, ++i, arg);
                    case "--pipeline-property" -> {
                        String setting = value(args, ++i, arg);
                        int eq = setting.indexOf('=');
                        if (eq < 1) {
                            throw new IllegalArgumentException("--pipeline-property needs KEY=VALUE, was " + setting);
                        }
                        overrides.put(setting.substring(0, eq), setting.substring(eq + 1));
                    }
                    case "-h", "--help" -> throw new IllegalArgumentException("");
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (readings < 1 || rounds < 1 || instances < 1 || latency < 1 || facilities < 1) {
                throw new IllegalArgumentException("--readings, --rounds, --instances, --latency-seconds and "
                        + "--facilities must be positive");
            }
            if (!heap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException("--app-heap is a JVM heap size such as 1g or 768m, was " + heap);
            }
            if (!List.of("sasl", "tls", "compare").contains(security)) {
                throw new IllegalArgumentException("--security is sasl, tls or compare, was " + security);
            }
            if (clientConfig != null && bootstrap == null) {
                throw new IllegalArgumentException("--client-config is for a broker given with --bootstrap");
            }
            if (bootstrap != null && !security.equals("sasl")) {
                throw new IllegalArgumentException("--security tls or compare starts brokers of its own: not with "
                        + "--bootstrap");
            }
            return new Options(readings, rounds, instances, latency, facilities, passThrough, rest, restPerReading, bootstrap,
                    brokerLib, serviceJar, heap, workDir, keep, overrides, clientConfig, security);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        /** The harness's configuration for these options. */
        Harness.Config config(Path workDir, Path toolsLib, Path checkout, java.util.function.Consumer<String> log) {
            return new Harness.Config(readings, facilities, 2, rounds, Duration.ofSeconds(latencySeconds), 0.5,
                    passThrough, rest, restPerReading, instances, readings, workDir, toolsLib,
                    serviceJar != null ? serviceJar : new ServiceSpec("emission-service", 0).jar(checkout),
                    List.of("-Xmx" + appHeap, "-Xms" + appHeap), ServiceSpec.IDENTITY_PROVIDER.jar(checkout),
                    pipelineOverrides, log);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    static boolean run(Options options) throws Exception {
        long wallStart = System.nanoTime();
        Machine before = Machine.now();
        Path workDir = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("taza-bench-");
        log("work directory %s; load average %s on %d cores", workDir, before.loadAverage(), before.cores());
        Path checkout = checkout();
        Path lib = options.brokerLib() != null ? options.brokerLib()
                : checkout.resolve("local-stack").resolve("target").resolve("broker-lib");
        try {
            if (options.bootstrap() != null) {
                BenchConnection connection = options.clientConfig() == null
                        ? BenchConnection.plain(options.bootstrap())
                        : new BenchConnection(options.bootstrap(), settingsOf(options.clientConfig()));
                Harness.Result result = new Harness(connection,
                        options.config(workDir, lib, checkout, message -> log("%s", message))).run();
                Report.print(System.out, result, before, Machine.now(), "given broker at " + options.bootstrap(),
                        (System.nanoTime() - wallStart) / 1e9);
                return result.checks().allMatch();
            }
            if (!options.security().equals("compare")) {
                Run run = runOnOwnBroker(options, workDir.resolve(options.security()), lib, checkout,
                        options.security().equals("tls"));
                Report.print(System.out, run.result(), before, Machine.now(), run.broker(),
                        (System.nanoTime() - wallStart) / 1e9);
                return run.result().checks().allMatch();
            }
            Run sasl = runOnOwnBroker(options, workDir.resolve("sasl"), lib, checkout, false);
            Report.print(System.out, sasl.result(), before, Machine.now(), sasl.broker(),
                    (System.nanoTime() - wallStart) / 1e9);
            Machine between = Machine.now();
            long tlsStart = System.nanoTime();
            Run tls = runOnOwnBroker(options, workDir.resolve("tls"), lib, checkout, true);
            Report.print(System.out, tls.result(), between, Machine.now(), tls.broker(),
                    (System.nanoTime() - tlsStart) / 1e9);
            Report.printSecurityCost(System.out, sasl.result(), tls.result());
            return sasl.result().checks().allMatch() && tls.result().checks().allMatch();
        } finally {
            if (!options.keep()) {
                deleteTree(workDir);
            } else {
                log("kept %s (JFR recordings: jfr print --events jdk.ExecutionSample FILE)", workDir);
            }
        }
    }

    /** One harness run and the broker it ran on. */
    record Run(Harness.Result result, String broker) {
    }

    /**
     * Starts a standalone broker of the local stack's kind in its own directory, secured as the local stack's is
     * (SASL_PLAINTEXT, or SASL_SSL with a certificate made for the run), runs the harness on it as the broker's
     * administrator and stops it.
     */
    private static Run runOnOwnBroker(Options options, Path dir, Path lib, Path checkout, boolean tls)
            throws Exception {
        Files.createDirectories(dir);
        java.util.Optional<SelfSignedTls> certificate = tls
                ? java.util.Optional.of(SelfSignedTls.generate(dir.resolve("tls"), Duration.ofDays(2)))
                : java.util.Optional.empty();
        StandaloneBroker broker = StandaloneBroker.secured(lib, dir.resolve("broker"), PortCheck.freePort(),
                PortCheck.freePort(), certificate);
        Thread stop = new Thread(broker::close, "bench-broker-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            log("starting a standalone broker (KRaft, own process, -Xmx768m, %s) from %s",
                    tls ? "SASL_SSL" : "SASL_PLAINTEXT", lib);
            broker.start();
            broker.awaitReady(Duration.ofSeconds(90));
            KafkaLogin admin = broker.login(BrokerSecurity.ADMIN);
            String description = "standalone KRaft broker, own process (local-stack StandaloneBroker), "
                    + broker.bootstrapServers() + ", " + admin.securityProtocol() + " with SCRAM-SHA-512"
                    + (tls ? " (TLS certificate made for the run)" : "") + ", log " + broker.logFile();
            log("broker ready at %s (%s)", broker.bootstrapServers(), admin.securityProtocol());
            Harness.Result result = new Harness(new BenchConnection(broker.bootstrapServers(),
                    admin.clientProperties()), options.config(dir, lib, checkout, message -> log("%s", message)))
                    .run();
            return new Run(result, description);
        } finally {
            log("stopping the broker");
            broker.close();
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    private static Map<String, String> settingsOf(Path file) {
        BenchConnection read = BenchConnection.readFrom(file);
        return read.settings();
    }

    /** The checkout this jar was built in (benchmarks/target/x.jar or benchmarks/target/classes), or the cwd. */
    static Path checkout() throws URISyntaxException {
        Path code = Path.of(LoadTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = code.getParent() != null && code.getParent().getParent() != null
                ? code.getParent().getParent().getParent() : null;
        if (root != null && Files.isDirectory(root.resolve("local-stack"))) {
            return root;
        }
        return Path.of("").toAbsolutePath();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
        System.out.flush();
    }
}

package kz.taza.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import kz.taza.stack.PortCheck;
import kz.taza.stack.StandaloneBroker;

/**
 * The load tool: starts a standalone Kafka broker in its own process (the local stack's {@link StandaloneBroker}), runs
 * the {@link Harness} against it and prints the report. See benchmarks/README.md.
 *
 * <pre>
 * mvn -B -o -pl benchmarks -am package -DskipTests
 * java -Xmx1g -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar [--quick] [--readings N] [--rounds R]
 *      [--latency-seconds S] [--facilities F] [--no-pass-through] [--bootstrap host:port] [--broker-lib DIR]
 *      [--work-dir DIR] [--keep]
 * </pre>
 */
public final class LoadTool {

    static final String USAGE = """
            usage: java -jar benchmarks/target/benchmarks-<version>.jar [options]
              --readings N         readings pre-produced and consumed per throughput run (default 300000)
              --rounds R           throughput rounds, baseline then pipeline; the last counts (default 2)
              --latency-seconds S  paced sending per latency phase (default 20)
              --facilities F       facilities in the fleet, 2 stacks x 4 pollutants each (default 500)
              --no-pass-through    skip the pass-through latency yardstick
              --quick              smoke run: 100000 readings, 1 round, 5 s latency phases
              --bootstrap H:P      use this broker instead of starting one (it must have none of the topics)
              --broker-lib DIR     the broker's jars (default: local-stack/target/broker-lib of this checkout)
              --work-dir DIR       broker data and Streams state (default: a temporary directory, deleted after)
              --keep               keep the work directory
              --pipeline-property K=V  a Streams setting for the pipeline only (repeatable), for experiments;
                                   the report flags the run as an experiment
            """;

    record Options(long readings, int rounds, int latencySeconds, int facilities, boolean passThrough,
            String bootstrap, Path brokerLib, Path workDir, boolean keep, Map<String, String> pipelineOverrides) {

        static Options parse(String... args) {
            long readings = 300_000;
            int rounds = 2;
            int latency = 20;
            int facilities = 500;
            boolean passThrough = true;
            String bootstrap = null;
            Path brokerLib = null;
            Path workDir = null;
            boolean keep = false;
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
                    case "--latency-seconds" -> latency = Integer.parseInt(value(args, ++i, arg));
                    case "--facilities" -> facilities = Integer.parseInt(value(args, ++i, arg));
                    case "--no-pass-through" -> passThrough = false;
                    case "--bootstrap" -> bootstrap = value(args, ++i, arg);
                    case "--broker-lib" -> brokerLib = Path.of(value(args, ++i, arg));
                    case "--work-dir" -> workDir = Path.of(value(args, ++i, arg));
                    case "--keep" -> keep = true;
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
            if (readings < 1 || rounds < 1 || latency < 1 || facilities < 1) {
                throw new IllegalArgumentException("--readings, --rounds, --latency-seconds and --facilities must be "
                        + "positive");
            }
            return new Options(readings, rounds, latency, facilities, passThrough, bootstrap, brokerLib, workDir,
                    keep, overrides);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
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
        StandaloneBroker broker = null;
        String bootstrap = options.bootstrap();
        String brokerDescription;
        try {
            if (bootstrap == null) {
                Path lib = options.brokerLib() != null ? options.brokerLib() : defaultBrokerLib();
                broker = new StandaloneBroker(lib, workDir.resolve("broker"), PortCheck.freePort(),
                        PortCheck.freePort());
                StandaloneBroker started = broker;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "bench-broker-stop"));
                log("starting a standalone broker (KRaft, own process, -Xmx768m) from %s", lib);
                broker.start();
                broker.awaitReady(Duration.ofSeconds(90));
                bootstrap = broker.bootstrapServers();
                brokerDescription = "standalone KRaft broker, own process (local-stack StandaloneBroker), "
                        + bootstrap + ", log " + broker.logFile();
            } else {
                brokerDescription = "given broker at " + bootstrap;
            }
            log("broker ready at %s", bootstrap);
            Harness.Config config = new Harness.Config(options.readings(), options.facilities(), 2, options.rounds(),
                    Duration.ofSeconds(options.latencySeconds()), 0.5, options.passThrough(),
                    workDir.resolve("streams"), options.pipelineOverrides(), message -> log("%s", message));
            Harness.Result result = new Harness(bootstrap, config).run();
            Report.print(System.out, result, before, Machine.now(), brokerDescription,
                    (System.nanoTime() - wallStart) / 1e9);
            return result.checks().allMatch();
        } finally {
            if (broker != null) {
                log("stopping the broker");
                broker.close();
            }
            if (!options.keep()) {
                deleteTree(workDir);
            }
        }
    }

    /** local-stack/target/broker-lib of the checkout this jar was built in (benchmarks/target/x.jar), or of cwd. */
    static Path defaultBrokerLib() throws URISyntaxException {
        Path jar = Path.of(LoadTool.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = jar.getParent() != null && jar.getParent().getParent() != null
                ? jar.getParent().getParent().getParent() : null;
        Path besideJar = root == null ? null : root.resolve("local-stack").resolve("target").resolve("broker-lib");
        if (besideJar != null && Files.isDirectory(besideJar)) {
            return besideJar;
        }
        return Path.of("local-stack", "target", "broker-lib").toAbsolutePath();
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

package kz.taza.simulator;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import kz.taza.simulator.scenario.ScenarioConfig;

/**
 * The simulator's command line, parsed by picocli: {@code --flag value} or {@code --flag=value}; a value of the wrong
 * type, or a scenario size the scenario refuses, is refused naming its flag; an unknown flag with the usage;
 * {@code --help} lists every flag with its default.
 *
 * @param mode              {@code replay}: send the scenario as fast as the services take it, then stop;
 *                          {@code live}: the same, then AMS readings keep flowing on an accelerated clock until
 *                          stopped; {@code verify}: send nothing, compare the KPI topic with the ground truth
 * @param scenario          seed and sizes
 * @param concurrency       requests in flight at most
 * @param readingsPerSecond replay: AMS readings per second at most (0: as fast as the services take them)
 * @param speed             live: simulated seconds per wall-clock second
 * @param lookbackHours     live: how far before now the live clock starts
 * @param groundTruth       where the ground truth goes
 * @param readinessTimeout  how long to wait for the services to be ready
 * @param amsReplay         whether the scenario's AMS days are replayed
 * @param kafkaConfig       verify: a file of Kafka client settings (security.protocol, sasl.*, ssl.*,
 *                          bootstrap.servers) for a secured broker; empty for a plain connection
 */
public record SimulatorOptions(String mode, ScenarioConfig scenario, int concurrency, double readingsPerSecond,
        double speed, long lookbackHours, Path groundTruth, Duration readinessTimeout, boolean amsReplay,
        Optional<Path> kafkaConfig) {

    /**
     * Parses the arguments; {@code env} gives {@code TAZA_RUN_DIR}, the default ground truth's directory. Empty when
     * they ask for help, which is then printed to {@code help}.
     *
     * @throws IllegalArgumentException with a message for the person at the terminal when the arguments are wrong
     */
    public static Optional<SimulatorOptions> parse(List<String> args, Map<String, String> env, PrintStream help) {
        Flags flags = new Flags();
        CommandLine cli = new CommandLine(flags).setUsageHelpWidth(100).setUsageHelpLongOptionsMaxWidth(30)
                .setOut(new PrintWriter(help, true));
        try {
            if (CommandLine.printHelpIfRequested(cli.parseArgs(args.toArray(String[]::new)))) {
                return Optional.empty();
            }
            return Optional.of(flags.options(env));
        } catch (ParameterException e) {
            StringWriter message = new StringWriter().append(e.getMessage());
            if (e instanceof UnmatchedArgumentException) {
                PrintWriter out = new PrintWriter(message.append('\n'));
                UnmatchedArgumentException.printSuggestions(e, out);
                out.println();
                cli.usage(out);
            }
            throw new IllegalArgumentException(message.toString().stripTrailing(), e);
        }
    }

    /** Options for a replay of {@code config} (the end-to-end test's). */
    public static SimulatorOptions replay(ScenarioConfig config, Path groundTruth) {
        return new SimulatorOptions("replay", config, 8, 0, 60, 6, groundTruth, Duration.ofSeconds(120), true,
                Optional.empty());
    }

    /** The values of {@code --mode}, spelt as on the command line (picocli matches and lists the constants' names). */
    enum Mode { replay, live, verify }

    @Command(name = "java -jar simulator/target/simulator-0.1.0-SNAPSHOT.jar", sortOptions = false,
            description = "A seeded, calibrated Kazakhstan scenario sent to the four services through their REST"
                    + " APIs, and the ground truth of the KPIs they must then publish (see simulator/README.md).",
            footer = {"", "./taza up -- [options] starts it against the local stack.",
                    "Services: TAZA_PERMIT_SERVICE_URL, TAZA_EMISSION_SERVICE_URL, TAZA_INSPECTION_SERVICE_URL,",
                    "TAZA_TREE_PLANTING_SERVICE_URL (default http://localhost:8081 .. 8084)."})
    static final class Flags {

        @Spec
        CommandSpec spec;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Option(names = "--mode", paramLabel = "replay|live|verify", description = {
            "replay: send the scenario as fast as the services take it, then stop.",
            "live: the same, then AMS readings keep flowing on an accelerated clock until stopped"
                    + " (Ctrl-C / SIGTERM).",
            "verify: send nothing; compare kpi.values.v1 (SPRING_KAFKA_BOOTSTRAP_SERVERS, default localhost:9092;"
                    + " a secured broker's settings with --kafka-config) with the ground-truth file, waiting at most --readiness-timeout for values to converge;"
                    + " exit 0 when all match.",
            "(default: ${DEFAULT-VALUE})"})
        Mode mode = Mode.live;

        @Option(names = "--seed", paramLabel = "<n>", description = "seed of the scenario (default: ${DEFAULT-VALUE});"
                + " same seed and sizes, same scenario")
        long seed = ScenarioConfig.DEFAULT.seed();

        @Option(names = "--facilities", paramLabel = "<n>",
                description = "facilities of Categories I-III (default: ${DEFAULT-VALUE}, at least 12)")
        int facilities = ScenarioConfig.DEFAULT.facilities();

        @Option(names = "--ams-days", paramLabel = "<n>",
                description = "days of AMS readings to replay, 20-minute intervals (default: ${DEFAULT-VALUE})")
        int amsDays = ScenarioConfig.DEFAULT.amsDays();

        @Option(names = "--plantings-per-year", paramLabel = "<n>", description = "plantings reported a year 2021-2025"
                + " (default: ${DEFAULT-VALUE}, at least 20)")
        int plantingsPerYear = ScenarioConfig.DEFAULT.plantingsPerYear();

        @Option(names = "--no-ams", description = "replay no AMS readings (registry, permits, reports, forest only)")
        boolean noAms;

        @Option(names = "--concurrency", paramLabel = "<n>",
                description = "requests in flight at most (default: ${DEFAULT-VALUE})")
        int concurrency = 8;

        @Option(names = "--readings-per-second", paramLabel = "<n>",
                description = "replay: AMS readings per second at most (default: ${DEFAULT-VALUE}: no limit)")
        double readingsPerSecond = 0;

        @Option(names = "--speed", paramLabel = "<x>", description = "live: simulated seconds per second (default:"
                + " ${DEFAULT-VALUE}: a 20-minute interval every 20 s)")
        double speed = 60;

        @Option(names = "--live-lookback-hours", paramLabel = "<n>",
                description = "live: the clock starts this many hours before now (default: ${DEFAULT-VALUE})")
        long lookbackHours = 6;

        @Option(names = "--ground-truth", paramLabel = "<file>", description = "where to write the expected KPI"
                + " values (default: $TAZA_RUN_DIR/ground-truth.json, else ./ground-truth.json)")
        Path groundTruth;

        @Option(names = "--readiness-timeout", paramLabel = "<s>",
                description = "how long to wait for the services' readiness (default: ${DEFAULT-VALUE})")
        long readinessTimeout = 300;

        @Option(names = "--kafka-config", paramLabel = "<file>", description = "verify: Kafka client settings"
                + " (security.protocol, sasl.mechanism, sasl.jaas.config, ssl.*; bootstrap.servers unless"
                + " SPRING_KAFKA_BOOTSTRAP_SERVERS is set) for a secured broker, e.g. the local run's"
                + " kafka/taza-simulator.properties")
        Path kafkaConfig;

        SimulatorOptions options(Map<String, String> env) {
            ScenarioConfig scenario = ScenarioConfig.DEFAULT.withSeed(seed);
            scenario = sized("--facilities", scenario::withFacilities, facilities);
            scenario = sized("--ams-days", scenario::withAmsDays, amsDays);
            scenario = sized("--plantings-per-year", scenario::withPlantingsPerYear, plantingsPerYear);
            Path truth = groundTruth;
            if (truth == null) {
                String runDir = env.get("TAZA_RUN_DIR");
                truth = (runDir == null || runDir.isBlank() ? Path.of(".") : Path.of(runDir))
                        .resolve("ground-truth.json");
            }
            return new SimulatorOptions(mode.name(), scenario, Math.max(1, concurrency), readingsPerSecond, speed,
                    lookbackHours, truth, Duration.ofSeconds(readinessTimeout), !noAms,
                    Optional.ofNullable(kafkaConfig));
        }

        /** A scenario size, refused by the scenario's own rule but named by the flag that gave it. */
        private ScenarioConfig sized(String flag, IntFunction<ScenarioConfig> with, int value) {
            try {
                return with.apply(value);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '" + flag + "': "
                        + e.getMessage());
            }
        }
    }
}

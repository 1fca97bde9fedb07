package kz.taza.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import kz.taza.simulator.scenario.ScenarioConfig;

/**
 * The simulator's command line.
 *
 * @param mode              {@code replay}: send the scenario as fast as the services take it, then stop;
 *                          {@code live}: the same, then AMS readings keep flowing on an accelerated clock until stopped
 * @param scenario          seed and sizes
 * @param concurrency       requests in flight at most
 * @param readingsPerSecond replay: AMS readings per second at most (0: as fast as the services take them)
 * @param speed             live: simulated seconds per wall-clock second
 * @param lookbackHours     live: how far before now the live clock starts
 * @param groundTruth       where the ground truth goes
 * @param readinessTimeout  how long to wait for the services to be ready
 * @param amsReplay         whether the scenario's AMS days are replayed
 */
public record SimulatorOptions(String mode, ScenarioConfig scenario, int concurrency, double readingsPerSecond,
        double speed, long lookbackHours, Path groundTruth, Duration readinessTimeout, boolean amsReplay) {

    public static final String USAGE = """
            Usage: java -jar simulator/target/simulator-0.1.0-SNAPSHOT.jar [options]
              (or ./taza up -- [options], which starts it against the local stack)

              --mode replay|live|verify  replay: send the scenario as fast as the services take it, then stop.
                                         live (default): the same, then AMS readings keep flowing on an accelerated
                                         clock until stopped (Ctrl-C / SIGTERM).
                                         verify: send nothing; compare kpi.values.v1 (SPRING_KAFKA_BOOTSTRAP_SERVERS,
                                         default localhost:9092) with the ground-truth file, waiting at most
                                         --readiness-timeout for values to converge; exit 0 when all match
              --seed <n>                 seed of the scenario (default 2024); same seed and sizes, same scenario
              --facilities <n>           facilities of Categories I-III (default 2000, at least 12)
              --ams-days <n>             days of AMS readings to replay, 20-minute intervals (default 2)
              --plantings-per-year <n>   tree plantings reported per year 2021-2025 (default 400, at least 20)
              --no-ams                   replay no AMS readings (registry, permits, reports, forest only)
              --concurrency <n>          requests in flight at most (default 8)
              --readings-per-second <n>  replay: AMS readings per second at most (default 0: no limit)
              --speed <x>                live: simulated seconds per second (default 60: a 20-minute interval
                                         every 20 s)
              --live-lookback-hours <n>  live: the clock starts this many hours before now (default 6)
              --ground-truth <file>      where to write the expected KPI values (default
                                         $TAZA_RUN_DIR/ground-truth.json, else ./ground-truth.json)
              --readiness-timeout <s>    how long to wait for the services' readiness (default 300)

            Services: TAZA_PERMIT_SERVICE_URL, TAZA_EMISSION_SERVICE_URL, TAZA_INSPECTION_SERVICE_URL,
            TAZA_TREE_PLANTING_SERVICE_URL (default http://localhost:8081 .. 8084).
            """;

    public static SimulatorOptions parse(List<String> args, Map<String, String> env) {
        String mode = "live";
        ScenarioConfig config = ScenarioConfig.DEFAULT;
        int concurrency = 8;
        double readingsPerSecond = 0;
        double speed = 60;
        long lookback = 6;
        Path groundTruth = null;
        Duration readiness = Duration.ofSeconds(300);
        boolean ams = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--mode" -> {
                    mode = value(args, ++i, arg);
                    if (!mode.equals("replay") && !mode.equals("live") && !mode.equals("verify")) {
                        throw new IllegalArgumentException("--mode must be replay, live or verify, not " + mode);
                    }
                }
                case "--seed" -> config = config.withSeed(Long.parseLong(value(args, ++i, arg)));
                case "--facilities" -> config = config.withFacilities(Integer.parseInt(value(args, ++i, arg)));
                case "--ams-days" -> config = config.withAmsDays(Integer.parseInt(value(args, ++i, arg)));
                case "--plantings-per-year" -> config = config.withPlantingsPerYear(
                        Integer.parseInt(value(args, ++i, arg)));
                case "--no-ams" -> ams = false;
                case "--concurrency" -> concurrency = Math.max(1, Integer.parseInt(value(args, ++i, arg)));
                case "--readings-per-second" -> readingsPerSecond = Double.parseDouble(value(args, ++i, arg));
                case "--speed" -> speed = Double.parseDouble(value(args, ++i, arg));
                case "--live-lookback-hours" -> lookback = Long.parseLong(value(args, ++i, arg));
                case "--ground-truth" -> groundTruth = Path.of(value(args, ++i, arg));
                case "--readiness-timeout" -> readiness = Duration.ofSeconds(Long.parseLong(value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("Unknown argument: " + arg);
            }
        }
        if (groundTruth == null) {
            String runDir = env.get("TAZA_RUN_DIR");
            groundTruth = (runDir == null || runDir.isBlank() ? Path.of(".") : Path.of(runDir))
                    .resolve("ground-truth.json");
        }
        return new SimulatorOptions(mode, config, concurrency, readingsPerSecond, speed, lookback, groundTruth,
                readiness, ams);
    }

    /** Options for a replay of {@code config} (the end-to-end test's). */
    public static SimulatorOptions replay(ScenarioConfig config, Path groundTruth) {
        return new SimulatorOptions("replay", config, 8, 0, 60, 6, groundTruth, Duration.ofSeconds(120), true);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

}

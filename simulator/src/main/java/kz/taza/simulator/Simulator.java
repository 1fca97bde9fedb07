package kz.taza.simulator;

import java.io.PrintStream;
import java.net.URI;
import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import kz.taza.simulator.client.Counters;
import kz.taza.simulator.client.Credentials;
import kz.taza.simulator.client.Endpoints;
import kz.taza.simulator.client.ServiceClient;
import kz.taza.simulator.run.Live;
import kz.taza.simulator.run.Officers;
import kz.taza.simulator.run.Progress;
import kz.taza.simulator.run.Replay;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.Enforcement;
import kz.taza.simulator.truth.GroundTruth;
import kz.taza.simulator.truth.GroundTruthFile;
import kz.taza.simulator.truth.KpiTopicCheck;

/**
 * The simulator: builds the scenario, writes its ground truth, waits for the services' readiness, then replays the
 * scenario through the services' REST APIs ({@code --mode replay}) and, in {@code live} mode, keeps AMS readings flowing
 * until stopped. See simulator/README.md.
 */
public final class Simulator {

    /** What a run did. */
    public record Result(Scenario scenario, Map<String, Double> groundTruth, Counters counters,
            Officers.Outcome enforcement, double seconds, double replaySeconds) {
    }

    private Simulator() {
    }

    public static void main(String[] args) {
        // No logging backend on purpose (the simulator's jar is also on the end-to-end test's class path, next to the
        // services' Logback): the verify mode's Kafka client logs nowhere, and SLF4J need not say so.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        SimulatorOptions options;
        try {
            Optional<SimulatorOptions> parsed = SimulatorOptions.parse(List.of(args), System.getenv(), System.out);
            if (parsed.isEmpty()) {
                return; // the help asked for is printed
            }
            options = parsed.get();
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.exit(2);
            return;
        }
        Thread main = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        // Ctrl-C / SIGTERM: stop sending (interrupt the run), give it a moment to print its last counts.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.get()) {
                return;
            }
            main.interrupt();
            try {
                main.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-stop"));
        if (options.mode().equals("verify")) {
            finished.set(true);
            System.exit(verify(options, System.getenv(), System.out) ? 0 : 1);
            return;
        }
        try {
            Result result = run(options, Endpoints.fromEnvironment(System.getenv()),
                    Credentials.fromEnvironment(System.getenv()), System.out);
            finished.set(true);
            System.exit(result.counters().totalRejected() == 0 ? 0 : 1);
        } catch (InterruptedException e) {
            System.out.println("Stopped.");
        } catch (Exception e) {
            finished.set(true);
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the simulator; returns when the replay is done (replay mode) or when interrupted (live mode). */
    public static Result run(SimulatorOptions options, Endpoints endpoints, Credentials credentials, PrintStream out)
            throws Exception {
        long start = System.nanoTime();
        Scenario scenario = ScenarioGenerator.generate(options.scenario());
        out.println(String.format(Locale.ROOT, "[%.1f s] Scenario seed %d: %d facilities (%d of the top-50 group), %d permits,"
                        + " %d reports, %d AMS sources x %d days (%d episodes, %d flow surges, %d outages),"
                        + " %d plantings, %d surveys, %d fires, %d detection systems, %d lots of planting material",
                (System.nanoTime() - start) / 1e9, options.scenario().seed(), scenario.facilities().size(),
                scenario.facilities().stream().filter(f -> f.top50Cat1()).count(), scenario.permits().size(),
                scenario.reports().size(), scenario.amsSources().size(), options.scenario().amsDays(),
                scenario.episodes().size(), scenario.flowSurges().size(), scenario.outages().size(),
                scenario.plantings().size(), scenario.surveys().size(), scenario.fires().size(),
                scenario.detectionSystems().size(), scenario.materialLots().size()));
        // The permit KPIs count in the year of the change: the year the permits are issued, i.e. now.
        int permitYear = Year.now(Scenario.ZONE).getValue();
        Map<String, Double> truth = GroundTruth.of(scenario, permitYear, options.amsReplay());
        GroundTruthFile.write(options.groundTruth(), options.scenario(), options.mode(), truth);
        out.println("Ground truth: " + truth.size() + " KPI values in " + options.groundTruth().toAbsolutePath());

        Counters counters = new Counters();
        ServiceClient client = new ServiceClient(credentials, counters);
        try (Progress progress = new Progress(counters, out, 3_000)) {
            progress.phase("waiting for the services' readiness");
            awaitReady(client, endpoints, options, out);
            Replay replay = new Replay(scenario, endpoints, client, counters, progress, options.concurrency(),
                    options.readingsPerSecond());
            replay.facts();
            Officers.Outcome enforcement = null;
            if (options.amsReplay()) {
                replay.readings();
                enforcement = new Officers(scenario, endpoints, client, progress).act(counters);
                // The officers act today: their KPIs join the ground truth now.
                truth = new java.util.TreeMap<>(truth);
                truth.putAll(Enforcement.kpis(scenario, enforcement.today()));
                GroundTruthFile.write(options.groundTruth(), options.scenario(), options.mode(), truth);
                out.println("Ground truth with the inspectors' KPIs: " + truth.size() + " KPI values");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.phase(String.format(Locale.ROOT, "replay done in %.1f s", seconds));
            if (options.mode().equals("live")) {
                try {
                    new Live(scenario, replay, progress, options.speed(), options.lookbackHours(), 0.002).run();
                } catch (InterruptedException e) {
                    out.println("Live mode stopped.");
                }
            }
            return new Result(scenario, truth, counters, enforcement, (System.nanoTime() - start) / 1e9, seconds);
        }
    }

    /**
     * {@code --mode verify}: compares the KPI topic ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, default localhost:9092)
     * with the ground-truth file; true when every value matches.
     */
    static boolean verify(SimulatorOptions options, Map<String, String> env, PrintStream out) {
        try {
            Map<String, Double> truth = GroundTruthFile.read(options.groundTruth());
            Map<String, Object> client = new java.util.HashMap<>();
            if (options.kafkaConfig().isPresent()) {
                java.util.Properties file = new java.util.Properties();
                try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(options.kafkaConfig().get())) {
                    file.load(reader);
                }
                file.forEach((key, value) -> client.put(key.toString(), value));
            }
            String servers = env.getOrDefault("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    (String) client.getOrDefault("bootstrap.servers", "localhost:9092"));
            client.put("bootstrap.servers", servers);
            out.println("Comparing kpi.values.v1 at " + servers + options.kafkaConfig().map(file -> " (settings of "
                    + file + ")").orElse("") + " with " + truth.size() + " values of "
                    + options.groundTruth().toAbsolutePath() + " ...");
            KpiTopicCheck.Outcome outcome = KpiTopicCheck.check(client, truth, options.readinessTimeout(), out);
            outcome.differing().forEach((key, what) -> out.println("  DIFFERS " + key + ": " + what));
            out.println(outcome.matches()
                    ? "All " + outcome.checked() + " ground-truth values match (" + outcome.records()
                            + " KPI records read)."
                    : outcome.differing().size() + " of " + outcome.checked() + " values differ.");
            return outcome.matches();
        } catch (java.io.IOException e) {
            out.println("ERROR: cannot read " + options.groundTruth() + options.kafkaConfig().map(f -> " or " + f)
                    .orElse("") + ": " + e.getMessage());
            return false;
        } catch (org.apache.kafka.common.errors.AuthenticationException
                | org.apache.kafka.common.errors.AuthorizationException e) {
            out.println("ERROR: the broker refused reading kpi.values.v1 (" + e.getClass().getSimpleName() + "): "
                    + e.getMessage() + "; check the login of --kafka-config");
            return false;
        } catch (org.apache.kafka.common.KafkaException e) {
            out.println("ERROR: cannot read kpi.values.v1 (is the broker at SPRING_KAFKA_BOOTSTRAP_SERVERS running?): "
                    + e.getMessage());
            return false;
        }
    }

    private static void awaitReady(ServiceClient client, Endpoints endpoints, SimulatorOptions options,
            PrintStream out) throws InterruptedException {
        long deadline = System.nanoTime() + options.readinessTimeout().toNanos();
        for (Map.Entry<String, URI> service : endpoints.byService().entrySet()) {
            URI readiness = Endpoints.at(endpoints.management(service.getKey()), "/actuator/health/readiness");
            while (client.get(readiness).status() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.getKey() + " is not ready at " + readiness + " after "
                            + options.readinessTimeout().toSeconds() + " s");
                }
                Thread.sleep(250);
            }
            out.println("  " + service.getKey() + " ready at " + service.getValue());
        }
    }
}

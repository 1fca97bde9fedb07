package kz.taza.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.simulator.truth.GroundTruthFile;
import kz.taza.stack.StackOptions.ChaosPlan;

/**
 * {@code ./taza chaos}: the stack with several instances of each target service, the simulator replaying its
 * scenario, and meanwhile, one after another, every instance of the targets SIGKILLed and started again on its state
 * directory (round after round; the next only once the restarted one is ready and a pause has passed), the broker
 * SIGKILLed and restarted, and poison records written to every dead-lettered topic (once at the start, once after
 * the broker came back or halfway). Then it checks what exactly-once promises: every call of the replay accepted,
 * every KPI on {@code kpi.values.v1} equal to the ground truth, every poison record in its dead-letter topic, and no
 * event twice on the public event topics ({@link EventAudit}). It prints what it did, with figures, and
 * {@code CHAOS PASSED} or what differed.
 */
final class ChaosDrill {

    /** How long the dead-letter topics get to show every poison record once the replay has ended. */
    static final Duration POISON_DEADLINE = Duration.ofSeconds(120);

    /** One step of the drill: an instance of a service to kill, or the broker (service null). */
    record Step(String service, int instance) {

        static Step broker() {
            return new Step(null, -1);
        }

        boolean isBroker() {
            return service == null;
        }
    }

    private final LocalStack stack;
    private final StackOptions options;
    private final ChaosPlan plan;
    private final Screen screen;

    ChaosDrill(LocalStack stack, StackOptions options, Screen screen) {
        this.stack = stack;
        this.options = options;
        this.plan = options.chaos();
        this.screen = screen;
    }

    /**
     * The kills in order: each round goes over the first {@code killedPerRound} instances of every target, in the
     * services' start order; the broker restarts are spread evenly between them.
     */
    static List<Step> schedule(ChaosPlan plan, List<ServiceSpec> services) {
        List<Step> kills = new ArrayList<>();
        for (int round = 0; round < plan.rounds(); round++) {
            for (ServiceSpec service : services) {
                int killed = Math.min(plan.killedPerRound(), plan.instancesOf(service.name()));
                for (int instance = 0; plan.targets().contains(service.name()) && instance < killed; instance++) {
                    kills.add(new Step(service.name(), instance));
                }
            }
        }
        List<Step> steps = new ArrayList<>(kills);
        for (int restart = plan.brokerRestarts(); restart >= 1; restart--) {
            steps.add(restart * kills.size() / (plan.brokerRestarts() + 1), Step.broker());
        }
        return steps;
    }

    boolean run() throws IOException, InterruptedException {
        long started = System.currentTimeMillis();
        if (!stack.startReplay("The chaos drill")) {
            return false;
        }
        long replayStart = System.currentTimeMillis();
        Path runDir = stack.runDir();
        List<Step> steps = schedule(plan, options.services());
        screen.println(String.format(Locale.ROOT, "Chaos drill: %d instance(s) of %s; %d round(s): %d SIGKILL(s)"
                + " of service instances and %d of the broker, %d poison record(s) per dead-lettered topic twice.",
                plan.instances(), String.join(", ", plan.targets()), plan.rounds(),
                steps.stream().filter(s -> !s.isBroker()).count(), plan.brokerRestarts(), plan.poisonPerTopic()));
        PoisonRecords poison = new PoisonRecords(runDir.getFileName().toString());
        writePoison(poison, "a");
        int killsDuringReplay = 0;
        long longestRecovery = 0;
        boolean secondPoison = false;
        for (int i = 0; i < steps.size(); i++) {
            if (stack.isStopping()) {
                return false;
            }
            Step step = steps.get(i);
            boolean replaying = stack.simulator().isAlive();
            long killed = System.currentTimeMillis();
            String what;
            if (step.isBroker()) {
                stack.killAndRestartBroker();
                what = "the broker";
            } else {
                LocalStack.ServiceRun run = stack.serviceRuns().stream()
                        .filter(r -> r.spec.name().equals(step.service()) && r.instance == step.instance())
                        .findFirst().orElseThrow(() -> new StackException(step.service() + " instance "
                                + (step.instance() + 1) + " is not running"));
                what = run.label() + " (pid " + run.process.pid() + ")";
                stack.awaitReady(stack.killAndRestart(run));
            }
            long recovery = System.currentTimeMillis() - killed;
            longestRecovery = Math.max(longestRecovery, recovery);
            killsDuringReplay += replaying ? 1 : 0;
            screen.println(String.format(Locale.ROOT, "  [%d/%d] SIGKILL %s, restarted on its data, ready after %s%s",
                    i + 1, steps.size(), what, KpiView.seconds(Duration.ofMillis(recovery)),
                    replaying ? "" : " (the replay had ended)"));
            if (!secondPoison && (step.isBroker() || (plan.brokerRestarts() == 0 && i + 1 >= steps.size() / 2))) {
                writePoison(poison, "b");
                secondPoison = true;
            }
            Thread.sleep(plan.pause().toMillis());
        }
        if (!secondPoison) {
            writePoison(poison, "b");
        }
        int replayExit = stack.awaitReplayEnd(replayStart);
        if (replayExit == Integer.MIN_VALUE) {
            return false;
        }
        boolean kpisMatch = stack.verifyKpis();
        int kpis = GroundTruthFile.read(runDir.resolve(GroundTruthFile.NAME)).size();
        Map<String, List<String>> missing = awaitPoison(poison);
        EventAudit.Result audit = EventAudit.audit(stack.standaloneBroker().clientConfig(BrokerSecurity.ADMIN),
                poison.prefix());

        long kills = steps.stream().filter(s -> !s.isBroker()).count();
        screen.println("");
        screen.println("Chaos drill, " + KpiView.seconds(Duration.ofMillis(System.currentTimeMillis() - started))
                + " in all (replay " + KpiView.seconds(Duration.ofMillis(System.currentTimeMillis() - replayStart))
                + " and the checks):");
        screen.println(String.format(Locale.ROOT, "  kills: %d SIGKILL(s) of service instances and %d of the broker,"
                + " %d of these %d while the replay ran; the longest recovery %s", kills, plan.brokerRestarts(),
                killsDuringReplay, steps.size(), KpiView.seconds(Duration.ofMillis(longestRecovery))));
        stack.frontCounts().forEach((service, counts) -> screen.println("  " + service + " front: " + counts));
        screen.println("  calls: " + (replayExit == 0 ? "every call of the replay accepted"
                : "the replay ended with exit " + replayExit + ": some calls were refused (see "
                        + stack.relative(stack.simulator().logFile()) + ")"));
        screen.println("  KPIs: " + kpis + " ground-truth values compared, " + (kpisMatch ? "all equal"
                : "some differ (above)"));
        int poisonWritten = poison.written().size();
        int poisonMissing = missing.values().stream().mapToInt(List::size).sum();
        screen.println(String.format(Locale.ROOT, "  poison: %d record(s) on %d topic(s), %d in their dead-letter"
                + " topics%s", poisonWritten, PoisonRecords.targets().size(), poisonWritten - poisonMissing,
                poisonMissing == 0 ? "" : "; missing: " + missing));
        screen.println(String.format(Locale.ROOT, "  events: %d on %d public event topic(s), started %s; %s",
                audit.events(), audit.topics(), audit.started(), audit.clean() ? "none twice"
                        : audit.findings().size() + " finding(s):"));
        audit.findings().stream().limit(20).forEach(finding -> screen.println("    " + finding));
        boolean passed = replayExit == 0 && kpisMatch && poisonMissing == 0 && audit.clean();
        screen.println(passed ? "CHAOS PASSED"
                : "CHAOS FAILED: see the lines above and the logs in " + stack.relative(runDir));
        return passed;
    }

    private void writePoison(PoisonRecords poison, String batch) throws InterruptedException {
        if (plan.poisonPerTopic() == 0) {
            return;
        }
        poison.write(stack.standaloneBroker().clientConfig(BrokerSecurity.ADMIN), batch, plan.poisonPerTopic());
        screen.println("  poison: " + plan.poisonPerTopic() + " record(s) written to each of "
                + PoisonRecords.targets().size() + " dead-lettered topic(s) (batch " + batch + ")");
    }

    /** Waits until every poison record is in its dead-letter topic, or the deadline; what is still missing. */
    private Map<String, List<String>> awaitPoison(PoisonRecords poison) throws InterruptedException {
        long deadline = System.currentTimeMillis() + POISON_DEADLINE.toMillis();
        Map<String, Object> reader = stack.standaloneBroker().clientConfig(TazaPrincipals.LAUNCHER);
        while (true) {
            Map<String, List<String>> missing = poison.missing(reader);
            if (missing.isEmpty() || System.currentTimeMillis() > deadline || stack.isStopping()) {
                return missing;
            }
            Thread.sleep(2_000);
        }
    }
}

package kz.taza.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.access.KafkaPrincipals;
import kz.taza.simulator.client.IdentityFile;

/**
 * Starts and stops the whole local stack in order: port check, a fresh run directory, the standalone broker, the
 * services that are built, their readiness, the simulator if it is built, then the live KPI view. Stopping goes the
 * other way: simulator and services first (SIGTERM, a grace period, then SIGKILL), the broker last, so the services can
 * commit and close against a broker that is still there.
 *
 * <p>The broker is secured ({@link StandaloneBroker}): each process logs in as its own principal of the access model,
 * with the passwords of this run, which are in the owner-only files of {@code <run>/kafka/} ({@link KafkaClientFiles})
 * and the services' environment, and on no command line and in no log.
 */
public final class LocalStack {

    /** How long a service gets to shut down gracefully (its own shutdown phase is 30 s) before it is killed. */
    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(40);
    /** A service recording its class-data archive writes ~90 MB as it exits (see {@link ServiceLaunch}). */
    static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(90);
    static final Duration BROKER_READY_TIMEOUT = Duration.ofSeconds(60);

    private final StackOptions options;
    private final Screen screen;
    private final long commandStartMillis;
    /** Where a run keeps its identities (relative to its directory): the identity provider's configuration. */
    static final Path IDENTITY_FILE = Path.of("identity", "identities.properties");

    private final AtomicBoolean stopping = new AtomicBoolean();
    /** When the first KPI record arrived (epoch ms), -1 before. */
    private final java.util.concurrent.atomic.AtomicLong firstKpi = new java.util.concurrent.atomic.AtomicLong(-1);
    private final Readiness readiness = new Readiness();
    private Path runDir;
    private StandaloneBroker broker;
    private final List<ServiceRun> services = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The front of each service that runs several instances. */
    private final Map<String, ServiceFront> fronts = new LinkedHashMap<>();
    private ManagedProcess simulator;
    private ManagedProcess identityProvider;
    private LocalIdentities identities;
    /** The run's Kafka client settings, one file per principal ({@link KafkaClientFiles}). */
    private Path kafkaFiles;
    private KpiFeed feed;
    /** Made with the feed, not before: its Avro types log through slf4j, which must first be sent to the run's file. */
    private volatile KpiBoard board;
    private volatile KpiView view;
    private boolean stopped;

    /**
     * A started service instance and what the launcher knows of it: the service, which of its instances it is (0 when
     * it runs one), and the ports it listens on (the service's own, or its instance's behind a {@link ServiceFront}).
     */
    static final class ServiceRun implements ServiceFront.Instance {
        final ServiceSpec spec;
        final int instance;
        final ServiceSpec where;
        final ManagedProcess process;
        final ServiceLaunch.Layout layout;
        final boolean recording;
        final long startedMillis = System.currentTimeMillis();
        volatile Readiness.State state = Readiness.State.STARTING;
        volatile long readyAfterMillis = -1;

        ServiceRun(ServiceSpec spec, int instance, ServiceSpec where, ManagedProcess process,
                ServiceLaunch.Layout layout, boolean recording) {
            this.spec = spec;
            this.instance = instance;
            this.where = where;
            this.process = process;
            this.layout = layout;
            this.recording = recording;
        }

        /** The service's name, with the instance's number when it runs several. */
        String label() {
            return process.name();
        }

        @Override
        public ServiceSpec where() {
            return where;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }
    }

    public LocalStack(StackOptions options, Screen screen, long commandStartMillis) {
        this.options = options;
        this.screen = screen;
        this.commandStartMillis = commandStartMillis;
    }

    /** Creates {@code local-stack/run/<timestamp>/}, a new one for every run. */
    public static Path newRunDirectory(Path root) throws IOException {
        Path runs = root.resolve("local-stack").resolve("run");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = runs.resolve(stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = runs.resolve(stamp + "-" + i);
        }
        return Files.createDirectories(dir);
    }

    public Path runDirectory() {
        return runDir;
    }

    /** {@code ./taza broker}: the broker alone, until Ctrl-C. */
    public void broker() throws IOException, InterruptedException {
        options.ports().requireFree();
        prepareRunDirectory();
        startBroker();
        screen.println("");
        screen.println("Kafka broker: " + broker.bootstrapServers() + " (controller on port " + options.controllerPort()
                + "), SASL_PLAINTEXT with " + BrokerSecurity.MECHANISM + "; no login, no access.");
        screen.println("Its credentials (this run only; each principal may do what the access model grants, the"
                + " administrator everything):");
        screen.println(String.format(java.util.Locale.ROOT, "  %-22s %-10s %s", BrokerSecurity.ADMIN, "admin",
                broker.login(BrokerSecurity.ADMIN).password()));
        for (KafkaPrincipal principal : broker.credentials().passwords().keySet()) {
            screen.println(String.format(java.util.Locale.ROOT, "  %-22s %-10s %s", principal.name(),
                    principal.kind(), broker.login(principal.name()).password()));
        }
        screen.println("Client settings for each (Java: <name>.properties; librdkafka: "
                + TazaPrincipals.AGENCY + ".librdkafka.properties): " + relative(kafkaFiles) + "/");
        screen.println("Run a service against it with SPRING_KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers()
                + " and its spring.kafka.properties.* from " + relative(kafkaFiles) + "/<service>.properties");
        screen.println("Data and log: " + relative(broker.dataDirectory().getParent()) + "   Ctrl-C stops it.");
        broker.process().waitFor(Duration.ofDays(3650));
        if (!stopping.get()) {
            throw new StackException("The Kafka broker stopped by itself (exit " + broker.process().exitCode().orElse(-1)
                    + "); see " + relative(broker.logFile()));
        }
    }

    /** {@code ./taza up}: everything, then the live view until Ctrl-C. */
    public void up() throws IOException, InterruptedException {
        if (startAll(options.simulatorArgs())) {
            showKpis();
        }
    }

    /**
     * Broker, services, readiness, simulator (with {@code simulatorArgs}); false when stopping began meanwhile.
     */
    private boolean startAll(List<String> simulatorArgs) throws IOException, InterruptedException {
        options.ports().requireFree();
        List<ServiceSpec> built = new ArrayList<>();
        List<ServiceSpec> missing = new ArrayList<>();
        for (ServiceSpec service : options.services()) {
            (Files.isRegularFile(service.jar(options.root())) ? built : missing).add(service);
        }
        prepareRunDirectory();
        if (!missing.isEmpty()) {
            screen.println("");
            screen.println("!!! SKIPPING " + missing.size() + " SERVICE(S) THAT ARE NOT BUILT:");
            for (ServiceSpec service : missing) {
                screen.println("!!!   " + service.name() + "  (no " + relative(service.jar(options.root())) + ")");
            }
            screen.println("!!! Build them with ./taza up --rebuild (or mvn -B -DskipTests package).");
            screen.println("");
        }
        Map<ServiceSpec, java.util.concurrent.Future<ServiceLaunch.Layout>> layouts = prepareLayouts(built);
        startIdentityProvider(simulatorArgs, built);
        startBroker();
        announceAgency();
        startKpiFeed();
        // In waves when services run several instances: the first of each, then the second ..., each wave ready
        // before the next starts (as a rolling deployment would), not fifteen JVMs starting at once on two cores.
        int waves = built.stream().mapToInt(s -> options.chaos().instancesOf(s.name())).max().orElse(1);
        for (int instance = 0; instance < waves; instance++) {
            for (ServiceSpec service : built) {
                int instances = options.chaos().instancesOf(service.name());
                if (instance == 0 && instances > 1) {
                    startFront(service, instances);
                }
                if (instance < instances) {
                    startService(service, awaitLayout(service, layouts.get(service)), instance);
                }
            }
            awaitServicesReady();
        }
        awaitIdentityProviderReady();
        if (stopping.get()) {
            return false;
        }
        announceDashboard();
        startSimulator(simulatorArgs);
        return !stopping.get();
    }

    /**
     * {@code ./taza crash-test}: the stack with the simulator replaying its scenario; {@code --kill-after} seconds in,
     * the {@code --kill} process dies by SIGKILL and is started again on the same data; when the replay has ended,
     * the simulator's verify mode compares every KPI value on {@code kpi.values.v1} with the ground truth it wrote.
     * True when the replay had every call accepted and every value matches.
     */
    public boolean crashTest() throws IOException, InterruptedException {
        if (!startReplay("The crash test")) {
            return false;
        }
        long replayStart = System.currentTimeMillis();
        screen.println("Crash test: " + options.kill() + " gets SIGKILL " + options.killAfter().toSeconds()
                + " s into the replay and is started again on the same data; then every KPI is compared with the"
                + " ground truth.");
        if (simulator.waitFor(options.killAfter())) {
            throw new StackException("The replay ended after " + KpiView.seconds(Duration.ofMillis(
                    System.currentTimeMillis() - replayStart)) + ", before the kill: nothing was tested. Give a"
                    + " smaller --kill-after or a larger scenario (e.g. -- --ams-days 4).");
        }
        crashAndRestart(options.kill());
        if (stopping.get()) {
            return false;
        }
        int replayExit = awaitReplayEnd(replayStart);
        if (replayExit == Integer.MIN_VALUE) {
            return false;
        }
        boolean matches = verifyKpis();
        screen.println(matches && replayExit == 0
                ? "CRASH TEST PASSED: every KPI equals the ground truth after " + options.kill() + " was killed."
                : "CRASH TEST FAILED: see the lines above and the logs in " + relative(runDir));
        return matches && replayExit == 0;
    }

    /**
     * The stack with the simulator replaying its scenario (a replay ends, a live run would not), for a drill; false
     * when stopping began meanwhile.
     */
    boolean startReplay(String drill) throws IOException, InterruptedException {
        List<String> simulatorArgs = new ArrayList<>(options.simulatorArgs());
        simulatorArgs.addAll(List.of("--mode", "replay")); // last wins
        if (!startAll(simulatorArgs)) {
            return false;
        }
        if (simulator == null) {
            throw new StackException(drill + " needs the simulator: build it (./taza up --rebuild).");
        }
        return true;
    }

    /**
     * Waits for the simulator's replay to end, printing its progress as it changes; its exit code, or
     * {@link Integer#MIN_VALUE} when stopping began meanwhile.
     */
    int awaitReplayEnd(long replayStart) throws InterruptedException {
        screen.println("Waiting for the replay to finish (progress: " + relative(simulator.logFile()) + ") ...");
        String lastProgress = "";
        while (!simulator.waitFor(Duration.ofSeconds(15))) {
            if (stopping.get()) {
                return Integer.MIN_VALUE;
            }
            List<String> tail = simulator.logTail(1);
            String progress = tail.isEmpty() ? "" : tail.get(0).trim();
            if (!progress.equals(lastProgress)) {
                screen.println("  " + progress);
                lastProgress = progress;
            }
        }
        int replayExit = simulator.exitCode().orElse(-1);
        screen.println("Replay finished after " + KpiView.seconds(Duration.ofMillis(System.currentTimeMillis()
                - replayStart)) + ", exit " + replayExit + (replayExit == 0 ? " (every call accepted)"
                        : " (some calls were refused; see " + relative(simulator.logFile()) + ")"));
        return replayExit;
    }

    private void crashAndRestart(String target) throws IOException, InterruptedException {
        long killed = System.currentTimeMillis();
        if (target.equals("broker")) {
            killAndRestartBroker();
            screen.println("Killed the broker (SIGKILL) and started it again on the same data; it is back after "
                    + KpiView.seconds(Duration.ofMillis(System.currentTimeMillis() - killed)) + ".");
            return;
        }
        ServiceRun run = services.stream().filter(r -> r.spec.name().equals(target)).findFirst()
                .orElseThrow(() -> new StackException(target + " is not running (is it built?)"));
        ServiceRun restarted = killAndRestart(run);
        screen.println("Killed " + target + " (SIGKILL, pid " + run.process.pid()
                + ") and started it again on the same Streams state directory.");
        awaitReady(restarted);
        screen.println(target + " is ready again after " + KpiView.seconds(Duration.ofMillis(
                System.currentTimeMillis() - killed)) + ".");
    }

    /** The simulator's verify mode against this run's ground truth; its report goes to the screen. */
    boolean verifyKpis() throws IOException, InterruptedException {
        Path jar = simulatorJar();
        Path truth = runDir.resolve("ground-truth.json");
        List<String> command = List.of(ManagedProcess.javaExecutable(), "-jar", jar.toString(), "--mode", "verify",
                "--ground-truth", truth.toString(), "--readiness-timeout", "300", "--kafka-config",
                KafkaClientFiles.javaFile(runDir, TazaPrincipals.SIMULATOR).toString());
        ManagedProcess verify;
        synchronized (this) {
            refuseIfStopped();
            verify = ManagedProcess.start("verify", command,
                    Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()), options.root(),
                    runDir.resolve("verify.log"));
        }
        screen.println("Comparing kpi.values.v1 with " + relative(truth) + " (waits up to 300 s for the KPIs to"
                + " converge) ...");
        if (!verify.waitFor(Duration.ofSeconds(360))) {
            verify.stop(Duration.ofSeconds(5));
            throw new StackException("The comparison did not end within 360 s; see " + relative(verify.logFile()));
        }
        for (String line : verify.logTail(12)) {
            screen.println("  " + line);
        }
        return verify.exitCode().orElse(-1) == 0;
    }

    private void prepareRunDirectory() throws IOException {
        runDir = newRunDirectory(options.root());
        StackLogging.toFile(runDir.resolve("launcher.log"));
        screen.println("Taza local stack · run directory " + relative(runDir) + " (logs, broker data, Streams state)");
    }

    private void startBroker() throws IOException, InterruptedException {
        BrokerCredentials credentials = BrokerCredentials.random(KafkaPrincipals.all());
        // With --tls: a certificate for localhost made now, for this run only (never committed, never reused).
        java.util.Optional<kz.taza.platform.access.SelfSignedTls> tls = options.tls()
                ? java.util.Optional.of(kz.taza.platform.access.SelfSignedTls.generate(runDir.resolve("tls"),
                        java.time.Duration.ofDays(7)))
                : java.util.Optional.empty();
        broker = new StandaloneBroker(options.root().resolve("local-stack").resolve("target").resolve("broker-lib"),
                runDir.resolve("broker"), options.brokerPort(), options.controllerPort(), credentials, tls);
        kafkaFiles = KafkaClientFiles.write(runDir, broker.bootstrapServers(), credentials, tls);
        screen.println("Starting the Kafka broker (KRaft, standalone) on " + broker.bootstrapServers() + " ...");
        // Under the stack's lock: a Ctrl-C now waits for the process to exist, then stops it; none is left behind.
        synchronized (this) {
            refuseIfStopped();
            broker.start();
        }
        broker.awaitReady(BROKER_READY_TIMEOUT);
        screen.println("Kafka broker ready after " + sinceCommand() + " since the command, "
                + broker.login(BrokerSecurity.ADMIN).securityProtocol() + " with " + BrokerSecurity.MECHANISM
                + " and ACLs for " + broker.credentials().passwords().size() + " principals  (log: "
                + relative(broker.logFile()) + ")");
    }

    /** How the example agency connects: what an agency of a real deployment would be told, with this run's file. */
    private void announceAgency() {
        KafkaLogin agency = broker.login(TazaPrincipals.AGENCY);
        screen.println("An agency connects to " + broker.bootstrapServers() + " over " + agency.securityProtocol()
                + " with " + BrokerSecurity.MECHANISM + " as " + agency.user() + " (reads the public topics only);"
                + " its client settings: " + relative(KafkaClientFiles.javaFile(runDir, agency.user()))
                + " (Java), " + relative(KafkaClientFiles.librdkafkaFile(runDir, agency.user()))
                + " (librdkafka, e.g. docs/examples/taza_subscriber.py --config)");
    }

    /**
     * Extracts the services' jars where a build made them new (see {@link ServiceLaunch}), side by side and while the
     * broker starts.
     */
    private Map<ServiceSpec, java.util.concurrent.Future<ServiceLaunch.Layout>> prepareLayouts(
            List<ServiceSpec> built) throws IOException {
        Map<ServiceSpec, java.util.concurrent.Future<ServiceLaunch.Layout>> layouts = new LinkedHashMap<>();
        List<String> extracting = new ArrayList<>();
        for (ServiceSpec service : built) {
            ServiceLaunch.Layout layout = ServiceLaunch.Layout.of(service, options.root());
            if (ServiceLaunch.needsExtraction(layout)) {
                extracting.add(service.name());
            }
            java.util.concurrent.FutureTask<ServiceLaunch.Layout> task = new java.util.concurrent.FutureTask<>(() -> {
                ServiceLaunch.prepare(layout, ManagedProcess.javaExecutable());
                return layout;
            });
            Thread thread = new Thread(task, "prepare-" + service.name());
            thread.setDaemon(true);
            thread.start();
            layouts.put(service, task);
        }
        if (!extracting.isEmpty()) {
            screen.println("Extracting " + String.join(", ", extracting) + " (once after each build; starts faster)");
        }
        return layouts;
    }

    private static ServiceLaunch.Layout awaitLayout(ServiceSpec service,
            java.util.concurrent.Future<ServiceLaunch.Layout> layout) throws IOException, InterruptedException {
        try {
            return layout.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof StackException stack) {
                throw stack;
            }
            throw new IOException("Preparing " + service.name() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /**
     * The local identity provider (before the broker: they start side by side), with the run's identities, drawn now
     * for the scenario the simulator will send; its signing key is kept in the run directory, so a restarted service
     * or provider keeps trusting the tokens already given.
     */
    private synchronized void startIdentityProvider(List<String> simulatorArgs, List<ServiceSpec> built)
            throws IOException {
        refuseIfStopped();
        ServiceSpec provider = ServiceSpec.IDENTITY_PROVIDER;
        Path jar = provider.jar(options.root());
        if (!Files.isRegularFile(jar)) {
            throw new StackException("The identity provider is not built (no " + relative(jar) + "); the services "
                    + "trust no one without it. Build it with ./taza up --rebuild.");
        }
        identities = LocalIdentities.write(runDir.resolve(IDENTITY_FILE), simulatorArgs, built);
        List<String> command = IdentityProviderLaunch.command(jar, provider.port(), identities.file(),
                runDir.resolve("identity").resolve("signing-key.pem"));
        identityProvider = ManagedProcess.start(provider.name(), command, Map.of(), options.root(),
                runDir.resolve(provider.name() + ".log"));
        screen.println("Starting the identity provider on " + provider.url() + " (people: "
                + LocalIdentities.PEOPLE_NOTE + "; ./taza token <name> prints a token) ...");
    }

    private void awaitIdentityProviderReady() throws InterruptedException {
        long deadline = System.currentTimeMillis() + options.readinessTimeout().toMillis();
        while (readiness.probe(ServiceSpec.IDENTITY_PROVIDER) != Readiness.State.UP) {
            if (!identityProvider.isAlive()) {
                throw new StackException("The identity provider stopped; see " + relative(identityProvider.logFile()));
            }
            if (System.currentTimeMillis() > deadline || stopping.get()) {
                throw new StackException("The identity provider is not ready after "
                        + options.readinessTimeout().toSeconds() + " s; see " + relative(identityProvider.logFile()));
            }
            Thread.sleep(250);
        }
        screen.println("Identity provider ready after " + sinceCommand() + " since the command");
    }

    /** The front of a service that runs several instances, on the service's own ports. */
    private synchronized void startFront(ServiceSpec service, int instances) throws IOException {
        refuseIfStopped();
        fronts.put(service.name(), new ServiceFront(service).start());
        screen.println(service.name() + ": " + instances + " instances on ports " + service.instance(0).port() + ", "
                + service.instance(1).port() + (instances > 2 ? " ..." : "") + " behind " + service.url()
                + " (each request to one whose readiness is UP)");
    }

    /**
     * Starts instance {@code instance} of {@code service}. Several instances share the service's consumer group and
     * Streams application id (they split its partitions), each with a state directory and ports of its own and its
     * own address for the reads that another instance forwards to it.
     */
    synchronized ServiceRun startService(ServiceSpec service, ServiceLaunch.Layout layout, int instance)
            throws IOException {
        refuseIfStopped();
        boolean several = options.chaos().instancesOf(service.name()) > 1;
        ServiceSpec where = several ? service.instance(instance) : service;
        Path state = runDir.resolve("state").resolve(service.name());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        // The service's own principal, in every client it opens (spring.kafka.properties.*).
        env.putAll(KafkaClientFiles.serviceEnvironment(broker.login(service.name())));
        env.put("TAZA_STREAMS_STATE_DIR", (several ? state.resolve(Integer.toString(instance + 1)) : state).toString());
        env.put("SERVER_PORT", Integer.toString(where.port()));
        env.put("MANAGEMENT_PORT", Integer.toString(where.managementPort()));
        if (several) {
            env.put("TAZA_STREAMS_APPLICATION_SERVER", "localhost:" + where.port());
        }
        // REST security: trust the local identity provider; the service's own client for the reads it forwards.
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", ServiceSpec.IDENTITY_PROVIDER.url());
        env.put("TAZA_SECURITY_CLIENT_SECRET", identities.serviceSecret(service.name()));
        // Locally the OpenAPI documents and Swagger UI are served, for people trying the APIs.
        env.put("TAZA_SECURITY_OPEN_API_PUBLIC", "true");
        if (service.name().equals(ServiceSpec.KPI_SERVICE)) {
            // The dashboard signs people in through its own client of the same provider.
            env.put("TAZA_SIGN_IN_CLIENT_ID", LocalIdentities.DASHBOARD_CLIENT);
            env.put("TAZA_SIGN_IN_CLIENT_SECRET", identities.dashboardSecret().orElseThrow());
        }
        // One process records the class-data archive: the only or first instance, in a run that stops them cleanly.
        boolean recording = instance == 0 && options.command() != StackOptions.Command.CHAOS
                && !Files.isRegularFile(layout.archive());
        List<String> command = ServiceLaunch.command(ManagedProcess.javaExecutable(), layout,
                ServiceLaunch.javaOpts(System.getenv(ServiceLaunch.JAVA_OPTS_VARIABLE)), recording);
        String label = several ? service.name() + "#" + (instance + 1) : service.name();
        ManagedProcess process = ManagedProcess.start(label, command, env, options.root(),
                runDir.resolve((several ? service.name() + "-" + (instance + 1) : service.name()) + ".log"));
        ServiceRun run = new ServiceRun(service, instance, where, process, layout, recording);
        services.add(run);
        ServiceFront front = fronts.get(service.name());
        if (front != null) {
            front.add(run);
        }
        return run;
    }

    /**
     * SIGKILL of one instance, then the same instance started again on the same state directory and ports; returns
     * the new run. Readiness is then for the caller to await ({@link #awaitReady}).
     */
    synchronized ServiceRun killAndRestart(ServiceRun run) throws IOException, InterruptedException {
        refuseIfStopped();
        run.process.kill();
        services.remove(run);
        ServiceFront front = fronts.get(run.spec.name());
        if (front != null) {
            front.remove(run);
        }
        return startService(run.spec, run.layout, run.instance);
    }

    /**
     * SIGKILL of the broker, and the broker started again on the same data; returns once it answers (within the
     * readiness timeout).
     */
    void killAndRestartBroker() throws IOException, InterruptedException {
        synchronized (this) {
            refuseIfStopped();
            broker.killAndRestart();
        }
        // Recovering its logs while every client reconnects takes longer than a first start on a loaded machine (the
        // chaos drill's broker came back 62 s after its kill, with fifteen services on two cores).
        broker.awaitReady(BROKER_READY_TIMEOUT.compareTo(options.readinessTimeout()) > 0 ? BROKER_READY_TIMEOUT
                : options.readinessTimeout());
    }

    /** The service instances running now, in start order. */
    List<ServiceRun> serviceRuns() {
        return List.copyOf(services);
    }

    /** What the fronts did, one line per service that runs several instances. */
    Map<String, String> frontCounts() {
        Map<String, String> counts = new LinkedHashMap<>();
        fronts.forEach((name, front) -> counts.put(name, front.counts()));
        return counts;
    }

    StandaloneBroker standaloneBroker() {
        return broker;
    }

    ManagedProcess simulator() {
        return simulator;
    }

    Path runDir() {
        return runDir;
    }

    /** Waits, without a display, until one restarted instance is ready again. */
    void awaitReady(ServiceRun run) throws InterruptedException {
        long deadline = System.currentTimeMillis() + options.readinessTimeout().toMillis();
        while (!stopping.get()) {
            Readiness.State state = probe(run);
            if (state == Readiness.State.EXITED) {
                throw new StackException(run.label() + " stopped while starting again (exit "
                        + run.process.exitCode().orElse(-1) + "). Its log: " + relative(run.process.logFile()) + "\n"
                        + StandaloneBroker.indent(run.process.logTail(20)));
            }
            if (state == Readiness.State.UP) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new StackException(run.label() + " is not ready again within "
                        + options.readinessTimeout().toSeconds() + " s; see " + relative(run.process.logFile()));
            }
            Thread.sleep(250); // probe interval
        }
    }

    /**
     * Probes a starting instance once: {@code EXITED} once its process has stopped, its readiness otherwise; records
     * the state, and how long it took when it is first UP.
     */
    private Readiness.State probe(ServiceRun run) {
        if (!run.process.isAlive()) {
            run.state = Readiness.State.EXITED;
        } else {
            run.state = readiness.probe(run.where);
            if (run.state == Readiness.State.UP) {
                run.readyAfterMillis = System.currentTimeMillis() - run.startedMillis;
            }
        }
        return run.state;
    }

    private void awaitServicesReady() throws InterruptedException {
        if (services.isEmpty()) {
            screen.println("No service is built: only the broker runs.");
            return;
        }
        screen.println("Waiting for the services to be ready (" + "/actuator/health/readiness"
                + ", timeout " + options.readinessTimeout().toSeconds() + " s):");
        long deadline = System.currentTimeMillis() + options.readinessTimeout().toMillis();
        List<String> lastPlain = new ArrayList<>();
        while (true) {
            boolean allUp = true;
            for (ServiceRun run : services) {
                allUp &= run.state == Readiness.State.UP || probe(run) == Readiness.State.UP;
            }
            List<String> lines = readinessLines();
            if (screen.ansi()) {
                screen.redraw(lines);
            } else {
                // Plain mode: a line only when a service's state changes.
                for (int i = 0; i < lines.size(); i++) {
                    String withoutTime = services.get(i).state.name();
                    if (lastPlain.size() <= i || !lastPlain.get(i).equals(withoutTime)) {
                        screen.println(lines.get(i));
                    }
                }
                lastPlain.clear();
                services.forEach(s -> lastPlain.add(s.state.name()));
            }
            if (stopping.get()) {
                return;
            }
            for (ServiceRun run : services) {
                if (run.state == Readiness.State.EXITED) {
                    screen.println("");
                    throw new StackException(run.label() + " stopped while starting (exit "
                            + run.process.exitCode().orElse(-1) + "). Its log: " + relative(run.process.logFile())
                            + "\n" + StandaloneBroker.indent(run.process.logTail(20)));
                }
            }
            if (allUp) {
                screen.println("All " + services.size() + " services ready after " + sinceCommand()
                        + " since the command.");
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                StringBuilder message = new StringBuilder("Not ready within " + options.readinessTimeout().toSeconds()
                        + " s (--readiness-timeout):");
                for (ServiceRun run : services) {
                    if (run.state != Readiness.State.UP) {
                        message.append("\n  ").append(run.label()).append(" is ").append(run.state)
                                .append(": see ").append(relative(run.process.logFile()));
                    }
                }
                throw new StackException(message.toString());
            }
            Thread.sleep(250); // probe interval
        }
    }

    /** Where the KPI dashboard is and who signs in to it, when the KPI service runs. */
    private void announceDashboard() {
        dashboardLine().ifPresent(screen::println);
    }

    /**
     * The dashboard's address and who signs in. The password stays in the run's identity file (owner-readable, as
     * every secret of the run), not on a screen that may be shared or recorded: the line says where to read it.
     */
    private java.util.Optional<String> dashboardLine() {
        return services.stream().filter(run -> run.spec.name().equals(ServiceSpec.KPI_SERVICE)).findFirst()
                .map(run -> "KPI dashboard: " + run.spec.url() + "/  (sign in as " + LocalIdentities.ANALYST
                        + "; password: " + IdentityFile.passwordEntry(LocalIdentities.ANALYST) + " in "
                        + relative(identities.file()) + ")");
    }

    private List<String> readinessLines() {
        List<String> lines = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (ServiceRun run : services) {
            long elapsed = run.readyAfterMillis >= 0 ? run.readyAfterMillis : now - run.startedMillis;
            lines.add(String.format(java.util.Locale.ROOT, "  %-24s :%-5d %-9s %5.1f s%s", run.label(),
                    run.where.port(), run.state, elapsed / 1000.0,
                    run.state == Readiness.State.EXITED ? "  see " + relative(run.process.logFile()) : ""));
        }
        return lines;
    }

    private Path simulatorJar() {
        return options.root().resolve("simulator").resolve("target")
                .resolve("simulator-" + ServiceSpec.VERSION + ".jar");
    }

    private synchronized void startSimulator(List<String> simulatorArgs) throws IOException {
        refuseIfStopped();
        Path jar = simulatorJar();
        if (!Files.isRegularFile(jar)) {
            screen.println("The simulator is not built yet (no " + relative(jar) + "): the stack keeps running"
                    + " without it; KPIs appear when something sends events.");
            return;
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("TAZA_RUN_DIR", runDir.toString());
        for (ServiceRun run : services) {
            // The service's address: its only instance, or its front.
            String prefix = "TAZA_" + run.spec.name().toUpperCase().replace('-', '_');
            env.put(prefix + "_URL", run.spec.url());
            env.put(prefix + "_MANAGEMENT_URL", run.spec.managementUrl());
        }
        // Who the simulator's actors are, and where they get their tokens.
        env.put("TAZA_IDENTITIES_FILE", identities.file().toString());
        env.put("TAZA_TOKEN_URI", ServiceSpec.IDENTITY_PROVIDER.url() + "/oauth2/token");
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-jar", jar.toString()));
        command.addAll(simulatorArgs);
        simulator = ManagedProcess.start("simulator", command, env, options.root(), runDir.resolve("simulator.log"));
        screen.println("Simulator started" + (simulatorArgs.isEmpty() ? "" : " with "
                + String.join(" ", simulatorArgs)) + "  (log: " + relative(simulator.logFile()) + ")");
    }

    /**
     * Starts reading the KPI topic as soon as the broker is up, so that the time of the first KPI record is when it
     * arrived (its record timestamp may be an event time); the view shows what the feed gathered once it starts.
     */
    private synchronized void startKpiFeed() {
        refuseIfStopped();
        board = new KpiBoard();
        feed = new KpiFeed(broker.clientConfig(TazaPrincipals.LAUNCHER), board, () -> {
            announceFirstKpi();
            KpiView shown = view;
            if (shown != null) {
                shown.changed();
            }
        });
        feed.start();
    }

    private void showKpis() throws InterruptedException {
        synchronized (this) {
            refuseIfStopped();
            view = new KpiView(screen, board, feed, this::statusLines,
                    "Logs: " + relative(runDir) + "/ · Ctrl-C stops everything");
        }
        view.run(() -> !stopping.get());
    }

    /** Once, when the first KPI records have arrived: how long after the command that was. */
    private void announceFirstKpi() {
        long received;
        synchronized (board) {
            received = board.received();
        }
        if (received == 0 || !firstKpi.compareAndSet(-1, System.currentTimeMillis())) {
            return;
        }
        String line = "First KPI record arrived " + KpiView.seconds(Duration.ofMillis(firstKpi.get()
                - commandStartMillis)) + " after the command.";
        org.slf4j.LoggerFactory.getLogger(LocalStack.class).info(line);
        if (!screen.ansi()) {
            screen.println(line);
        }
    }

    private List<String> statusLines() {
        StringBuilder line = new StringBuilder("broker " + broker.bootstrapServers()
                + (broker.process().isAlive() ? " up" : " STOPPED") + " · services:");
        for (ServiceRun run : services) {
            line.append(' ').append(run.label().replace("-service", "")).append(':').append(run.where.port())
                    .append(' ').append(run.process.isAlive() ? "up" : "EXITED(see " + relative(run.process.logFile())
                            + ")");
        }
        if (services.isEmpty()) {
            line.append(" none built");
        }
        String sim;
        if (simulator == null) {
            sim = "simulator: not built yet";
        } else if (simulator.isAlive()) {
            sim = "simulator: running (log " + relative(simulator.logFile()) + ")";
        } else {
            sim = "simulator: finished, exit " + simulator.exitCode().orElse(-1) + " (log "
                    + relative(simulator.logFile()) + ")";
        }
        long first = firstKpi.get();
        if (first > 0) {
            sim += " · first KPI " + KpiView.seconds(Duration.ofMillis(first - commandStartMillis))
                    + " after the command";
        }
        List<String> lines = new ArrayList<>(List.of(line.toString(), sim));
        dashboardLine().ifPresent(lines::add);
        return lines;
    }

    /**
     * Stops everything that was started, in order; safe to call more than once and from the shutdown hook. Returns
     * only when every process has ended.
     */
    public synchronized void stop() {
        stopping.set(true);
        if (stopped) {
            return;
        }
        stopped = true;
        screen.restore();
        if (feed != null) {
            feed.close();
        }
        List<ManagedProcess> first = new ArrayList<>();
        if (simulator != null) {
            first.add(simulator);
        }
        services.forEach(s -> first.add(s.process));
        if (identityProvider != null) {
            first.add(identityProvider);
        }
        if (!first.isEmpty()) {
            screen.println("");
            screen.println("Stopping " + first.size() + " process(es): " + String.join(", ",
                    first.stream().map(ManagedProcess::name).toList()) + " ...");
            boolean recording = services.stream().anyMatch(run -> run.recording);
            Duration grace = recording ? RECORDING_STOP_GRACE : SERVICE_STOP_GRACE;
            if (recording) {
                screen.println("(the services record their class data on this first run, for faster starts later)");
            }
            Map<ManagedProcess, Boolean> aliveBefore = new LinkedHashMap<>();
            first.forEach(p -> aliveBefore.put(p, p.isAlive()));
            first.forEach(ManagedProcess::requestStop);
            Map<ManagedProcess, Boolean> clean = new LinkedHashMap<>();
            for (ManagedProcess process : first) {
                boolean inTime = process.awaitStopped(grace);
                if (!inTime) {
                    screen.println("  " + process.name() + " did not stop within " + grace.toSeconds()
                            + " s and was killed");
                }
                clean.put(process, inTime && aliveBefore.get(process));
            }
            for (ServiceRun run : services) {
                if (!run.recording) {
                    continue;
                }
                try {
                    ServiceLaunch.afterStop(run.layout, clean.get(run.process));
                } catch (IOException e) {
                    screen.println("  could not keep " + run.spec.name() + "'s class-data archive: " + e.getMessage());
                }
            }
        }
        fronts.values().forEach(ServiceFront::close);
        if (broker != null && broker.process() != null) {
            screen.println("Stopping the Kafka broker ...");
            if (!broker.process().stop(StandaloneBroker.STOP_GRACE)) {
                screen.println("  the broker did not stop within " + StandaloneBroker.STOP_GRACE.toSeconds()
                        + " s and was killed");
            }
        }
        if (runDir != null) {
            screen.println("Stopped. Logs and data of this run stay in " + relative(runDir));
        }
    }

    /** Nothing starts once stopping has begun (Ctrl-C during start-up). */
    private void refuseIfStopped() {
        if (stopped) {
            throw new StackException("stopping");
        }
    }

    public boolean isStopping() {
        return stopping.get();
    }

    private String sinceCommand() {
        return KpiView.seconds(Duration.ofMillis(System.currentTimeMillis() - commandStartMillis));
    }

    String relative(Path path) {
        Path root = options.root().toAbsolutePath().normalize();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}

package kz.taza.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.SelfSignedTls;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipals;
import kz.taza.platform.access.Provisioning;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one process), run from Kafka's own
 * server classes as copied from Maven Central into {@code local-stack/target/broker-lib} at build time.
 *
 * <p>Each run gets a fresh data directory: the storage is formatted with a new cluster id, then {@code kafka.Kafka} is
 * started on it. Auto-creation of topics is off, as in production: the services declare their topics. The internal
 * topics (consumer offsets, transaction state, share-group state) have replication 1 and min.isr 1, without which
 * exactly-once producers on a one-node cluster wait forever for their transaction coordinator.
 *
 * <p>The broker is secured as {@link BrokerSecurity} describes: clients log in with SASL SCRAM-SHA-512 on the listener
 * {@code CLIENTS} (SASL_PLAINTEXT; SASL_SSL once it is given a key store), the {@code StandardAuthorizer} denies what
 * no ACL allows. The storage is formatted with the SCRAM credentials of the administrator, the broker and every
 * principal of the access model ({@link KafkaPrincipals#all()}); once the broker answers, the administrator gives each
 * principal its ACLs ({@link Provisioning}). The passwords live in {@link BrokerCredentials}; the files that hold them
 * ({@code server.properties}, the format's arguments while it runs) are readable by their owner only, and no password is
 * ever on a command line, which any user of the machine can list.
 */
public final class StandaloneBroker implements AutoCloseable {

    /** How long a stopping broker gets to close its logs cleanly before it is killed. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** How long the broker may refuse the administrator's login before the credentials are taken to be wrong. */
    static final Duration REFUSED_GRACE = Duration.ofSeconds(10);

    private final Path brokerLib;
    private final Path directory;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final BrokerCredentials credentials;
    private final Optional<SelfSignedTls> tls;
    private ManagedProcess process;
    private boolean provisioned;

    /**
     * @param brokerLib      the directory with the broker's jars ({@code local-stack/target/broker-lib})
     * @param directory      this broker's own directory (configuration, data, log); created if missing
     * @param port           the client listener's port (SASL)
     * @param controllerPort the KRaft controller listener's port
     */
    public StandaloneBroker(Path brokerLib, Path directory, int port, int controllerPort) {
        this(brokerLib, directory, port, controllerPort, BrokerCredentials.random(KafkaPrincipals.all()),
                Optional.empty());
    }

    /**
     * @param credentials the passwords to format the storage with
     * @param tls         the broker's certificate for SASL_SSL on the client listener (its clients trust its trust
     *                    store); empty for SASL_PLAINTEXT
     */
    StandaloneBroker(Path brokerLib, Path directory, int port, int controllerPort, BrokerCredentials credentials,
            Optional<SelfSignedTls> tls) {
        this.brokerLib = brokerLib.toAbsolutePath();
        this.directory = directory.toAbsolutePath();
        this.host = "localhost";
        this.port = port;
        this.controllerPort = controllerPort;
        this.credentials = credentials;
        this.tls = tls;
    }

    /**
     * A broker with fresh credentials for every principal of the access model, over SASL_SSL on the client listener
     * when given a key store.
     */
    public static StandaloneBroker secured(Path brokerLib, Path directory, int port, int controllerPort,
            Optional<SelfSignedTls> tls) {
        return new StandaloneBroker(brokerLib, directory, port, controllerPort,
                BrokerCredentials.random(KafkaPrincipals.all()), tls);
    }

    BrokerCredentials credentials() {
        return credentials;
    }

    /**
     * How {@code principal} (one of the access model's, or {@value BrokerSecurity#ADMIN}) logs in to this broker; over
     * TLS, trusting the broker's own key store, when it has one.
     */
    public KafkaLogin login(String principal) {
        KafkaLogin login = credentials.login(principal);
        return tls.map(certificate -> login.overTls(certificate.trustStore())).orElse(login);
    }

    /** The settings of a Kafka client of this broker that logs in as {@code principal}. */
    public Map<String, Object> clientConfig(String principal) {
        return login(principal).clientConfig(bootstrapServers());
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    public Path logFile() {
        return directory.resolve("broker.log");
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    /** The broker's process, once started. */
    public ManagedProcess process() {
        return process;
    }

    /** Formats fresh storage and starts the broker process; does not wait for it (see {@link #awaitReady}). */
    public void start() throws IOException, InterruptedException {
        if (!Files.isDirectory(brokerLib) || !hasJars(brokerLib)) {
            throw new StackException("The broker's class path is missing: " + brokerLib
                    + "\n  Build it with: mvn -B -q -DskipTests package -pl local-stack -am   (or ./taza up --rebuild)");
        }
        Files.createDirectories(dataDirectory());
        Path serverProperties = directory.resolve("server.properties");
        // It holds the broker's and the controller's passwords.
        KafkaClientFiles.writeOwnerOnly(serverProperties, serverProperties());
        Path log4j = directory.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J2, StandardCharsets.UTF_8);

        // The same generator as `kafka-storage random-uuid`, without starting a JVM for it.
        String clusterId = Uuid.randomUuid().toString();
        // The tool reads its arguments from "@file", one a line: the SCRAM passwords stay off the command line.
        List<String> arguments = new ArrayList<>(List.of("format", "--standalone", "-t", clusterId, "-c",
                serverProperties.toString()));
        arguments.addAll(BrokerSecurity.scramArguments(credentials.secrets(), credentials.scramUsers()));
        Path argumentFile = directory.resolve("format.arguments");
        KafkaClientFiles.writeOwnerOnly(argumentFile, String.join("\n", arguments) + "\n");
        ManagedProcess format;
        try {
            format = ManagedProcess.start("broker-format",
                    javaCommand(log4j, SHORT_LIVED_JVM, "kafka.tools.StorageTool", "@" + argumentFile), Map.of(),
                    directory, logFile());
            if (!format.waitFor(Duration.ofSeconds(60))) {
                format.stop(Duration.ofSeconds(1));
                throw new StackException("Formatting the broker's storage did not finish within 60 s; see "
                        + logFile());
            }
        } finally {
            Files.deleteIfExists(argumentFile);
        }
        int exit = format.exitCode().orElseThrow();
        if (exit != 0) {
            throw new StackException("Formatting the broker's storage failed (exit " + exit + "); see " + logFile()
                    + "\n" + indent(format.logTail(15)));
        }
        launch();
    }

    private void launch() throws IOException {
        process = ManagedProcess.start("broker", javaCommand(directory.resolve("log4j2.properties"),
                List.of("-Xms256m", "-Xmx768m"), "kafka.Kafka", directory.resolve("server.properties").toString()),
                Map.of(), directory, logFile());
    }

    /**
     * Kills the broker with SIGKILL, as a crash would, and starts it again on the same storage and configuration (no
     * new format): what it had not written to disk is recovered from its log, and the clients reconnect. Does not wait
     * for it (see {@link #awaitReady}).
     */
    public void killAndRestart() throws IOException, InterruptedException {
        process.kill();
        launch();
    }

    /**
     * Waits until the broker answers the administrator's cluster description request, then (once, after the first
     * start) gives every principal of the access model its credentials and ACLs. Fails fast if the process dies, and
     * with a message naming the administrator when the broker keeps refusing its login (credentials that do not match
     * the storage) rather than waiting for the deadline.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Map<String, Object> admin = clientConfig(BrokerSecurity.ADMIN);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        admin.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        long deadline = System.nanoTime() + timeout.toNanos();
        // First the listener (a plain TCP connect), so the admin client does not log a refused connection every
        // few milliseconds while the JVM is still starting; then a real request.
        while (!listening()) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw notReady(timeout);
            }
            Thread.sleep(100); // a poll interval between probes, not a wait for an outcome
        }
        try (Admin client = Admin.create(admin)) {
            long refusedSince = -1;
            while (true) {
                checkAlive();
                try {
                    client.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AuthenticationException || e.getCause() instanceof AuthorizationException) {
                        // Refused, not unready: a broker still loading its metadata may refuse for a moment; one
                        // that refuses for seconds has other credentials than these.
                        refusedSince = refusedSince < 0 ? System.nanoTime() : refusedSince;
                        if (System.nanoTime() - refusedSince > REFUSED_GRACE.toNanos()) {
                            throw new StackException("The Kafka broker at " + bootstrapServers() + " refuses the"
                                    + " administrator " + BrokerSecurity.ADMIN + " (" + BrokerSecurity.MECHANISM
                                    + "): " + e.getCause().getMessage() + "\n  Its storage was formatted with other"
                                    + " credentials than this run's; see " + logFile());
                        }
                    }
                } catch (TimeoutException e) {
                    // Not listening yet: try again until the deadline.
                }
                if (System.nanoTime() > deadline) {
                    throw notReady(timeout);
                }
                Thread.sleep(100); // a poll interval between probes, not a wait for an outcome
            }
            if (!provisioned) {
                try {
                    Provisioning.provision(client, credentials.passwords());
                } catch (IllegalStateException e) {
                    throw new StackException("The Kafka broker did not take the principals' ACLs: " + e.getMessage()
                            + "\n  see " + logFile());
                }
                provisioned = true;
            }
        }
    }

    private boolean listening() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new StackException("The Kafka broker stopped while starting (exit " + process.exitCode().orElse(-1)
                    + "); see " + logFile() + "\n" + indent(process.logTail(20)));
        }
    }

    private StackException notReady(Duration timeout) {
        return new StackException("The Kafka broker was not ready within " + timeout.toSeconds() + " s; see "
                + logFile() + "\n" + indent(process.logTail(20)));
    }

    /** Stops the broker: SIGTERM (a controlled shutdown), then SIGKILL after {@link #STOP_GRACE}. */
    @Override
    public void close() {
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    String serverProperties() {
        String data = dataDirectory().toString();
        return String.join("\n",
                "# Written by the Taza local stack for one run; a fresh run formats a fresh directory.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + host + ":" + controllerPort,
                "# Listeners, SASL and the authorizer (kz.taza.platform.access.BrokerSecurity).",
                security(),
                "log.dirs=" + data,
                "# Topics are declared by the services, as in production.",
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "# One node: internal topics cannot have more replicas than that.",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "# Streams applications join their group at once instead of waiting 3 s for more members.",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private String security() {
        StringBuilder lines = new StringBuilder();
        BrokerSecurity.serverProperties(host, port, controllerPort, credentials.secrets(), tls.map(SelfSignedTls::keyStore)).forEach((key, value) -> {
            if (value.contains("\n") || value.contains("\\")) {
                throw new IllegalStateException("a broker setting cannot hold a line break or '\\': " + key);
            }
            lines.append(lines.isEmpty() ? "" : "\n").append(key).append('=').append(value);
        });
        return lines.toString();
    }

    private List<String> javaCommand(Path log4j, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp", brokerLib + "/*",
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static boolean hasJars(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13"));
        }
    }

    static String indent(List<String> lines) {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append("    | ").append(line).append('\n');
        }
        return b.toString();
    }

    /** Formatting runs for a second: the JIT's top tier and a concurrent collector would only cost start-up time. */
    private static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx256m");

    private static final String LOG4J2 = String.join("\n",
            "# The broker's log: everything to stdout, which the launcher writes to broker.log.",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = OUT",
            "appender.out.target = SYSTEM_OUT",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.out.ref = OUT",
            "logger.state.name = state.change.logger",
            "logger.state.level = WARN",
            "");
}

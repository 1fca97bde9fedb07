package kz.taza.platform.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.access.KafkaPrincipals;
import kz.taza.platform.access.Provisioning;

/**
 * One real broker per test JVM, started on first use and stopped when the JVM exits: a single-node KRaft broker in
 * this JVM, secured as the local stack's and production's are ({@link BrokerSecurity}: SASL SCRAM-SHA-512 on the client
 * listener, the {@code StandardAuthorizer}, nothing allowed that no ACL allows). Every integration test shares it and
 * keeps apart from the others by unique topic names, application ids and state directories ({@link TestNames}); a
 * service under test logs in as its own principal with the ACLs of the access model ({@link #login}), the harness as
 * the administrator. Exactly-once is ready (transaction state log with replication 1) and auto-create is off, as in
 * production.
 */
public final class SharedKafkaBroker {

    private static volatile TestBroker broker;

    private SharedKafkaBroker() {
    }

    /** The broker of this JVM, started if needed. */
    public static TestBroker get() {
        TestBroker current = broker;
        if (current == null) {
            synchronized (SharedKafkaBroker.class) {
                current = broker;
                if (current == null) {
                    current = startSecured(Optional.empty());
                    broker = current;
                }
            }
        }
        return current;
    }

    /**
     * Starts a broker of its own (the shared one is started once, by {@link #get()}), over SASL_SSL when given a key
     * store; stopped when the JVM exits.
     */
    public static TestBroker startSecured(Optional<BrokerSecurity.KeyStore> tls) {
        try {
            return InProcess.start(tls);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test broker", e);
        }
    }

    private static final class InProcess implements TestBroker {

        private final String bootstrapServers;
        private final String description;
        private final KafkaLogin admin;
        private final Optional<KafkaLogin.TrustStore> trust;
        private final Map<String, KafkaLogin> logins = new ConcurrentHashMap<>();

        private InProcess(String bootstrapServers, String description, KafkaLogin admin,
                Optional<KafkaLogin.TrustStore> trust) {
            this.bootstrapServers = bootstrapServers;
            this.description = description;
            this.admin = admin;
            this.trust = trust;
        }

        static InProcess start(Optional<BrokerSecurity.KeyStore> tls) throws IOException {
            Path directory = Files.createTempDirectory("taza-test-broker-");
            int port = freePort();
            int controllerPort = freePort();
            BrokerSecurity.Secrets secrets = BrokerSecurity.Secrets.random();
            Properties props = new Properties();
            props.putAll(Map.of(
                    "process.roles", "broker,controller",
                    "node.id", "1",
                    "controller.quorum.bootstrap.servers", "localhost:" + controllerPort,
                    "log.dirs", directory.resolve("data").toString(),
                    "auto.create.topics.enable", "false",
                    "num.partitions", "1",
                    "offsets.topic.replication.factor", "1",
                    "offsets.topic.num.partitions", "5",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1"));
            props.putAll(Map.of(
                    "transaction.state.log.num.partitions", "5",
                    "share.coordinator.state.topic.replication.factor", "1",
                    "share.coordinator.state.topic.min.isr", "1",
                    "group.initial.rebalance.delay.ms", "0",
                    "log.flush.interval.messages", "1000000"));
            props.putAll(BrokerSecurity.serverProperties("localhost", port, controllerPort, secrets, tls));
            Path config = directory.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "the test broker");
            }
            format(config, secrets);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
            server.startup();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.shutdown();
                server.awaitShutdown();
            }, "test-broker-shutdown"));
            String servers = "localhost:" + port;
            Optional<KafkaLogin.TrustStore> trust = tls.map(store -> new KafkaLogin.TrustStore(store.location(),
                    store.password()));
            KafkaLogin admin = secrets.adminLogin();
            if (trust.isPresent()) {
                admin = admin.overTls(trust.get());
            }
            InProcess broker = new InProcess(servers, "in-process KRaft broker at " + servers + " ("
                    + admin.securityProtocol() + ", SCRAM-SHA-512, StandardAuthorizer)", admin, trust);
            broker.awaitReady();
            return broker;
        }

        private static void format(Path config, BrokerSecurity.Secrets secrets) {
            List<String> args = new ArrayList<>(List.of("format", "--standalone", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString()));
            args.addAll(BrokerSecurity.scramArguments(secrets, Map.of()));
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit;
            try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                exit = StorageTool.execute(args.toArray(String[]::new), out);
            }
            if (exit != 0) {
                throw new IllegalStateException("formatting the test broker's storage failed (exit " + exit + "): "
                        + output.toString(StandardCharsets.UTF_8));
            }
        }

        private void awaitReady() {
            try (Admin client = Admin.create(adminProperties())) {
                client.describeCluster().nodes().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(description + " did not answer as " + admin.user() + " within 60 s",
                        e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            }
        }

        @Override
        public String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public KafkaLogin admin() {
            return admin;
        }

        @Override
        public KafkaLogin login(String principal) {
            return logins.computeIfAbsent(principal, name -> provision(KafkaPrincipals.named(name)));
        }

        @Override
        public synchronized KafkaLogin provision(KafkaPrincipal principal) {
            String password = BrokerSecurity.password();
            try (Admin client = Admin.create(adminProperties())) {
                Provisioning.provision(client, Map.of(principal, password));
            }
            KafkaLogin login = KafkaLogin.plaintext(principal.name(), password);
            return trust.map(login::overTls).orElse(login);
        }
    }
}

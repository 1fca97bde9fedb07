package kz.taza.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.clients.CommonClientConfigs;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.access.SelfSignedTls;

/**
 * The Kafka client settings of a local run, one file per principal in {@code <run>/kafka/}: {@code <name>.properties}
 * for Java clients (bootstrap servers, {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}),
 * and for the example agency also {@code <name>.librdkafka.properties} with {@code sasl.username} and
 * {@code sasl.password}, as librdkafka clients (docs/examples/taza_subscriber.py) take them. The directory and every
 * file are readable by their owner only: they hold the passwords, which nothing else of the stack shows.
 */
public final class KafkaClientFiles {

    /** The run's subdirectory with the files. */
    static final String DIRECTORY = "kafka";

    private static final String OWNER_ONLY = "rw-------";

    private KafkaClientFiles() {
    }

    /** The Java client settings of {@code principal} in a run's directory. */
    static Path javaFile(Path runDir, String principal) {
        return runDir.resolve(DIRECTORY).resolve(principal + ".properties");
    }

    /** The librdkafka settings of {@code principal} in a run's directory. */
    static Path librdkafkaFile(Path runDir, String principal) {
        return runDir.resolve(DIRECTORY).resolve(principal + ".librdkafka.properties");
    }

    /**
     * Writes the administrator's file and one for each principal of {@code credentials}, plus the agency's librdkafka
     * file; returns the directory.
     */
    static Path write(Path runDir, String bootstrapServers, BrokerCredentials credentials) {
        return write(runDir, bootstrapServers, credentials, java.util.Optional.empty());
    }

    /** As {@link #write(Path, String, BrokerCredentials)}, for a broker on SASL_SSL with this certificate. */
    static Path write(Path runDir, String bootstrapServers, BrokerCredentials credentials,
            Optional<SelfSignedTls> tls) {
        java.util.function.UnaryOperator<KafkaLogin> overTls = login -> tls.map(c -> login.overTls(c.trustStore()))
                .orElse(login);
        Path dir = runDir.resolve(DIRECTORY);
        try {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the files below are still created as narrowly as it allows.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        writeJava(runDir, bootstrapServers, overTls.apply(credentials.admin()),
                "the broker's administrator (super user)");
        for (KafkaPrincipal principal : credentials.passwords().keySet()) {
            writeJava(runDir, bootstrapServers, overTls.apply(credentials.login(principal.name())), principal.kind()
                    + " " + principal.name());
        }
        if (credentials.scramUsers().containsKey(TazaPrincipals.AGENCY)) {
            KafkaLogin agency = overTls.apply(credentials.login(TazaPrincipals.AGENCY));
            writeLibrdkafka(librdkafkaFile(runDir, agency.user()), bootstrapServers, agency,
                    tls.map(SelfSignedTls::certificate));
        }
        return dir;
    }

    /**
     * Writes the librdkafka settings of {@code login} (an agency's, for docs/examples/taza_subscriber.py) to
     * {@code file}, readable by its owner only: bootstrap servers, security protocol, SCRAM mechanism, user and
     * password, a group id of the principal's own prefix, and the CA certificate when the listener is TLS.
     */
    public static void writeLibrdkafka(Path file, String bootstrapServers, KafkaLogin login,
            Optional<Path> caCertificate) {
        Map<String, String> librdkafka = new LinkedHashMap<>();
        librdkafka.put("bootstrap.servers", bootstrapServers);
        librdkafka.put("security.protocol", login.securityProtocol());
        librdkafka.put("sasl.mechanism", BrokerSecurity.MECHANISM);
        librdkafka.put("sasl.username", login.user());
        librdkafka.put("sasl.password", login.password());
        librdkafka.put("group.id", login.user() + "-reader");
        caCertificate.ifPresent(c -> librdkafka.put("ssl.ca.location", c.toAbsolutePath().toString()));
        writeOwnerOnly(file, "# librdkafka settings of " + login.user()
                + " for this run (e.g. docs/examples/taza_subscriber.py --config <this file>)", librdkafka);
    }

    private static void writeJava(Path runDir, String bootstrapServers, KafkaLogin login, String who) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.putAll(login.clientProperties());
        writeOwnerOnly(javaFile(runDir, login.user()), "# Kafka client settings of " + who + " for this run",
                settings);
    }

    /**
     * Writes {@code key=value} lines, unescaped (the values hold no backslash or line break: a Java client's
     * {@code Properties} and librdkafka's readers both split each line at its first '='), readable by the owner only.
     */
    static void writeOwnerOnly(Path file, String comment, Map<String, String> settings) {
        StringBuilder text = new StringBuilder(comment).append('\n');
        settings.forEach((key, value) -> {
            if (value.contains("\n") || value.contains("\\")) {
                throw new IllegalArgumentException("a client setting cannot hold a line break or '\\': " + key);
            }
            text.append(key).append('=').append(value).append('\n');
        });
        writeOwnerOnly(file, text.toString());
    }

    /** Writes {@code text} to a new file that only its owner can read and write. */
    static void writeOwnerOnly(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A properties file's settings, for a Kafka client. */
    static Map<String, Object> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StackException("Cannot read the Kafka client settings " + file + ": " + e.getMessage());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        properties.forEach((key, value) -> settings.put(key.toString(), value.toString()));
        return settings;
    }

    /** The Java client settings of {@code principal} in the newest local run that has them. */
    static Optional<Path> newest(Path root, String principal) {
        Path runs = root.resolve("local-stack").resolve("run");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.map(dir -> javaFile(dir, principal)).filter(Files::isRegularFile)
                    .max(Comparator.comparing(path -> path.getParent().getParent().getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
    }

    /**
     * The environment of a service's process that logs it in as {@code login}: Spring Boot binds
     * {@code SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG} to {@code spring.kafka.properties.sasl.jaas.config} (upper
     * case, '.' as '_'), the settings every client of the service takes. In the environment, not on the command line,
     * which any user of the machine can list.
     */
    static Map<String, String> serviceEnvironment(KafkaLogin login) {
        Map<String, String> env = new LinkedHashMap<>();
        login.springProperties().forEach((key, value) -> env.put(
                key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }
}

package kz.taza.platform.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A broker certificate made when a broker starts, never committed: a fresh key pair with a self-signed certificate
 * for {@code localhost} (subject alternative names {@code dns:localhost} and {@code ip:127.0.0.1}) in a PKCS12 key
 * store for the broker, and a PKCS12 trust store holding only that certificate for its clients. Both stores get
 * random passwords ({@link BrokerSecurity#password()}) and owner-only file permissions.
 *
 * <p>The JDK's own {@code keytool} (of the running JVM, {@code java.home}) does the work, so no library is needed; its
 * passwords reach it through its environment ({@code -storepass:env}), never its command line, which other users of
 * the machine can list.
 *
 * @param keyStore    the broker's key store (the key pair and its certificate)
 * @param trustStore  the clients' trust store (the certificate)
 * @param certificate the certificate in PEM, for clients that do not read PKCS12
 */
public record SelfSignedTls(BrokerSecurity.KeyStore keyStore, KafkaLogin.TrustStore trustStore, Path certificate) {

    /** The alias of the broker's key pair in the key store, and of its certificate in the trust store. */
    public static final String ALIAS = "taza-broker";
    public static final String SUBJECT_ALTERNATIVE_NAMES = "dns:localhost,ip:127.0.0.1";

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String KEY_STORE_FILE = "broker.keystore.p12";
    private static final String TRUST_STORE_FILE = "broker.truststore.p12";
    private static final String CERTIFICATE_FILE = "broker.crt";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    /**
     * Makes a new key pair, certificate, key store and trust store in {@code directory} (created owner-only when
     * missing); stores of an earlier call there are replaced.
     *
     * @param validity how long the certificate is valid, from now (whole days, at least one)
     */
    public static SelfSignedTls generate(Path directory, Duration validity) {
        long days = Math.max(1, validity.toDays());
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                ownerOnly(directory, OWNER_ONLY_DIRECTORY);
            }
            Path keyStore = directory.resolve(KEY_STORE_FILE);
            Path trustStore = directory.resolve(TRUST_STORE_FILE);
            Path certificate = directory.resolve(CERTIFICATE_FILE);
            for (Path file : List.of(keyStore, trustStore, certificate)) {
                Files.deleteIfExists(file);
            }
            String keyPassword = BrokerSecurity.password();
            String trustPassword = BrokerSecurity.password();
            Map<String, String> secrets = Map.of("TAZA_KEY_STORE_PASSWORD", keyPassword,
                    "TAZA_TRUST_STORE_PASSWORD", trustPassword);

            keytool(directory, secrets, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost, O=Taza", "-ext",
                    "SAN=" + SUBJECT_ALTERNATIVE_NAMES, "-validity", Long.toString(days), "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass:env", "TAZA_KEY_STORE_PASSWORD",
                    "-keypass:env", "TAZA_KEY_STORE_PASSWORD");
            ownerOnly(keyStore, OWNER_ONLY);
            keytool(directory, secrets, "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
                    "-storetype", "PKCS12", "-storepass:env", "TAZA_KEY_STORE_PASSWORD", "-file",
                    certificate.toString());
            ownerOnly(certificate, OWNER_ONLY);
            keytool(directory, secrets, "-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                    "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass:env",
                    "TAZA_TRUST_STORE_PASSWORD");
            ownerOnly(trustStore, OWNER_ONLY);
            return new SelfSignedTls(new BrokerSecurity.KeyStore(keyStore, keyPassword),
                    new KafkaLogin.TrustStore(trustStore, trustPassword), certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the broker's TLS stores in " + directory, e);
        }
    }

    /** Runs keytool with the passwords in its environment; a clear error, with its output, when it fails. */
    private static void keytool(Path directory, Map<String, String> secrets, String... arguments) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        if (!Files.isExecutable(keytool)) {
            throw new IllegalStateException("the JDK's keytool is not at " + keytool
                    + ": TLS certificates are made with the keytool of the running JVM (a full JDK)");
        }
        List<String> command = new ArrayList<>();
        command.add(keytool.toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(directory, "keytool-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(secrets);
            Process process = builder.start();
            boolean ended;
            try {
                ended = process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running keytool " + arguments[0], e);
            }
            if (!ended) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + arguments[0] + " did not finish within "
                        + KEYTOOL_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                // keytool's output names files and aliases, never the passwords (they are in its environment).
                throw new IllegalStateException("keytool " + arguments[0] + " failed with exit code "
                        + process.exitValue() + ": " + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    @Override
    public String toString() {
        return "SelfSignedTls[" + keyStore + ", " + trustStore + "]";
    }
}

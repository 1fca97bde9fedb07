package kz.taza.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Who may sign in to this run: the local identity provider's configuration, written afresh into the run directory
 * (readable by its owner only), with the KPI service as a confidential sign-in client and one analyst, each with a
 * secret made for this run. The provider reads it as an additional configuration file; the KPI service gets the
 * issuer and its client secret in its environment; the analyst's password is shown on the screen.
 */
final class LocalIdentity {

    static final String PROVIDER = "identity-provider";
    static final String KPI_SERVICE = "kpi-service";
    /** The person who signs in to the dashboard. */
    static final String ANALYST = "analyst";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path configFile;
    private final String issuer;
    private final String kpiClientSecret;
    private final String analystPassword;

    private LocalIdentity(Path configFile, String issuer, String kpiClientSecret, String analystPassword) {
        this.configFile = configFile;
        this.issuer = issuer;
        this.kpiClientSecret = kpiClientSecret;
        this.analystPassword = analystPassword;
    }

    /** Writes the provider's configuration for a run whose services are {@code services}. */
    static LocalIdentity write(Path runDir, List<ServiceSpec> services) throws IOException {
        int providerPort = port(services, PROVIDER);
        int kpiPort = port(services, KPI_SERVICE);
        String issuer = "http://localhost:" + providerPort;
        String secret = secret();
        String password = secret().substring(0, 12);
        Path dir = Files.createDirectories(runDir.resolve(PROVIDER));
        Path file = dir.resolve("identity.yml");
        String yaml = String.join("\n",
                "# Written by ./taza up for this run only; the secrets are made anew every run.",
                "spring.security.oauth2.authorizationserver.issuer: " + issuer,
                "taza:",
                "  identity:",
                "    signing-key-file: " + dir.resolve("signing-key.pem"),
                "    clients:",
                "      " + KPI_SERVICE + ":",
                "        secret: " + secret,
                "        grants: [authorization_code, refresh_token]",
                "        redirect-uris:",
                "          - http://localhost:" + kpiPort + "/login/oauth2/code/taza",
                "          - http://127.0.0.1:" + kpiPort + "/login/oauth2/code/taza",
                "        scopes: [openid, profile]",
                "    users:",
                "      " + ANALYST + ":",
                "        password: " + password,
                "        roles: [analyst]",
                "");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the run directory's own permissions protect it
        }
        return new LocalIdentity(file, issuer, secret, password);
    }

    /** What a process of the stack needs to know of the identity provider, in its environment. */
    Map<String, String> environment(ServiceSpec service) {
        return switch (service.name()) {
            case PROVIDER -> Map.of("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + configFile);
            case KPI_SERVICE -> Map.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer,
                    "TAZA_SIGN_IN_CLIENT_SECRET", kpiClientSecret);
            default -> Map.of();
        };
    }

    String analystPassword() {
        return analystPassword;
    }

    private static int port(List<ServiceSpec> services, String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().map(ServiceSpec::port)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not among " + services));
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

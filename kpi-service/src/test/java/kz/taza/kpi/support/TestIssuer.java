package kz.taza.kpi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ConfigurableApplicationContext;

import kz.taza.identity.IdentityProviderApplication;
import kz.taza.platform.test.TestNames;

/**
 * Taza's real identity provider, once per test JVM in this JVM on its own port, with what the KPI service's tests
 * need: the service as a confidential sign-in client, an analyst who signs in with a password, and machine clients
 * holding one role each ({@code test-analyst}, {@code test-agency}, {@code test-officer}). Tests get tokens from its
 * token endpoint over HTTP, as clients of a deployment do.
 *
 * <p>The sign-in client's redirect URI is on the loopback address {@code 127.0.0.1}, whose port the provider lets
 * vary (OAuth 2.1 for native and local clients), so a KPI service on any test port can use it: tests open the
 * dashboard at {@code http://127.0.0.1:<port>/}, while the provider is {@code http://localhost:<port>} — two hosts,
 * two cookie jars.
 */
public final class TestIssuer {

    /** The KPI service's client at the provider. */
    public static final String KPI_CLIENT = "kpi-service";
    public static final String KPI_CLIENT_SECRET = "kpi-service-secret";
    /** A person with the analyst role. */
    public static final String ANALYST = "aigerim";
    public static final String ANALYST_PASSWORD = "analyst-password";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static volatile TestIssuer instance;

    private final String issuer;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    private TestIssuer(String issuer) {
        this.issuer = issuer;
    }

    /** The provider of this JVM, started on first use. */
    public static TestIssuer get() {
        TestIssuer current = instance;
        if (current == null) {
            synchronized (TestIssuer.class) {
                current = instance;
                if (current == null) {
                    current = start();
                    instance = current;
                }
            }
        }
        return current;
    }

    /** The issuer URI tokens carry, which the service is configured with. */
    public String issuer() {
        return issuer;
    }

    /** An access token of the machine client with this one role: analyst, agency or officer. */
    public String token(String role) {
        return tokens.computeIfAbsent(role, r -> requestToken("test-" + r));
    }

    private static TestIssuer start() {
        int port = TestNames.freePort();
        String issuer = "http://localhost:" + port;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.port", port);
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.security.oauth2.authorizationserver.issuer", issuer);
        settings.put("taza.identity.hash-strength", 4);
        settings.put("taza.identity.audience", "taza");
        // The Taza services' auto-configurations and shared defaults are on this class path too: not the provider's.
        settings.put("spring.autoconfigure.exclude", "kz.taza.platform.kafka.TazaKafkaAutoConfiguration,"
                + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration");
        settings.put("management.endpoint.health.validate-group-membership", false);
        String kpi = "taza.identity.clients." + KPI_CLIENT + ".";
        settings.put(kpi + "secret", KPI_CLIENT_SECRET);
        settings.put(kpi + "grants", "authorization_code,refresh_token");
        settings.put(kpi + "redirect-uris", "http://127.0.0.1/login/oauth2/code/taza");
        settings.put(kpi + "scopes", "openid,profile");
        for (String role : new String[] {"analyst", "agency", "officer"}) {
            settings.put("taza.identity.clients.test-" + role + ".secret", "test-" + role + "-secret");
            settings.put("taza.identity.clients.test-" + role + ".roles", role);
        }
        settings.put("taza.identity.users." + ANALYST + ".password", ANALYST_PASSWORD);
        settings.put("taza.identity.users." + ANALYST + ".roles", "analyst");
        // As command-line arguments: they win over the provider's own settings file (its port, for one).
        ConfigurableApplicationContext context = IdentityProviderApplication.start(Map.of(), settings.entrySet()
                .stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        Runtime.getRuntime().addShutdownHook(new Thread(context::close, "test-issuer-shutdown"));
        return new TestIssuer(issuer);
    }

    private String requestToken(String clientId) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientId + "-secret")
                .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("the test issuer refused a token to " + clientId + ": "
                        + response.statusCode() + " " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a token", e);
        }
    }
}

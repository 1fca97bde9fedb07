package kz.taza.simulator.client;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's identities at the identity provider and their tokens: each actor of the scenario calls the services
 * as itself — the officers, inspectors and foresters of the ministry, and every operator's reporting system and AMS
 * gateway as that operator — with a client-credentials token fetched when first needed and renewed before it expires.
 * The secrets are read from the identity file the identity provider was started with ({@link IdentityFile}), never
 * from the command line.
 */
public final class Credentials {

    /** The ministry's officer desk: facility registry and permits. */
    public static final String OFFICER = "simulator-officer";
    /** The inspectors: inspections, fines, orders. */
    public static final String INSPECTOR = "simulator-inspector";
    /** The forestry offices: plans, plantings, surveys. */
    public static final String FORESTER = "simulator-forester";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private record Token(String value, Instant expiresAt) {
    }

    private final URI tokenUri;
    private final Map<String, String> secrets;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Credentials(URI tokenUri, Map<String, String> secrets) {
        this.tokenUri = tokenUri;
        this.secrets = Map.copyOf(secrets);
    }

    /** An operator's reporting system, acting for the operator with this BIN. */
    public static String operator(String bin) {
        return "operator-" + bin;
    }

    /** An operator's AMS gateway, bound to the operator with this BIN. */
    public static String gateway(String bin) {
        return "gateway-" + bin;
    }

    /**
     * From the environment as the local stack sets it: {@code TAZA_IDENTITIES_FILE} (the identity provider's
     * configuration, whose {@code taza.identity.clients.<id>.secret} entries hold the secrets) and
     * {@code TAZA_TOKEN_URI} (default {@code http://localhost:8090/oauth2/token}).
     */
    public static Credentials fromEnvironment(Map<String, String> env) {
        String file = env.get("TAZA_IDENTITIES_FILE");
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("TAZA_IDENTITIES_FILE is not set: the simulator needs the identity "
                    + "provider's configuration to know its clients' secrets (./taza up sets it)");
        }
        return fromFile(Path.of(file), URI.create(env.getOrDefault("TAZA_TOKEN_URI",
                "http://localhost:8090/oauth2/token")));
    }

    /** The clients and secrets of an identity file. */
    public static Credentials fromFile(Path file, URI tokenUri) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identity file " + file, e);
        }
        Map<String, String> secrets = new ConcurrentHashMap<>();
        String prefix = IdentityFile.CLIENTS;
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix) && name.endsWith(".secret")) {
                secrets.put(name.substring(prefix.length(), name.length() - ".secret".length()),
                        properties.getProperty(name));
            }
        }
        return new Credentials(tokenUri, secrets);
    }

    /** A valid bearer token of the client; fetched or renewed as needed. */
    public String token(String clientId) throws IOException, InterruptedException {
        Token token = tokens.get(clientId);
        if (token == null || token.expiresAt().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            token = fetch(clientId);
            tokens.put(clientId, token);
        }
        return token.value();
    }

    /** Forgets a client's token, e.g. after the services refused it (the provider restarted with a new key). */
    public void forget(String clientId) {
        tokens.remove(clientId);
    }

    private Token fetch(String clientId) throws IOException, InterruptedException {
        String secret = secrets.get(clientId);
        if (secret == null) {
            throw new IllegalStateException("the identity file has no client " + clientId);
        }
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenUri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the identity provider refused a token to " + clientId + " ("
                    + response.statusCode() + ")");
        }
        JsonNode body = JSON.readTree(response.body());
        long seconds = body.has("expires_in") ? body.get("expires_in").asLong() : 300;
        return new Token(body.get("access_token").asString(), Instant.now().plusSeconds(seconds));
    }
}

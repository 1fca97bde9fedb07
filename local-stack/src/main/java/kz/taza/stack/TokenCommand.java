package kz.taza.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import kz.taza.simulator.client.IdentityFile;

/**
 * {@code ./taza token <name>}: a bearer token of a local run's identity, printed for curl. A person (officer1,
 * inspector1, ...) signs in as a browser would — the authorization-code grant with PKCE through the identity
 * provider's sign-in page, with the password the run drew for them — and a machine client (a desk, an operator's
 * gateway, a service) gets a client-credentials token. The secrets are read from the newest run's identity file, so
 * nothing secret is ever typed or shown but the token itself.
 */
final class TokenCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final URI issuer;
    private final Properties identities;
    private final HttpClient http;

    TokenCommand(URI issuer, Properties identities) {
        this.issuer = issuer;
        this.identities = identities;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Runs {@code ./taza token <name>}; returns the exit code. */
    static int run(Path root, String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1 || args[0].startsWith("-")) {
            err.println("Usage: ./taza token <name>   (a person: " + LocalIdentities.PEOPLE_NOTE
                    + "; or a client of the run, e.g. simulator-officer)");
            err.println("Prints a bearer token of the newest local run, e.g.");
            err.println("  curl -H \"Authorization: Bearer $(./taza token officer1)\" http://localhost:8081/api/v1/facilities");
            return 2;
        }
        try {
            Path file = newestIdentityFile(root).orElseThrow(() -> new StackException(
                    "No local run with identities under " + root.resolve("local-stack/run") + ": start ./taza up"));
            Properties identities = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                identities.load(reader);
            }
            out.println(new TokenCommand(URI.create(ServiceSpec.IDENTITY_PROVIDER.url()), identities)
                    .token(args[0]));
            return 0;
        } catch (StackException e) {
            err.println("ERROR: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("ERROR: the identity provider at " + ServiceSpec.IDENTITY_PROVIDER.url()
                    + " did not answer (is ./taza up running?): " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The identity file of the newest run directory that has one. */
    static Optional<Path> newestIdentityFile(Path root) throws IOException {
        Path runs = root.resolve("local-stack").resolve("run");
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.map(dir -> dir.resolve(LocalStack.IDENTITY_FILE)).filter(Files::isRegularFile)
                    .max(Comparator.comparing(path -> path.getParent().getParent().getFileName().toString()));
        }
    }

    String token(String name) throws IOException, InterruptedException {
        String password = identities.getProperty(IdentityFile.passwordEntry(name));
        if (password != null) {
            return signIn(name, password);
        }
        String secret = identities.getProperty("taza.identity.clients." + name + ".secret");
        if (secret != null) {
            return clientCredentials(name, secret);
        }
        throw new StackException("The newest run knows no person or client named '" + name + "' (people: "
                + LocalIdentities.PEOPLE_NOTE + ")");
    }

    private String clientCredentials(String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((enc(clientId) + ":" + enc(secret))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        return accessToken(answer, clientId);
    }

    /** The authorization-code grant with PKCE, as a browser goes through it, for a person of the run. */
    private String signIn(String user, String password) throws IOException, InterruptedException {
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String state = random();
        URI authorize = issuer.resolve("/oauth2/authorize?response_type=code&client_id=" + LocalIdentities.CLI_CLIENT
                + "&scope=openid&redirect_uri=" + enc(LocalIdentities.CLI_REDIRECT) + "&state=" + state
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        // Not signed in yet: the provider sends us to its sign-in page, whose form carries a CSRF token.
        http.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(issuer.resolve("/login"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new StackException("The identity provider's sign-in page has no form to fill in");
        }
        HttpResponse<Void> signedIn = http.send(HttpRequest.newBuilder(issuer.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(form(Map.of("username", user, "password", password, "_csrf", csrf.group(1)))).build(),
                HttpResponse.BodyHandlers.discarding());
        String afterSignIn = signedIn.headers().firstValue("Location").orElse("");
        if (afterSignIn.contains("error")) {
            throw new StackException("The identity provider refused to sign " + user + " in");
        }
        HttpResponse<Void> granted = http.send(HttpRequest.newBuilder(authorize).header("Accept", "text/html")
                .build(), HttpResponse.BodyHandlers.discarding());
        String callback = granted.headers().firstValue("Location").orElseThrow(() -> new StackException(
                "The identity provider gave no authorization code (" + granted.statusCode() + ")"));
        Map<String, String> query = query(URI.create(callback));
        if (!state.equals(query.get("state")) || query.get("code") == null) {
            throw new StackException("The identity provider's answer is not for this sign-in: " + callback);
        }
        HttpResponse<String> exchanged = http.send(HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "authorization_code", "client_id", LocalIdentities.CLI_CLIENT,
                        "code", query.get("code"), "redirect_uri", LocalIdentities.CLI_REDIRECT,
                        "code_verifier", verifier))).build(), HttpResponse.BodyHandlers.ofString());
        return accessToken(exchanged, user);
    }

    private static String accessToken(HttpResponse<String> answer, String who) throws IOException {
        if (answer.statusCode() != 200) {
            throw new StackException("The identity provider refused a token to " + who + " (" + answer.statusCode()
                    + ")");
        }
        return JSON.readTree(answer.body()).path("access_token").asText();
    }

    private static Map<String, String> query(URI uri) {
        return Stream.of(Optional.ofNullable(uri.getRawQuery()).orElse("").split("&")).map(p -> p.split("=", 2))
                .filter(p -> p.length == 2)
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8),
                        (a, b) -> a));
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

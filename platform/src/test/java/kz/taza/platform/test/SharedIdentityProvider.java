package kz.taza.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import kz.taza.identity.IdentityProviderApplication;
import kz.taza.platform.security.Role;

/**
 * One real identity provider per test JVM (Taza's local Spring Authorization Server, in this JVM on its own port),
 * started on first use, with a machine client for each role and operator-scoped clients for two operators, and, for a
 * service that signs people in, a sign-in client ({@link #SIGN_IN_CLIENT}) and a person per role ({@link #person}).
 * Tests get real tokens from it over HTTP, as the services' clients do; for tokens no well-behaved issuer hands out
 * (expired, for another audience), {@link #sign} signs claims with the provider's own key.
 */
public final class SharedIdentityProvider {

    /** An operator whose operator and gateway clients exist: {@link #operatorToken}, {@link #gatewayToken}. */
    public static final String OPERATOR_A = "120340000111";
    /** Another operator, for "not your facility" checks. */
    public static final String OPERATOR_B = "120340000222";
    /** The machine client the services under test use for their own calls (reads forwarded to another instance). */
    public static final String SERVICE_CLIENT = "test-service";
    /** Its secret. */
    public static final String SERVICE_SECRET = secretOf(SERVICE_CLIENT);
    /** The audience the provider writes into tokens, and the services accept. */
    public static final String AUDIENCE = "taza";
    /**
     * A confidential authorization-code client (PKCE) that people sign in to a service through. Its redirect URI is
     * {@value #SIGN_IN_REDIRECT} on the loopback address, whose port the provider lets vary (OAuth 2.1 for local
     * clients), so a service on any test port can use it: open it at {@code http://127.0.0.1:<port>/}, while the
     * provider is on {@code localhost}, two hosts with two cookie jars.
     */
    public static final String SIGN_IN_CLIENT = "test-sign-in";
    /** Its secret (a constant, for a test's property annotations). */
    public static final String SIGN_IN_SECRET = "test-sign-in-secret";
    /** Where the provider sends a person back to: Spring's redirect path for the client registration {@code taza}. */
    public static final String SIGN_IN_REDIRECT = "http://127.0.0.1/login/oauth2/code/taza";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*([0-9]+)");
    private static volatile SharedIdentityProvider instance;

    private final String issuer;
    private final Path signingKey;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    private record CachedToken(String value, Instant expiresAt) {
    }

    private SharedIdentityProvider(String issuer, Path signingKey) {
        this.issuer = issuer;
        this.signingKey = signingKey;
    }

    /** The provider of this JVM, started if needed. */
    public static SharedIdentityProvider get() {
        SharedIdentityProvider current = instance;
        if (current == null) {
            synchronized (SharedIdentityProvider.class) {
                current = instance;
                if (current == null) {
                    current = start();
                    instance = current;
                }
            }
        }
        return current;
    }

    /** The issuer URI the services are configured with. */
    public String issuer() {
        return issuer;
    }

    /** A token of the machine client that holds exactly this role. */
    public String token(Role role) {
        if (role.operatorScoped()) {
            throw new IllegalArgumentException(role + " acts for an operator: use operatorToken or gatewayToken");
        }
        return clientToken("test-" + role.claimValue());
    }

    /** A token with every role that reaches all facilities (officer, inspector, forester, analyst, ...). */
    public String staffToken() {
        return clientToken("test-staff");
    }

    /** A token of an operator's reporting system; {@code bin} is {@link #OPERATOR_A} or {@link #OPERATOR_B}. */
    public String operatorToken(String bin) {
        return clientToken("test-operator-" + bin);
    }

    /** A token of an AMS gateway bound to the operator; {@code bin} is {@link #OPERATOR_A} or {@link #OPERATOR_B}. */
    public String gatewayToken(String bin) {
        return clientToken("test-gateway-" + bin);
    }

    /**
     * A person who signs in with a password and holds exactly this role: user name {@code person-<role>}, its
     * password {@link #passwordOf}.
     */
    public String person(Role role) {
        return "person-" + role.claimValue();
    }

    /** The password of a person of {@link #person}. */
    public String passwordOf(String person) {
        return secretOf(person);
    }

    /** A token of a client by id, from the provider's token endpoint (client credentials), cached while valid. */
    public String clientToken(String clientId) {
        CachedToken cached = tokens.get(clientId);
        if (cached != null && cached.expiresAt().isAfter(Instant.now().plusSeconds(60))) {
            return cached.value();
        }
        CachedToken fresh = requestToken(clientId, secretOf(clientId));
        tokens.put(clientId, fresh);
        return fresh.value();
    }

    /**
     * Signs claims with the provider's own key, under the key id its JWK set publishes: a token the services accept
     * as far as the signature goes, for checks of expiry, audience and issuer.
     */
    public String sign(JWTClaimsSet claims) {
        try {
            String pem = Files.readString(signingKey, StandardCharsets.US_ASCII);
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            JWKSet published = JWKSet.load(URI.create(issuer + "/oauth2/jwks").toURL());
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(published.getKeys().get(0).getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException | java.text.ParseException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** Claims of a valid-looking access token for the given roles, to alter before {@link #sign}. */
    public JWTClaimsSet.Builder claims(Set<Role> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("test-forged").audience(AUDIENCE)
                .issueTime(java.util.Date.from(now)).notBeforeTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .claim("roles", roles.stream().map(Role::claimValue).toList())
                .claim("client_id", "test-forged");
    }

    private static String secretOf(String clientId) {
        return clientId + "-secret";
    }

    private static SharedIdentityProvider start() {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            if (!role.operatorScoped()) {
                client(settings, "test-" + role.claimValue(), Set.of(role), null);
            }
        }
        EnumSet<Role> staff = EnumSet.allOf(Role.class);
        staff.removeIf(Role::operatorScoped);
        staff.remove(Role.SERVICE);
        client(settings, "test-staff", staff, null);
        for (String bin : List.of(OPERATOR_A, OPERATOR_B)) {
            client(settings, "test-operator-" + bin, Set.of(Role.OPERATOR), bin);
            client(settings, "test-gateway-" + bin, Set.of(Role.GATEWAY), bin);
        }
        String signIn = "taza.identity.clients." + SIGN_IN_CLIENT + ".";
        settings.put(signIn + "secret", SIGN_IN_SECRET);  // secretOf(SIGN_IN_CLIENT), as every test client's
        settings.put(signIn + "grants", "authorization_code,refresh_token");
        settings.put(signIn + "redirect-uris", SIGN_IN_REDIRECT);
        settings.put(signIn + "scopes", "openid,profile");
        for (Role role : Role.values()) {
            if (!role.operatorScoped() && role != Role.SERVICE) {
                String person = "person-" + role.claimValue();
                settings.put("taza.identity.users." + person + ".password", secretOf(person));
                settings.put("taza.identity.users." + person + ".roles", role.claimValue());
            }
        }
        Launched launched = launch(settings);
        return new SharedIdentityProvider(launched.issuer(), launched.signingKey());
    }

    /** A provider started by {@link #launch}: its issuer URI and the file of its signing key. */
    public record Launched(String issuer, Path signingKey, ConfigurableApplicationContext context) {
    }

    /**
     * Starts another provider in this JVM, on its own port, with the given {@code taza.identity.*} settings (for
     * example {@code spring.config.import=file:<identities>} of a scenario's generated identity file); it stops when
     * the JVM does. The shared one ({@link #get()}) is started the same way.
     */
    public static Launched launch(Map<String, Object> identities) {
        try {
            int port = TestNames.freePort();
            String issuer = "http://localhost:" + port;
            Path keyFile = Files.createTempDirectory("taza-test-identity-").resolve("signing-key.pem");
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("server.port", port);
            settings.put("spring.main.banner-mode", "off");
            settings.put("spring.security.oauth2.authorizationserver.issuer", issuer);
            settings.put("taza.identity.hash-strength", 4);
            settings.put("taza.identity.signing-key-file", keyFile.toString());
            settings.put("taza.identity.audience", AUDIENCE);
            // Longer than any test context lives, so a token a context was given at start stays valid to its end.
            settings.put("taza.identity.access-token-ttl", "PT2H");
            // The Taza services' own auto-configurations are on a service test's class path too: not the provider's.
            settings.put("spring.autoconfigure.exclude", String.join(",",
                    "kz.taza.platform.kafka.TazaKafkaAutoConfiguration",
                    "kz.taza.platform.security.TazaSecurityAutoConfiguration"));
            client(settings, SERVICE_CLIENT, Set.of(Role.SERVICE), null);
            settings.putAll(identities);
            // As command-line arguments: they win over the provider's own settings file (its port, for one).
            ConfigurableApplicationContext context = IdentityProviderApplication.start(Map.of(), settings.entrySet()
                    .stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "identity-provider-shutdown"));
            return new Launched(issuer, keyFile, context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a test identity provider", e);
        }
    }

    private static void client(Map<String, Object> settings, String id, Set<Role> roles, String bin) {
        String prefix = "taza.identity.clients." + id + ".";
        settings.put(prefix + "secret", secretOf(id));
        settings.put(prefix + "roles", String.join(",", roles.stream().map(Role::claimValue).toList()));
        if (bin != null) {
            settings.put(prefix + "operator-bin", bin);
        }
    }

    private CachedToken requestToken(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString(
                (URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret,
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("the test identity provider refused a token to " + clientId + ": "
                        + response.statusCode());
            }
            Matcher expires = EXPIRES_IN.matcher(response.body());
            long seconds = expires.find() ? Long.parseLong(expires.group(1)) : 60;
            return new CachedToken(token.group(1), Instant.now().plusSeconds(seconds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a token", e);
        }
    }
}

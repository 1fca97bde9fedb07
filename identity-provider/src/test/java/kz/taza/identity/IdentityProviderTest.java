package kz.taza.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The provider as a client sees it, over HTTP: client-credentials tokens with Taza's claims, signed by the key the JWK
 * set publishes; refused secrets; a person's sign-in through the login page with PKCE; open health, nothing else open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=identity-provider",
        "taza.identity.hash-strength=4",
        "taza.identity.audience=taza",
        "taza.identity.clients.permit-officer-desk.secret=desk-secret-1",
        "taza.identity.clients.permit-officer-desk.roles=officer",
        "taza.identity.clients.gateway-120340000111.secret=gateway-secret-1",
        "taza.identity.clients.gateway-120340000111.roles=gateway",
        "taza.identity.clients.gateway-120340000111.operator-bin=120340000111",
        "taza.identity.clients.taza-cli.grants=authorization_code",
        "taza.identity.clients.taza-cli.redirect-uris=http://127.0.0.1:1/callback",
        "taza.identity.clients.taza-cli.scopes=openid",
        "taza.identity.users.inspector1.password=inspector-password-1",
        "taza.identity.users.inspector1.roles=inspector"})
class IdentityProviderTest {

    @LocalServerPort
    int port;

    @Autowired
    ExpiringAuthorizationService authorizations;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void machineClientGetsSignedTokenWithItsRolesAndAudience() throws Exception {
        HttpResponse<String> response = token("permit-officer-desk", "desk-secret-1");
        assertThat(response.statusCode()).isEqualTo(200);
        SignedJWT jwt = SignedJWT.parse(json.readTree(response.body()).get("access_token").asString());

        assertThat(jwt.verify(new RSASSAVerifier(publishedKey(jwt.getHeader().getKeyID())))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("permit-officer-desk");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("taza");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim(TazaClaims.ROLES)).containsExactly("officer");
        assertThat(jwt.getJWTClaimsSet().getStringClaim(TazaClaims.CLIENT_ID)).isEqualTo("permit-officer-desk");
        assertThat(jwt.getJWTClaimsSet().getClaim(TazaClaims.OPERATOR_BIN)).isNull();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(discovery().get("issuer").asString());
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(jwt.getJWTClaimsSet().getIssueTime());
    }

    @Test
    void gatewayTokenNamesTheOperatorItActsFor() throws Exception {
        HttpResponse<String> response = token("gateway-120340000111", "gateway-secret-1");
        SignedJWT jwt = SignedJWT.parse(json.readTree(response.body()).get("access_token").asString());

        assertThat(jwt.getJWTClaimsSet().getStringListClaim(TazaClaims.ROLES)).containsExactly("gateway");
        assertThat(jwt.getJWTClaimsSet().getStringClaim(TazaClaims.OPERATOR_BIN)).isEqualTo("120340000111");
    }

    @Test
    void wrongSecretAndUnknownClientAreRefused() throws Exception {
        assertThat(token("permit-officer-desk", "not-the-secret").statusCode()).isEqualTo(401);
        assertThat(token("nobody", "whatever").statusCode()).isEqualTo(401);
    }

    @Test
    void onlyHealthIsOpen() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(uri("/actuator/env"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as("a machine is refused, not sent to a sign-in page").isEqualTo(401);
    }

    @Test
    void personSignsInWithTheAuthorizationCodeAndPkce() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String verifier = "a-verifier-of-enough-length-for-pkce-0123456789abcdef";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = "/oauth2/authorize?response_type=code&client_id=taza-cli&scope=openid"
                + "&redirect_uri=" + enc("http://127.0.0.1:1/callback") + "&state=s1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        // Not signed in: the authorize endpoint sends the browser to the sign-in page.
        HttpResponse<String> first = browser.send(HttpRequest.newBuilder(uri(authorize)).header("Accept", "text/html")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the sign-in page carries a CSRF token: " + page.body()).isTrue();
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("username", "inspector1", "password", "inspector-password-1",
                        "_csrf", csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);

        HttpResponse<String> granted = browser.send(HttpRequest.newBuilder(uri(authorize)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(granted.statusCode()).isEqualTo(302);
        URI callback = URI.create(granted.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getQuery()).contains("state=s1");
        String code = query(callback).get("code");

        HttpResponse<String> exchanged = http.send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "authorization_code", "client_id", "taza-cli", "code", code,
                        "redirect_uri", "http://127.0.0.1:1/callback", "code_verifier", verifier))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        JsonNode tokens = json.readTree(exchanged.body());
        SignedJWT access = SignedJWT.parse(tokens.get("access_token").asString());
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("inspector1");
        assertThat(access.getJWTClaimsSet().getStringListClaim(TazaClaims.ROLES)).containsExactly("inspector");
        assertThat(access.getJWTClaimsSet().getAudience()).containsExactly("taza");
        assertThat(tokens.has("refresh_token")).as("a public client holds no long-lived credential").isFalse();
        assertThat(tokens.has("id_token")).isTrue();
    }

    @Test
    void codeExchangeWithoutTheVerifierIsRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "authorization_code", "client_id", "taza-cli", "code", "made-up",
                        "redirect_uri", "http://127.0.0.1:1/callback"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(400, 401);
    }

    @Test
    void issuedAuthorizationsAreHeldUntilTheyExpire() throws Exception {
        int before = authorizations.size();
        token("permit-officer-desk", "desk-secret-1");
        assertThat(authorizations.size()).isEqualTo(before + 1);
        authorizations.forgetExpired();
        assertThat(authorizations.size()).as("a fresh token is not forgotten").isEqualTo(before + 1);
    }

    private HttpResponse<String> token(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "client_credentials"))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode discovery() throws Exception {
        return json.readTree(get("/.well-known/openid-configuration").body());
    }

    private RSAKey publishedKey(String keyId) throws Exception {
        String jwksUri = discovery().get("jwks_uri").asString();
        JWKSet set = JWKSet.parse(http.send(HttpRequest.newBuilder(URI.create(jwksUri)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        RSAKey key = set.getKeyByKeyId(keyId).toRSAKey();
        assertThat(key.isPrivate()).as("the JWK set publishes the public key only").isFalse();
        return key;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        return List.of(uri.getRawQuery().split("&")).stream().map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}

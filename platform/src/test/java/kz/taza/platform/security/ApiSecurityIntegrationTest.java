package kz.taza.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestNames;

/**
 * A Taza application's API as callers meet it, against the real identity provider: no token, a malformed, expired,
 * foreign-audience or foreign-key token is a 401 problem document; a valid token without the endpoint's role a 403
 * naming the roles it needs; an endpoint with no rule is refused to everyone; management is on its own port, where
 * the probes and the scrape are open and everything else needs the operations role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityIntegrationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        Controller controller() {
            return new Controller();
        }
    }

    @RestController
    static class Controller {
        static int permitsIssued;

        @PostMapping("/api/v1/test/permits")
        @Allow(Role.OFFICER)
        String issue() {
            permitsIssued++;
            return Actor.current().map(Actor::subject).orElse("nobody");
        }

        @GetMapping("/api/v1/test/reads")
        @Allow({Role.ANALYST, Role.OFFICER})
        String read() {
            return "read";
        }

        @GetMapping("/api/v1/test/forgotten")
        String noRule() {
            return "should never be answered";
        }
    }

    private final SharedIdentityProvider identity = SharedIdentityProvider.get();
    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext app;
    private int port;
    private int managementPort;

    @BeforeAll
    void start() {
        app = new SpringApplicationBuilder(App.class).properties(platformLogin()).properties(Map.of(
                "server.port", "0",
                "management.server.port", Integer.toString(TestNames.freePort()),
                "spring.main.banner-mode", "off",
                "spring.application.name", TestNames.unique("security-test"),
                "spring.kafka.bootstrap-servers", SharedKafkaBroker.get().bootstrapServers(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", identity.issuer())).run();
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        managementPort = app.getEnvironment().getRequiredProperty("management.server.port", Integer.class);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void withoutATokenTheAnswerIs401AndNothingHappens() throws Exception {
        int before = Controller.permitsIssued;
        HttpResponse<String> response = post("/api/v1/test/permits", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("/problems/unauthenticated");
        assertThat(Controller.permitsIssued).isEqualTo(before);
    }

    /**
     * Unless {@code taza.security.open-api-public} turns them on, the OpenAPI documents are not served: without a token
     * they are a 401 like any path, and with one there is none (the services' own contract tests run with them on).
     */
    @Test
    void theOpenApiDocumentIsNotServedUnlessAskedFor() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        assertThat(get("/v3/api-docs", identity.token(Role.OFFICER)).statusCode()).isNotEqualTo(200);
    }

    @Test
    void noTokenEverReachesTheLog(CapturedOutput output) throws Exception {
        String valid = identity.token(Role.OFFICER);
        String expired = identity.sign(identity.claims(Set.of(Role.OFFICER))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .issueTime(Date.from(Instant.now().minusSeconds(1200))).build());
        post("/api/v1/test/permits", valid);
        post("/api/v1/test/permits", expired);
        get("/api/v1/test/forgotten", valid);

        assertThat(output.getAll()).doesNotContain(valid).doesNotContain(expired)
                .doesNotContain(valid.substring(valid.lastIndexOf('.') + 1));
    }

    @Test
    void malformedExpiredForeignAudienceAndForeignKeyTokensAre401() throws Exception {
        String expired = identity.sign(identity.claims(Set.of(Role.OFFICER))
                .expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .issueTime(Date.from(Instant.now().minusSeconds(1200))).build());
        String otherAudience = identity.sign(identity.claims(Set.of(Role.OFFICER)).audience("another-system").build());
        String otherIssuer = identity.sign(identity.claims(Set.of(Role.OFFICER)).issuer("http://evil.example").build());
        String unsigned = identity.token(Role.OFFICER);
        unsigned = unsigned.substring(0, unsigned.lastIndexOf('.') + 1) + "AAAA";

        for (String token : new String[] {"not-a-jwt", expired, otherAudience, otherIssuer, unsigned}) {
            HttpResponse<String> response = post("/api/v1/test/permits", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).contains("/problems/unauthenticated").doesNotContain(token);
        }
    }

    @Test
    void aValidTokenWithoutTheRoleIs403NamingTheRoleAndNothingHappens() throws Exception {
        int before = Controller.permitsIssued;
        HttpResponse<String> response = post("/api/v1/test/permits", identity.token(Role.ANALYST));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("/problems/forbidden").contains("\"requiredRoles\":[\"officer\"]")
                .contains("analyst");
        assertThat(Controller.permitsIssued).isEqualTo(before);
    }

    @Test
    void theRightRoleIsLetInAndTheActorIsKnown() throws Exception {
        HttpResponse<String> response = post("/api/v1/test/permits", identity.token(Role.OFFICER));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("test-officer");
        assertThat(get("/api/v1/test/reads", identity.token(Role.ANALYST)).statusCode()).isEqualTo(200);
    }

    @Test
    void anEndpointWithoutARuleIsRefusedToEveryone() throws Exception {
        HttpResponse<String> response = get("/api/v1/test/forgotten", identity.staffToken());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("no access rule").doesNotContain("should never be answered");
    }

    @Test
    void aTokenThatCannotBeCheckedBecauseTheIssuerIsUnreachableIs503NotA500() throws Exception {
        // given a service whose identity provider does not answer (nothing listens where it should be)
        try (ConfigurableApplicationContext lonely = new SpringApplicationBuilder(App.class).properties(platformLogin()).properties(Map.of(
                "server.port", "0",
                "spring.main.banner-mode", "off",
                "spring.application.name", TestNames.unique("security-test"),
                "spring.kafka.bootstrap-servers", SharedKafkaBroker.get().bootstrapServers(),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "http://localhost:" + TestNames.freePort())).run()) {
            int lonelyPort = ((WebServerApplicationContext) lonely).getWebServer().getPort();
            // when a caller brings a token
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + lonelyPort
                    + "/api/v1/test/reads")).GET(), identity.token(Role.ANALYST));

            // then it is asked to retry, and nothing was answered as if the token were bad
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains(SecurityProblems.UNAVAILABLE);
        }
    }

    @Test
    void managementHasItsOwnPortWithOpenProbesAndScrape() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode())
                .as("management is not on the API port").isIn(401, 404);
        assertThat(management("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(management("/actuator/prometheus", null).statusCode()).isEqualTo(200);
        HttpResponse<String> health = management("/actuator/health", null);
        assertThat(health.body()).as("no details without a token").doesNotContain("components");
        assertThat(management("/actuator/health", identity.token(Role.OPERATIONS)).body()).contains("components");
        assertThat(management("/actuator/info", identity.token(Role.ANALYST)).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), token);
    }

    private HttpResponse<String> management(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path)).GET(), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The platform test application's Kafka login (the builder's properties, beside the test's own). */
    private static Map<String, Object> platformLogin() {
        return Map.copyOf(SharedKafkaBroker.get().login(kz.taza.platform.PlatformTestPrincipals.NAME)
                .springProperties());
    }
}

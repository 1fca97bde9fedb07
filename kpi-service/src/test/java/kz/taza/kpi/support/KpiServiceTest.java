package kz.taza.kpi.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.platform.test.TazaServiceTest;

/**
 * The whole KPI service on the shared broker, trusting the JVM's {@link TestIssuer}, ready (its Streams application
 * running) before each test.
 */
@TazaServiceTest
@AutoConfigureRestTestClient
public abstract class KpiServiceTest {

    @Autowired
    protected RestTestClient http;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIssuer.get().issuer());
        registry.add("taza.sign-in.client-id", () -> TestIssuer.KPI_CLIENT);
        registry.add("taza.sign-in.client-secret", () -> TestIssuer.KPI_CLIENT_SECRET);
        registry.add("taza.kpi.live-interval", () -> "100ms");
    }

    @BeforeEach
    void serviceIsReady() {
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    /** The bearer header of a machine client holding the role. */
    protected static String bearer(String role) {
        return "Bearer " + TestIssuer.get().token(role);
    }
}

package kz.taza.kpi.support;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.platform.security.Role;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.test.TazaServiceTest;

/**
 * The whole KPI service on the shared broker, trusting the JVM's {@link SharedIdentityProvider}, ready (its Streams
 * application running) before each test.
 */
@TazaServiceTest
@AutoConfigureRestTestClient
@KpiTestSettings
public abstract class KpiServiceTest {

    @Autowired
    protected RestTestClient http;

    @LocalManagementPort
    protected int managementPort;

    /** The service's management server: probes and metrics, on a port of their own. */
    protected RestTestClient management;

    @BeforeEach
    void serviceIsReady() {
        management = RestTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }

    /** The bearer header of a machine client holding the role ({@code analyst}, {@code agency}, ...). */
    protected static String bearer(String role) {
        return "Bearer " + SharedIdentityProvider.get().token(Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)));
    }
}

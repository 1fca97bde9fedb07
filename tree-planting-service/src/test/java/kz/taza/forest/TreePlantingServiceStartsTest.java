package kz.taza.forest;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;

import kz.taza.platform.test.ServiceStartsContract;

/** The tree-planting-service starts against the shared broker, with probes and metrics. */
class TreePlantingServiceStartsTest extends ServiceStartsContract {

    /**
     * This service runs a Streams application, so it is ready only once that application is RUNNING (its first
     * rebalance takes seconds on the shared broker); the contract's checks then hold.
     */
    @BeforeEach
    void streamsApplicationIsRunning() {
        Awaitility.await("readiness").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
    }
}

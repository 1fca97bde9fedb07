package kz.taza.permit;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import kz.taza.platform.test.ServiceStartsContract;

/** The permit-service starts against the shared broker, with probes and metrics. */
class PermitServiceStartsTest extends ServiceStartsContract {

    /**
     * Readiness is honestly DOWN until the Streams application (command processor, registry, KPIs) is RUNNING, which
     * takes a few seconds after the context is up; the probes must come UP within a bound.
     */
    @Override
    @Test
    protected void answersItsLivenessAndReadinessProbes() {
        Awaitility.await("probes UP").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(super::answersItsLivenessAndReadinessProbes);
    }
}

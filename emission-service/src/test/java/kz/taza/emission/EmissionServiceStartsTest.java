package kz.taza.emission;

import kz.taza.platform.test.ServiceStartsContract;

/** The emission-service starts against the shared broker, with probes and metrics. */
class EmissionServiceStartsTest extends ServiceStartsContract {
}

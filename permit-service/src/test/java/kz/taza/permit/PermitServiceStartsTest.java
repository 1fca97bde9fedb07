package kz.taza.permit;

import kz.taza.platform.test.ServiceStartsContract;

/** The permit-service starts against the shared broker, with probes and metrics. */
class PermitServiceStartsTest extends ServiceStartsContract {
}

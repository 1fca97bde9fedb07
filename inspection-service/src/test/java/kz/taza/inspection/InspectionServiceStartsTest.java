package kz.taza.inspection;

import kz.taza.platform.test.ServiceStartsContract;

/** The inspection-service starts against the shared broker, with probes and metrics. */
class InspectionServiceStartsTest extends ServiceStartsContract {
}

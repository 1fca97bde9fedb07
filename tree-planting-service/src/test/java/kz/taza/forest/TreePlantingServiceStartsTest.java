package kz.taza.forest;

import kz.taza.platform.test.ServiceStartsContract;

/** The tree-planting-service starts against the shared broker, with probes and metrics. */
class TreePlantingServiceStartsTest extends ServiceStartsContract {
}

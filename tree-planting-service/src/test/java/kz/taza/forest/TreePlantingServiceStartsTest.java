package kz.taza.forest;

import org.springframework.test.context.TestPropertySource;

import kz.taza.platform.test.ServiceStartsContract;

/** The tree-planting-service starts against the shared broker, with probes, metrics and its OpenAPI document. */
// its OpenAPI document is checked against docs/openapi/ (ServiceStartsContract)
@TestPropertySource(properties = "taza.security.open-api-public=true")
class TreePlantingServiceStartsTest extends ServiceStartsContract {
}

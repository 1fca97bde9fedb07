package kz.taza.kpi;

import org.springframework.test.context.TestPropertySource;

import kz.taza.kpi.support.KpiTestSettings;
import kz.taza.platform.test.ServiceStartsContract;

/**
 * The KPI service starts against the shared broker like every Taza service: probes and metrics on its management
 * port, every endpoint held to its access rule for bearer tokens, its OpenAPI document the one checked in.
 */
@KpiTestSettings
// its OpenAPI document is checked against docs/openapi/ (ServiceStartsContract)
@TestPropertySource(properties = "taza.security.open-api-public=true")
class KpiServiceStartsTest extends ServiceStartsContract {
}

package kz.taza.kpi;

import kz.taza.kpi.support.KpiTestSettings;
import kz.taza.platform.test.ServiceStartsContract;

/**
 * The KPI service starts against the shared broker like every Taza service: probes and metrics on its management
 * port, every endpoint held to its access rule for bearer tokens, the OpenAPI document only when asked for.
 */
@KpiTestSettings
class KpiServiceStartsTest extends ServiceStartsContract {
}

package kz.taza.simulator.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the four services answer: their APIs, and their management servers (probes) on ports of their own. From the
 * environment as the local stack sets it ({@code TAZA_PERMIT_SERVICE_URL}, {@code TAZA_EMISSION_SERVICE_URL},
 * {@code TAZA_INSPECTION_SERVICE_URL}, {@code TAZA_TREE_PLANTING_SERVICE_URL}, and the same with
 * {@code _MANAGEMENT_URL}), defaulting to the local stack's ports 8081–8084 and 9081–9084.
 */
public record Endpoints(URI permit, URI emission, URI inspection, URI forest, Map<String, URI> managementByService) {

    public Endpoints {
        managementByService = Map.copyOf(managementByService);
    }

    public static Endpoints fromEnvironment(Map<String, String> env) {
        return new Endpoints(
                uri(env, "TAZA_PERMIT_SERVICE_URL", "http://localhost:8081"),
                uri(env, "TAZA_EMISSION_SERVICE_URL", "http://localhost:8082"),
                uri(env, "TAZA_INSPECTION_SERVICE_URL", "http://localhost:8083"),
                uri(env, "TAZA_TREE_PLANTING_SERVICE_URL", "http://localhost:8084"),
                Map.of("permit-service", uri(env, "TAZA_PERMIT_SERVICE_MANAGEMENT_URL", "http://localhost:9081"),
                        "emission-service", uri(env, "TAZA_EMISSION_SERVICE_MANAGEMENT_URL", "http://localhost:9082"),
                        "inspection-service",
                        uri(env, "TAZA_INSPECTION_SERVICE_MANAGEMENT_URL", "http://localhost:9083"),
                        "tree-planting-service",
                        uri(env, "TAZA_TREE_PLANTING_SERVICE_MANAGEMENT_URL", "http://localhost:9084")));
    }

    private static URI uri(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    /** The services' APIs by name. */
    public Map<String, URI> byService() {
        Map<String, URI> all = new LinkedHashMap<>();
        all.put("permit-service", permit);
        all.put("emission-service", emission);
        all.put("inspection-service", inspection);
        all.put("tree-planting-service", forest);
        return all;
    }

    /** The management server of a service, for its readiness. */
    public URI management(String service) {
        URI uri = managementByService.get(service);
        if (uri == null) {
            throw new IllegalArgumentException("no management server known for " + service);
        }
        return uri;
    }

    public static URI at(URI base, String path) {
        return URI.create(base.toString() + path);
    }
}

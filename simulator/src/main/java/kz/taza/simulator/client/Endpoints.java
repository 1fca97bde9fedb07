package kz.taza.simulator.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the four services answer. From the environment as the local stack sets it ({@code TAZA_PERMIT_SERVICE_URL},
 * {@code TAZA_EMISSION_SERVICE_URL}, {@code TAZA_INSPECTION_SERVICE_URL}, {@code TAZA_TREE_PLANTING_SERVICE_URL}),
 * defaulting to the local stack's ports 8081–8084.
 */
public record Endpoints(URI permit, URI emission, URI inspection, URI forest) {

    public static Endpoints fromEnvironment(Map<String, String> env) {
        return new Endpoints(
                uri(env, "TAZA_PERMIT_SERVICE_URL", "http://localhost:8081"),
                uri(env, "TAZA_EMISSION_SERVICE_URL", "http://localhost:8082"),
                uri(env, "TAZA_INSPECTION_SERVICE_URL", "http://localhost:8083"),
                uri(env, "TAZA_TREE_PLANTING_SERVICE_URL", "http://localhost:8084"));
    }

    private static URI uri(Map<String, String> env, String name, String fallback) {
        String value = env.getOrDefault(name, fallback);
        return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }

    /** The services by name, for the readiness wait. */
    public Map<String, URI> byService() {
        Map<String, URI> all = new LinkedHashMap<>();
        all.put("permit-service", permit);
        all.put("emission-service", emission);
        all.put("inspection-service", inspection);
        all.put("tree-planting-service", forest);
        return all;
    }

    public static URI at(URI base, String path) {
        return URI.create(base.toString() + path);
    }
}

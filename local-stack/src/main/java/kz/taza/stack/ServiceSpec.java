package kz.taza.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the processes the local stack runs from a module's Spring Boot jar (the identity provider, the four domain
 * services and the KPI service): its Maven module, the jar that module builds, and its port.
 *
 * @param name   the module name, e.g. {@code permit-service}
 * @param port   the HTTP port (REST API, OpenAPI, actuator)
 */
public record ServiceSpec(String name, int port) {

    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** In start order, on their default ports: the identity provider first, whose tokens the others trust. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec(LocalIdentity.PROVIDER, 8090),
                new ServiceSpec("permit-service", 8081),
                new ServiceSpec("emission-service", 8082),
                new ServiceSpec("inspection-service", 8083),
                new ServiceSpec("tree-planting-service", 8084),
                new ServiceSpec(LocalIdentity.KPI_SERVICE, 8085));
    }

    /**
     * The executable jar the module's {@code package} phase builds: Spring Boot's repackaged jar, the {@code exec}
     * classifier (the module's main artifact stays a plain jar, see the root POM).
     */
    public Path jar(Path root) {
        return root.resolve(name).resolve("target").resolve(name + "-" + VERSION + "-exec.jar");
    }

    /** The flag that moves this service's port, e.g. {@code --permit-port}, {@code --identity-provider-port}. */
    public String portFlag() {
        return "--" + name.replace("-service", "") + "-port";
    }

    public ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, newPort);
    }

    public String readinessUrl() {
        return "http://localhost:" + port + "/actuator/health/readiness";
    }
}

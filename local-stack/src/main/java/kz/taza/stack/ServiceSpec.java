package kz.taza.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the four services as the local stack runs it: its Maven module, the jar that module builds, and its port.
 *
 * @param name   the module name, e.g. {@code permit-service}
 * @param port   the HTTP port (REST API, OpenAPI, actuator)
 */
public record ServiceSpec(String name, int port) {

    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** The four services in start order, on their default ports. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec("permit-service", 8081),
                new ServiceSpec("emission-service", 8082),
                new ServiceSpec("inspection-service", 8083),
                new ServiceSpec("tree-planting-service", 8084));
    }

    /**
     * The executable jar the module's {@code package} phase builds: Spring Boot's repackaged jar, the {@code exec}
     * classifier (the module's main artifact stays a plain jar, see the root POM).
     */
    public Path jar(Path root) {
        return root.resolve(name).resolve("target").resolve(name + "-" + VERSION + "-exec.jar");
    }

    /** The flag that moves this service's port, e.g. {@code --permit-port}. */
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

package kz.taza.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the services as the local stack runs it: its Maven module, the jar that module builds, its API port and its
 * management port (probes, metrics: the API port + {@value #MANAGEMENT_OFFSET}, on a server of its own).
 *
 * @param name           the module name, e.g. {@code permit-service}
 * @param port           the HTTP port of the REST API
 * @param managementPort the HTTP port of the management server (actuator)
 */
public record ServiceSpec(String name, int port, int managementPort) {

    public static final String VERSION = "0.1.0-SNAPSHOT";
    /** How far above its API port a service's management server listens. */
    public static final int MANAGEMENT_OFFSET = 1000;
    /** The local identity provider: one server, API and health together. */
    public static final ServiceSpec IDENTITY_PROVIDER = new ServiceSpec("identity-provider", 8090, 8090);
    /** The analysts' KPI service, where people sign in to the dashboard. */
    public static final String KPI_SERVICE = "kpi-service";

    /** A service on {@code port}, its management server {@value #MANAGEMENT_OFFSET} above. */
    public ServiceSpec(String name, int port) {
        this(name, port, port + MANAGEMENT_OFFSET);
    }

    /** The four domain services and the KPI service, in start order, on their default ports. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec("permit-service", 8081),
                new ServiceSpec("emission-service", 8082),
                new ServiceSpec("inspection-service", 8083),
                new ServiceSpec("tree-planting-service", 8084),
                new ServiceSpec(KPI_SERVICE, 8085));
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

    /** How far apart the ports of a service's instances are, when it runs several behind a {@link ServiceFront}. */
    public static final int INSTANCE_PORT_STEP = 100;

    /**
     * Where instance {@code index} (from 0) listens when the service runs several: its API port
     * {@value #INSTANCE_PORT_STEP} &times; (index + 1) above the service's (e.g. 8182, 8282, 8382 for 8082), its
     * management port as far above that as the service's; the service's own ports are then its front's.
     */
    public ServiceSpec instance(int index) {
        return withPort(port + INSTANCE_PORT_STEP * (index + 1));
    }

    public ServiceSpec withPort(int newPort) {
        return new ServiceSpec(name, newPort, newPort + (managementPort - port));
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public String readinessUrl() {
        return managementUrl() + "/actuator/health/readiness";
    }
}

package kz.taza.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kz.taza.stack.ManagedProcess;
import kz.taza.stack.PortCheck;

/**
 * emission-service itself, from its executable jar, in a process of its own against the benchmark's broker: what a
 * gateway's HTTP POST meets. It runs with its own defaults (full JIT, a 512 MiB heap as the local stack gives it)
 * except for what the benchmark must set: the connection, its ports (API and management), the identity provider it
 * trusts and its own client's secret ({@link BenchIdentities}), a fresh state directory and application id, and its
 * Streams application starting at the end of the readings topic (it is there to take in the readings posted to it,
 * not the throughput rounds' backlog).
 */
final class ServiceProcess implements AutoCloseable {

    private final ManagedProcess process;
    private final URI base;
    private final URI management;

    private ServiceProcess(ManagedProcess process, URI base, URI management) {
        this.process = process;
        this.base = base;
        this.management = management;
    }

    static ServiceProcess start(Path execJar, BenchConnection connection, BenchIdentities identities,
            String applicationId, Path stateDir, Path logFile) throws IOException {
        if (!Files.isRegularFile(execJar)) {
            throw new IllegalStateException("emission-service's executable jar is missing: " + execJar
                    + "\n  Build it with: mvn -B -pl benchmarks -am package -DskipTests");
        }
        int port = PortCheck.freePort();
        int managementPort = PortCheck.freePort();
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xmx512m", "-jar",
                execJar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + identities.issuer(),
                "--spring.kafka.bootstrap-servers=" + connection.bootstrapServers(),
                "--spring.kafka.streams.application-id=" + applicationId,
                "--spring.kafka.streams.properties.auto.offset.reset=latest",
                "--taza.streams.state-dir=" + stateDir.toAbsolutePath()));
        for (Map.Entry<String, String> setting : connection.settings().entrySet()) {
            command.add("--spring.kafka.properties." + setting.getKey() + "=" + setting.getValue());
        }
        // The secret in the environment, not on the command line that every process of the machine can read.
        Map<String, String> environment = Map.of("TAZA_SECURITY_CLIENT_SECRET", identities.serviceSecret());
        return new ServiceProcess(ManagedProcess.start(BenchIdentities.SERVICE, command, environment,
                stateDir.toAbsolutePath().getParent(), logFile), URI.create("http://localhost:" + port),
                URI.create("http://localhost:" + managementPort));
    }

    URI base() {
        return base;
    }

    /** Waits until the service's readiness probe answers 200 (its Streams application RUNNING). */
    void awaitReady(Duration timeout) throws InterruptedException {
        awaitUp(process, management.resolve("/actuator/health/readiness"), timeout);
    }

    /** Waits until {@code probe} of the process answers 200; fails when the process ends first or time is up. */
    static void awaitUp(ManagedProcess process, URI probe, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " ended (exit " + process.exitCode().orElse(-1)
                        + ") before it was ready; see " + process.logFile());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(process.name() + " not ready within " + timeout.toSeconds()
                        + " s; see " + process.logFile());
            }
            Thread.sleep(250); // the poll interval of the readiness probe, not a wait for an outcome
        }
    }

    /** Stops the service as an orchestrator does (SIGTERM, then SIGKILL after a grace period). */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(40));
    }
}

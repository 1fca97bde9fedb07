package kz.taza.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import kz.taza.simulator.client.Credentials;
import kz.taza.simulator.client.IdentityFile;
import kz.taza.stack.IdentityProviderLaunch;
import kz.taza.stack.ManagedProcess;
import kz.taza.stack.PortCheck;

/**
 * The identity provider of the HTTP phase, started by the benchmark as the local stack starts it
 * ({@link IdentityProviderLaunch}) in a process of its own, with the identities of the run: an AMS gateway for every
 * operator of the fleet, bound to its BIN (emission-service takes readings only from the gateway of the facility's
 * operator), and emission-service's own client. The secrets are drawn for the run and stay in the work directory's
 * identity file; the probe reads them from there and signs in with client credentials, as the simulator does
 * ({@link Credentials}).
 */
final class BenchIdentities implements AutoCloseable {

    /** The service the identities are made for. */
    static final String SERVICE = "emission-service";

    private final ManagedProcess process;
    private final Path file;
    private final String issuer;
    private final String serviceSecret;

    private BenchIdentities(ManagedProcess process, Path file, String issuer, String serviceSecret) {
        this.process = process;
        this.file = file;
        this.issuer = issuer;
        this.serviceSecret = serviceSecret;
    }

    /** The client id of the AMS gateway of facility {@code f}'s operator. */
    static String gateway(Fleet fleet, int f) {
        return Credentials.gateway(fleet.operatorBin(f));
    }

    /** Writes the run's identities under {@code dir} and starts the provider from {@code jar}. */
    static BenchIdentities start(Path jar, Fleet fleet, Path dir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the identity provider's executable jar is missing: " + jar
                    + "\n  Build it with: mvn -B -pl benchmarks -am package -DskipTests");
        }
        Files.createDirectories(dir);
        IdentityFile identities = IdentityFile.empty();
        for (int f = 0; f < fleet.facilityCount(); f++) {
            identities.client(gateway(fleet, f), Set.of("gateway"), fleet.operatorBin(f));
        }
        String serviceSecret = identities.client(SERVICE, Set.of("service"), null);
        Path file = identities.write(dir.resolve("identities.properties"));
        int port = PortCheck.freePort();
        ManagedProcess process = ManagedProcess.start("identity-provider",
                IdentityProviderLaunch.command(jar.toAbsolutePath(), port, file, dir.resolve("signing-key.pem")),
                Map.of(), dir, dir.resolve("identity-provider.log"));
        return new BenchIdentities(process, file, IdentityProviderLaunch.issuer(port), serviceSecret);
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        ServiceProcess.awaitUp(process, URI.create(issuer + "/actuator/health/readiness"), timeout);
    }

    /** What the services trust. */
    String issuer() {
        return issuer;
    }

    /** Where clients ask for their tokens. */
    URI tokenUri() {
        return URI.create(issuer + "/oauth2/token");
    }

    /** The identity file, with every client's secret. */
    Path file() {
        return file;
    }

    /** emission-service's own client secret. */
    String serviceSecret() {
        return serviceSecret;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}

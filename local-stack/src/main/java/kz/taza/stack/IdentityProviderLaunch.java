package kz.taza.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * How the identity provider runs from its executable jar wherever this project starts it itself (the local stack, the
 * benchmark): a small heap and quick start-up, its identities from a properties file of {@code taza.identity.*}
 * entries (the simulator's {@code IdentityFile}), and a signing key kept in a file, so that a provider restarted on the
 * same file goes on signing tokens the services already trust.
 */
public final class IdentityProviderLaunch {

    private IdentityProviderLaunch() {
    }

    /**
     * The command line.
     *
     * @param jar            the identity provider's executable jar
     * @param port           where it listens, API and health alike; its issuer is {@link #issuer(int)}
     * @param identityFile   the identities it knows
     * @param signingKeyFile where its signing key is kept (made on first start)
     */
    public static List<String> command(Path jar, int port, Path identityFile, Path signingKeyFile) {
        return List.of(ManagedProcess.javaExecutable(), "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-jar", jar.toString(),
                "--server.port=" + port,
                "--spring.security.oauth2.authorizationserver.issuer=" + issuer(port),
                "--spring.config.import=file:" + identityFile,
                "--taza.identity.signing-key-file=" + signingKeyFile);
    }

    /** The issuer of the provider listening on {@code port}: what the services are told to trust. */
    public static String issuer(int port) {
        return "http://localhost:" + port;
    }
}

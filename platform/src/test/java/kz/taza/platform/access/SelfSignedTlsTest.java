package kz.taza.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker certificate made at start: stores that open with their passwords, for localhost, owner-only. */
class SelfSignedTlsTest {

    @TempDir
    Path directory;

    @Test
    void givenADirectoryWhenGeneratedTheKeyStoreHoldsAKeyPairForLocalhostAndTheTrustStoreItsCertificate()
            throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate(directory.resolve("tls"), Duration.ofDays(2));

        KeyStore keys = load(tls.keyStore().location(), tls.keyStore().password());
        assertThat(keys.isKeyEntry(SelfSignedTls.ALIAS)).isTrue();
        assertThat(keys.getKey(SelfSignedTls.ALIAS, tls.keyStore().password().toCharArray()))
                .isInstanceOf(PrivateKey.class);
        X509Certificate certificate = (X509Certificate) keys.getCertificate(SelfSignedTls.ALIAS);
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectAlternativeNames())
                .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(certificate.getNotAfter().toInstant())
                .isBefore(Instant.now().plus(Duration.ofDays(3)))
                .isAfter(Instant.now().plus(Duration.ofDays(1)));

        KeyStore trust = load(tls.trustStore().location(), tls.trustStore().password());
        assertThat(trust.isCertificateEntry(SelfSignedTls.ALIAS)).isTrue();
        assertThat(trust.getCertificate(SelfSignedTls.ALIAS)).isEqualTo(certificate);
        assertThat(Files.readString(tls.certificate())).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void givenGeneratedStoresTheirFilesAreTheOwnersOnlyAndTheirPasswordsAreFreshAndDistinct() throws Exception {
        SelfSignedTls first = SelfSignedTls.generate(directory.resolve("first"), Duration.ofDays(1));
        SelfSignedTls second = SelfSignedTls.generate(directory.resolve("second"), Duration.ofDays(1));

        for (Path file : List.of(first.keyStore().location(), first.trustStore().location(), first.certificate())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve("first"))))
                .isEqualTo("rwx------");
        assertThat(first.keyStore().password()).isNotEqualTo(first.trustStore().password())
                .isNotEqualTo(second.keyStore().password());
        assertThat(load(first.keyStore().location(), first.keyStore().password()).getCertificate(SelfSignedTls.ALIAS))
                .isNotEqualTo(load(second.keyStore().location(), second.keyStore().password())
                        .getCertificate(SelfSignedTls.ALIAS));
        assertThat(first.toString()).doesNotContain(first.keyStore().password(), first.trustStore().password());
        try (var files = Files.list(directory.resolve("first"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("broker.keystore.p12", "broker.truststore.p12", "broker.crt");
        }
    }

    @Test
    void givenTheWrongPasswordTheKeyStoreDoesNotOpen() {
        SelfSignedTls tls = SelfSignedTls.generate(directory, Duration.ofDays(1));

        assertThatThrownBy(() -> load(tls.keyStore().location(), tls.trustStore().password()))
                .hasMessageContaining("password");
    }

    /** A TLS client that trusts only the trust store and checks the host name reaches a server with the key store. */
    @Test
    void givenTheStoresAClientVerifyingLocalhostCompletesAHandshakeWithAServerUsingTheKeyStore() throws Exception {
        SelfSignedTls tls = SelfSignedTls.generate(directory, Duration.ofDays(1));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(load(tls.keyStore().location(), tls.keyStore().password()),
                tls.keyStore().password().toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(load(tls.trustStore().location(), tls.trustStore().password()));
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trustManagers.getTrustManagers(), null);

        try (SSLServerSocket listening = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setSoTimeout(10_000);
            for (String host : List.of("localhost", "127.0.0.1")) {
                CompletableFuture<Integer> served = echoOnce(listening);
                try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(host,
                        listening.getLocalPort())) {
                    socket.setSoTimeout(10_000);
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                    OutputStream out = socket.getOutputStream();
                    out.write(41);
                    out.flush();
                    assertThat(socket.getInputStream().read()).isEqualTo(42);
                }
                assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo(41);
            }
        }
    }

    /** Accepts one connection, reads a byte and answers it plus one. */
    private static CompletableFuture<Integer> echoOnce(SSLServerSocket listening) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket accepted = (SSLSocket) listening.accept()) {
                accepted.setSoTimeout(10_000);
                int read = accepted.getInputStream().read();
                accepted.getOutputStream().write(read + 1);
                accepted.getOutputStream().flush();
                return read;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static KeyStore load(Path location, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(location)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}

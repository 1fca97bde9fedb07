package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.access.KafkaPrincipals;

class KafkaClientFilesTest {

    @TempDir
    Path run;

    @Test
    void eachPrincipalGetsAnOwnerOnlyFileAndTheAgencyAlsoALibrdkafkaOne() throws Exception {
        BrokerCredentials credentials = BrokerCredentials.random(KafkaPrincipals.all());

        Path dir = KafkaClientFiles.write(run, "localhost:19092", credentials);

        assertThat(Files.getPosixFilePermissions(dir)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        for (KafkaPrincipal principal : KafkaPrincipals.all()) {
            Path file = KafkaClientFiles.javaFile(run, principal.name());
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
            assertThat(KafkaClientFiles.read(file)).containsEntry("bootstrap.servers", "localhost:19092")
                    .containsEntry("security.protocol", "SASL_PLAINTEXT")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", credentials.login(principal.name()).jaasConfig());
        }
        assertThat(KafkaClientFiles.read(KafkaClientFiles.javaFile(run, BrokerSecurity.ADMIN)))
                .containsEntry("sasl.jaas.config", credentials.admin().jaasConfig());

        Path librdkafka = KafkaClientFiles.librdkafkaFile(run, TazaPrincipals.AGENCY);
        assertThat(Files.getPosixFilePermissions(librdkafka)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        // as taza_subscriber.py reads it: key=value split at the first '='
        assertThat(Files.readAllLines(librdkafka)).contains("bootstrap.servers=localhost:19092",
                "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=SCRAM-SHA-512", "sasl.username=agency-stat",
                "sasl.password=" + credentials.login(TazaPrincipals.AGENCY).password(), "group.id=agency-stat-reader");
        assertThat(credentials.toString()).doesNotContain(credentials.admin().password());
    }

    @Test
    void aServiceTakesItsLoginFromTheEnvironmentAsSpringBootBindsIt() {
        KafkaLogin login = KafkaLogin.plaintext("emission-service", "s3cret");

        Map<String, String> env = KafkaClientFiles.serviceEnvironment(login);

        assertThat(env).containsExactly(
                Map.entry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"),
                Map.entry("SPRING_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_PLAINTEXT"),
                Map.entry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512"),
                Map.entry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", login.jaasConfig()));
    }

    @Test
    void theNewestRunsFileIsFound() throws Exception {
        BrokerCredentials credentials = BrokerCredentials.random(KafkaPrincipals.all());
        Path runs = run.resolve("local-stack").resolve("run");
        KafkaClientFiles.write(runs.resolve("20260101-090000"), "localhost:1", credentials);
        KafkaClientFiles.write(runs.resolve("20260102-090000"), "localhost:2", credentials);
        Files.createDirectories(runs.resolve("20260103-090000"));

        assertThat(KafkaClientFiles.newest(run, TazaPrincipals.LAUNCHER)).contains(
                KafkaClientFiles.javaFile(runs.resolve("20260102-090000"), TazaPrincipals.LAUNCHER));
        assertThat(KafkaClientFiles.newest(run.resolve("elsewhere"), TazaPrincipals.LAUNCHER)).isEmpty();
    }
}

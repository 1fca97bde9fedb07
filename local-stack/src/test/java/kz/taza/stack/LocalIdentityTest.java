package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIdentityTest {

    @TempDir
    Path runDir;

    @Test
    void theProviderKnowsTheKpiServiceOnItsPortAndOneAnalystWithSecretsOfThisRunOnly() throws Exception {
        // given the stack's processes, the KPI service moved to port 18085
        List<ServiceSpec> services = ServiceSpec.defaults().stream()
                .map(s -> s.name().equals("kpi-service") ? s.withPort(18085) : s).toList();

        // when two runs write their identities
        LocalIdentity first = LocalIdentity.write(runDir.resolve("one"), services);
        LocalIdentity second = LocalIdentity.write(runDir.resolve("two"), services);

        // then the provider reads its file, which only its owner may read
        ServiceSpec provider = services.get(0);
        String location = first.environment(provider).get("SPRING_CONFIG_ADDITIONAL_LOCATION");
        Path file = Path.of(location.substring("file:".length()));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String yaml = Files.readString(file);
        assertThat(yaml).contains("spring.security.oauth2.authorizationserver.issuer: http://localhost:8090")
                .contains("      kpi-service:\n").contains("- http://localhost:18085/login/oauth2/code/taza")
                .contains("      analyst:\n").contains("        password: " + first.analystPassword() + "\n")
                .contains("roles: [analyst]");
        // and the KPI service trusts that issuer and signs in with the secret in that file
        ServiceSpec kpi = services.get(services.size() - 1);
        assertThat(first.environment(kpi)).containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "http://localhost:8090");
        assertThat(yaml).contains("        secret: " + first.environment(kpi).get("TAZA_SIGN_IN_CLIENT_SECRET"));
        // and the other services are not told of it (yet)
        assertThat(first.environment(services.get(1))).isEmpty();
        // and every run has secrets of its own
        assertThat(second.analystPassword()).isNotEqualTo(first.analystPassword()).hasSize(12);
        assertThat(second.environment(kpi).get("TAZA_SIGN_IN_CLIENT_SECRET"))
                .isNotEqualTo(first.environment(kpi).get("TAZA_SIGN_IN_CLIENT_SECRET"));
    }
}

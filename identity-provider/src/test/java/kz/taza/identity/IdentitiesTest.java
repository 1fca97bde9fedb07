package kz.taza.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nimbusds.jose.jwk.RSAKey;

/** A configuration that would let in less, or more, than meant stops the start, naming each problem. */
class IdentitiesTest {

    @Test
    void refusesAGatewayThatActsForNoOperator() {
        IdentityProperties properties = new IdentityProperties();
        IdentityProperties.Client gateway = client("s", "gateway");
        properties.getClients().put("gateway-x", gateway);

        assertThatThrownBy(() -> new Identities(properties))
                .hasMessageContaining("taza.identity.clients.gateway-x.operator-bin");
    }

    @Test
    void refusesABinOnAnIdentityThatDoesNotActForAnOperator() {
        IdentityProperties properties = new IdentityProperties();
        IdentityProperties.Client officer = client("s", "officer");
        officer.setOperatorBin("120340000111");
        properties.getClients().put("desk", officer);

        assertThatThrownBy(() -> new Identities(properties)).hasMessageContaining("taza.identity.clients.desk");
    }

    @Test
    void namesEveryProblemAtOnce() {
        IdentityProperties properties = new IdentityProperties();
        properties.getClients().put("no-secret", client(null, "officer"));
        properties.getClients().put("bad-role", client("s", "Officer!"));
        IdentityProperties.User user = new IdentityProperties.User();
        user.setRoles(Set.of("analyst"));
        properties.getUsers().put("analyst1", user);

        assertThatThrownBy(() -> new Identities(properties))
                .hasMessageContaining("clients.no-secret.secret")
                .hasMessageContaining("clients.bad-role.roles")
                .hasMessageContaining("users.analyst1.password");
    }

    @Test
    void refusesAConfigurationWithoutClients() {
        assertThatThrownBy(() -> new Identities(new IdentityProperties())).hasMessageContaining("no client");
    }

    @Test
    void acceptsAValidConfiguration() {
        IdentityProperties properties = new IdentityProperties();
        IdentityProperties.Client gateway = client("s", "gateway");
        gateway.setOperatorBin("120340000111");
        properties.getClients().put("gateway-120340000111", gateway);

        Identities identities = new Identities(properties);

        assertThat(identities.client("gateway-120340000111").orElseThrow().operatorBin()).contains("120340000111");
        assertThat(identities.client("someone-else")).isEmpty();
    }

    @Test
    void signingKeyFileKeepsTheSameKeyAcrossStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/signing.pem");

        RSAKey first = SigningKey.load(file);
        RSAKey second = SigningKey.load(file);

        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(second.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2); // owner read and write only
    }

    @Test
    void withoutAFileEachStartHasItsOwnKey() {
        assertThat(SigningKey.load(null).getKeyID()).isNotEqualTo(SigningKey.load(null).getKeyID());
    }

    private static IdentityProperties.Client client(String secret, String role) {
        IdentityProperties.Client client = new IdentityProperties.Client();
        client.setSecret(secret);
        client.setRoles(Set.of(role));
        return client;
    }
}

package kz.taza.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.access.KafkaLogin;
import kz.taza.platform.access.KafkaPrincipal;

/**
 * The passwords a local broker is formatted with: the node's own principals and the administrator
 * ({@link BrokerSecurity.Secrets}), and one for each principal of the access model. Drawn at random for each run and
 * kept only in the run's owner-only files ({@link KafkaClientFiles}); {@link #toString()} shows the user names only.
 */
final class BrokerCredentials {

    private final BrokerSecurity.Secrets secrets;
    private final Map<KafkaPrincipal, String> passwords;

    BrokerCredentials(BrokerSecurity.Secrets secrets, Map<KafkaPrincipal, String> passwords) {
        this.secrets = secrets;
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    /** New random passwords for the node, the administrator and each of {@code principals}. */
    static BrokerCredentials random(List<KafkaPrincipal> principals) {
        Map<KafkaPrincipal, String> passwords = new LinkedHashMap<>();
        for (KafkaPrincipal principal : principals) {
            passwords.put(principal, BrokerSecurity.password());
        }
        return new BrokerCredentials(BrokerSecurity.Secrets.random(), passwords);
    }

    BrokerSecurity.Secrets secrets() {
        return secrets;
    }

    /** Each principal of the access model with its password, in the model's order. */
    Map<KafkaPrincipal, String> passwords() {
        return passwords;
    }

    /** The SCRAM users the storage is formatted with besides the administrator and the broker: name to password. */
    Map<String, String> scramUsers() {
        Map<String, String> users = new LinkedHashMap<>();
        passwords.forEach((principal, password) -> users.put(principal.name(), password));
        return users;
    }

    KafkaLogin admin() {
        return secrets.adminLogin();
    }

    /** The login of a principal of the access model, or of {@value BrokerSecurity#ADMIN}. */
    KafkaLogin login(String name) {
        if (name.equals(BrokerSecurity.ADMIN)) {
            return admin();
        }
        return passwords.entrySet().stream().filter(e -> e.getKey().name().equals(name)).findFirst()
                .map(e -> KafkaLogin.plaintext(name, e.getValue()))
                .orElseThrow(() -> new StackException("The broker has no Kafka principal named '" + name
                        + "' (it has " + scramUsers().keySet() + "): add it to the access model (TazaPrincipals)"));
    }

    @Override
    public String toString() {
        return "BrokerCredentials[" + BrokerSecurity.ADMIN + ", " + scramUsers().keySet() + "; passwords hidden]";
    }
}

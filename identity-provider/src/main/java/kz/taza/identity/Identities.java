package kz.taza.identity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who the configuration lets in, checked once at start: a role is a lower-case word; an operator's or gateway's client
 * or user names the 12-digit BIN of the operator it acts for; a confidential client has a secret; a sign-in client has
 * redirect URIs. A configuration that breaks a rule stops the start with every problem named, so a mistyped file never
 * turns into a provider that silently lets in less, or more, than meant.
 */
final class Identities {

    /** Roles whose rights are scoped to one operator's facilities: the token must say which operator. */
    static final Set<String> OPERATOR_SCOPED_ROLES = Set.of("operator", "gateway");

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z-]{0,39}");
    private static final Pattern BIN = Pattern.compile("[0-9]{12}");
    private static final Set<String> GRANTS = Set.of("client_credentials", "authorization_code", "refresh_token");

    /** What a token says about a client or a user. */
    record Identity(Set<String> roles, Optional<String> operatorBin) {
    }

    private final Map<String, Identity> clients = new LinkedHashMap<>();
    private final Map<String, Identity> users = new LinkedHashMap<>();

    Identities(IdentityProperties properties) {
        List<String> problems = new ArrayList<>();
        properties.getClients().forEach((id, client) -> {
            String at = "taza.identity.clients." + id;
            check(problems, at, client.getRoles(), client.getOperatorBin());
            client.getGrants().stream().filter(g -> !GRANTS.contains(g))
                    .forEach(g -> problems.add(at + ".grants: unknown grant '" + g + "' (one of " + GRANTS + ")"));
            boolean signIn = client.getGrants().contains("authorization_code");
            if (signIn && client.getRedirectUris().isEmpty()) {
                problems.add(at + ".redirect-uris: a sign-in (authorization_code) client needs at least one");
            }
            if (client.getGrants().contains("client_credentials") && isBlank(client.getSecret())) {
                problems.add(at + ".secret: a client_credentials client needs a secret");
            }
            if (!signIn && client.getRoles().isEmpty()) {
                problems.add(at + ".roles: a machine client needs at least one role");
            }
            clients.put(id, new Identity(Set.copyOf(client.getRoles()), Optional.ofNullable(client.getOperatorBin())));
        });
        properties.getUsers().forEach((name, user) -> {
            String at = "taza.identity.users." + name;
            check(problems, at, user.getRoles(), user.getOperatorBin());
            if (isBlank(user.getPassword())) {
                problems.add(at + ".password: missing");
            }
            users.put(name, new Identity(Set.copyOf(user.getRoles()), Optional.ofNullable(user.getOperatorBin())));
        });
        if (properties.getClients().isEmpty()) {
            problems.add("taza.identity.clients: no client is configured, so no one could get a token");
        }
        if (properties.getAudience().isEmpty()) {
            problems.add("taza.identity.audience: at least one audience is needed");
        }
        if (properties.getHashStrength() < 4 || properties.getHashStrength() > 31) {
            problems.add("taza.identity.hash-strength: must be 4..31, is " + properties.getHashStrength());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The identity configuration is not valid:\n  " + String.join("\n  ", problems));
        }
    }

    Optional<Identity> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    Optional<Identity> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    private static void check(List<String> problems, String at, Set<String> roles, String operatorBin) {
        roles.stream().filter(r -> !ROLE.matcher(r).matches())
                .forEach(r -> problems.add(at + ".roles: '" + r + "' is not a role name (a lower-case word)"));
        boolean scoped = roles.stream().anyMatch(OPERATOR_SCOPED_ROLES::contains);
        if (scoped && (operatorBin == null || !BIN.matcher(operatorBin).matches())) {
            problems.add(at + ".operator-bin: roles " + OPERATOR_SCOPED_ROLES
                    + " act for one operator and need its 12-digit BIN");
        }
        if (!scoped && operatorBin != null) {
            problems.add(at + ".operator-bin: only an operator's or gateway's identity acts for an operator");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

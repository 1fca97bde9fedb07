package kz.taza.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The identity provider's configuration: who may get a token and what it says about them. Clients and users are keyed
 * by their id (the client id, the user name). A secret or password is given in plain text in the configuration file
 * (written for a run and readable by its owner only) and kept in memory only as a hash.
 *
 * <pre>
 * taza.identity:
 *   audience: [taza]
 *   clients:
 *     simulator: {secret: ..., roles: [officer, inspector, forester]}
 *     gateway-123456789012: {secret: ..., roles: [gateway], operator-bin: "123456789012"}
 *   users:
 *     officer1: {password: ..., roles: [officer]}
 * </pre>
 */
@ConfigurationProperties("taza.identity")
public class IdentityProperties {

    /** Audiences written into every access token ({@code aud}); the services accept tokens for theirs only. */
    private List<String> audience = new ArrayList<>(List.of("taza"));
    /** How long an access token is valid. */
    private Duration accessTokenTtl = Duration.ofMinutes(10);
    /** How long a person's refresh token is valid. */
    private Duration refreshTokenTtl = Duration.ofHours(8);
    /** BCrypt cost of the in-memory hashes of secrets and passwords (4–31; each step doubles the work). */
    private int hashStrength = 10;
    /**
     * PEM file of the RSA key that signs tokens, so that tokens stay valid across a restart; generated (readable by
     * the owner only) when missing. Unset: a new key at every start.
     */
    private Path signingKeyFile;
    /** Machine clients and the people's applications, by client id. */
    private Map<String, Client> clients = new LinkedHashMap<>();
    /** People who sign in (authorization-code grant), by user name. */
    private Map<String, User> users = new LinkedHashMap<>();

    public List<String> getAudience() {
        return audience;
    }

    public void setAudience(List<String> audience) {
        this.audience = audience;
    }

    public Duration getAccessTokenTtl() {
        return accessTokenTtl;
    }

    public void setAccessTokenTtl(Duration accessTokenTtl) {
        this.accessTokenTtl = accessTokenTtl;
    }

    public Duration getRefreshTokenTtl() {
        return refreshTokenTtl;
    }

    public void setRefreshTokenTtl(Duration refreshTokenTtl) {
        this.refreshTokenTtl = refreshTokenTtl;
    }

    public int getHashStrength() {
        return hashStrength;
    }

    public void setHashStrength(int hashStrength) {
        this.hashStrength = hashStrength;
    }

    public Path getSigningKeyFile() {
        return signingKeyFile;
    }

    public void setSigningKeyFile(Path signingKeyFile) {
        this.signingKeyFile = signingKeyFile;
    }

    public Map<String, Client> getClients() {
        return clients;
    }

    public void setClients(Map<String, Client> clients) {
        this.clients = clients;
    }

    public Map<String, User> getUsers() {
        return users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }

    /** A registered client. */
    public static class Client {
        /** The client secret; absent for a public client (a browser or command-line application using PKCE). */
        private String secret;
        /** Roles of a machine client (client-credentials grant); a person's roles come from the user. */
        private Set<String> roles = new LinkedHashSet<>();
        /** For an operator's or gateway's client: the 12-digit BIN of the operator it acts for. */
        private String operatorBin;
        /** Grant types: client_credentials (default), authorization_code, refresh_token. */
        private Set<String> grants = new LinkedHashSet<>(Set.of("client_credentials"));
        /** Redirect URIs of an authorization-code client. */
        private List<String> redirectUris = new ArrayList<>();
        /** Scopes the client may ask for (openid, profile for sign-in). */
        private Set<String> scopes = new LinkedHashSet<>();

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Set<String> getRoles() {
            return roles;
        }

        public void setRoles(Set<String> roles) {
            this.roles = roles;
        }

        public String getOperatorBin() {
            return operatorBin;
        }

        public void setOperatorBin(String operatorBin) {
            this.operatorBin = operatorBin;
        }

        public Set<String> getGrants() {
            return grants;
        }

        public void setGrants(Set<String> grants) {
            this.grants = grants;
        }

        public List<String> getRedirectUris() {
            return redirectUris;
        }

        public void setRedirectUris(List<String> redirectUris) {
            this.redirectUris = redirectUris;
        }

        public Set<String> getScopes() {
            return scopes;
        }

        public void setScopes(Set<String> scopes) {
            this.scopes = scopes;
        }
    }

    /** A person who signs in. */
    public static class User {
        private String password;
        private Set<String> roles = new LinkedHashSet<>();
        /** For an operator's employee: the BIN of the operator. */
        private String operatorBin;

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public Set<String> getRoles() {
            return roles;
        }

        public void setRoles(Set<String> roles) {
            this.roles = roles;
        }

        public String getOperatorBin() {
            return operatorBin;
        }

        public void setOperatorBin(String operatorBin) {
            this.operatorBin = operatorBin;
        }
    }
}

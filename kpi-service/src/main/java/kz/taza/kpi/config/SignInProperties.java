package kz.taza.kpi.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How people sign in ({@code taza.sign-in.*}): this service as a confidential client of the token issuer, which is
 * Spring's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (the same issuer whose bearer tokens the API
 * accepts).
 */
@ConfigurationProperties("taza.sign-in")
public class SignInProperties {

    /** The client id the identity provider knows this service by. */
    private String clientId;
    /** The client's secret (from a Secret in Kubernetes); required. */
    private String clientSecret;

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }
}

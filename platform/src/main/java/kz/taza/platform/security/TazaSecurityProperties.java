package kz.taza.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Taza's side of the resource-server settings; the issuer, its key set and the accepted audiences are Spring's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} (issuer-uri, jwk-set-uri, audiences, authorities-claim-name).
 */
@ConfigurationProperties("taza.security")
public class TazaSecurityProperties {

    /** The claim that names the operator an operator's or gateway's token acts for. */
    private String operatorBinClaim = TazaClaims.DEFAULT_OPERATOR_BIN;
    /** Serve the OpenAPI documents and Swagger UI (off unless enabled; they need no token when on). */
    private boolean openApiPublic = false;

    /** This service's own client at the identity provider, for the calls it makes itself. */
    private final Client client = new Client();

    public Client getClient() {
        return client;
    }

    public String getOperatorBinClaim() {
        return operatorBinClaim;
    }

    public void setOperatorBinClaim(String operatorBinClaim) {
        this.operatorBinClaim = operatorBinClaim;
    }

    public boolean isOpenApiPublic() {
        return openApiPublic;
    }

    public void setOpenApiPublic(boolean openApiPublic) {
        this.openApiPublic = openApiPublic;
    }

    /** The service's own client credentials (client-credentials grant), e.g. for reads forwarded to the owner. */
    public static class Client {
        /** Client id; unset, the application's name. */
        private String id;
        /** Client secret; unset, the service makes no calls of its own that need a token, and forwarded reads fail. */
        private String secret;
        /** Token endpoint; unset, the issuer's {@code /oauth2/token}. */
        private String tokenUri;

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public String getTokenUri() {
            return tokenUri;
        }

        public void setTokenUri(String tokenUri) {
            this.tokenUri = tokenUri;
        }
    }
}

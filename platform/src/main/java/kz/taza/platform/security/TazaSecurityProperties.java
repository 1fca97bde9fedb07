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
}

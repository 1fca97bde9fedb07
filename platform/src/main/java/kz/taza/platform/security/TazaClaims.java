package kz.taza.platform.security;

/**
 * Claim names of Taza's tokens besides the standard ones. The roles claim is Spring's
 * {@code spring.security.oauth2.resourceserver.jwt.authorities-claim-name} ({@code roles} by default); the operator's
 * BIN is {@code taza.security.operator-bin-claim} ({@code operator_bin} by default), so a ministry's own issuer can be
 * trusted by naming its claims in configuration.
 */
public final class TazaClaims {

    /** The client the token was issued to (RFC 9068). */
    public static final String CLIENT_ID = "client_id";
    /** Default name of the claim that carries the BIN of the operator an operator or gateway acts for. */
    public static final String DEFAULT_OPERATOR_BIN = "operator_bin";

    private TazaClaims() {
    }
}

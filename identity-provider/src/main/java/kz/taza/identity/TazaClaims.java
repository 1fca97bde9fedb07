package kz.taza.identity;

/**
 * The claims Taza's access tokens carry besides the standard ones ({@code iss}, {@code sub}, {@code aud}, {@code exp}).
 * The services read them by these names unless configured otherwise ({@code taza.security.claims.*}), so that a
 * ministry's own issuer can be trusted by mapping its claim names instead of changing code.
 */
public final class TazaClaims {

    /** The roles of the subject, e.g. {@code ["officer"]}. */
    public static final String ROLES = "roles";
    /** The BIN of the operator an operator's user or a gateway acts for (12 digits), absent for everyone else. */
    public static final String OPERATOR_BIN = "operator_bin";
    /** The client the token was issued to (RFC 9068). */
    public static final String CLIENT_ID = "client_id";

    private TazaClaims() {
    }
}

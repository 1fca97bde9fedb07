package kz.taza.platform.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who may act in Taza, as the identity provider's tokens say ({@code roles} claim). A request's rights are the union of
 * its roles; the operator-scoped roles ({@link #OPERATOR}, {@link #GATEWAY}) act only for the operator whose BIN the
 * token names.
 */
public enum Role {
    /** Ministry officers: the facility registry and permits. */
    OFFICER("officer"),
    /** Inspectors: inspections, fines, remediation orders, inspection plans. */
    INSPECTOR("inspector"),
    /** Forestry offices: planting plans, plantings, survival surveys. */
    FORESTER("forester"),
    /** A facility operator's staff or reporting system: annual reports and reads of its own facilities. */
    OPERATOR("operator"),
    /** An AMS gateway: readings of the facilities of the operator it is bound to. */
    GATEWAY("gateway"),
    /** Analysts: reads. */
    ANALYST("analyst"),
    /** A subscribing agency's system: reads. */
    AGENCY("agency"),
    /** Another instance of the same service forwarding a read to the instance that owns the state. */
    SERVICE("service"),
    /** People who run the platform: health details and management reads. */
    OPERATIONS("operations");

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The role as it appears in the token's roles claim. */
    public String claimValue() {
        return claimValue;
    }

    /** The Spring Security authority of the role: {@code ROLE_officer}. */
    public String authority() {
        return TazaSecurityAutoConfiguration.AUTHORITY_PREFIX + claimValue;
    }

    /** The role of an authority, if it is one of Taza's. */
    public static Optional<Role> ofAuthority(String authority) {
        if (authority == null || !authority.startsWith(TazaSecurityAutoConfiguration.AUTHORITY_PREFIX)) {
            return Optional.empty();
        }
        String value = authority.substring(TazaSecurityAutoConfiguration.AUTHORITY_PREFIX.length());
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
    }

    /** Whether rights of this role are limited to one operator's facilities. */
    public boolean operatorScoped() {
        return this == OPERATOR || this == GATEWAY;
    }
}

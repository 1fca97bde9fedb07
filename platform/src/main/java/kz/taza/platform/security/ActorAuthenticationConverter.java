package kz.taza.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a validated token into an {@link ActorAuthentication}: each value of the roles claim becomes an authority
 * ({@code ROLE_<value>}; values that are not Taza roles are kept as authorities but give no Taza right), and the actor
 * records subject, client, roles and the operator's BIN from the configured claims.
 */
final class ActorAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;
    private final String operatorBinClaim;

    ActorAuthenticationConverter(String rolesClaim, String operatorBinClaim) {
        this.rolesClaim = rolesClaim;
        this.operatorBinClaim = operatorBinClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Grants grants = Grants.of(jwt.getClaim(rolesClaim));
        String subject = jwt.getSubject();
        String client = firstNonBlank(jwt.getClaimAsString(TazaClaims.CLIENT_ID), jwt.getClaimAsString("azp"),
                subject, "unknown");
        Optional<String> bin = Optional.ofNullable(jwt.getClaimAsString(operatorBinClaim)).filter(b -> !b.isBlank());
        return new ActorAuthentication(jwt, grants.authorities(),
                new Actor(subject == null || subject.isBlank() ? client : subject, client, grants.roles(), bin));
    }

    /**
     * What a roles claim grants: an authority {@code ROLE_<value>} per value, and the Taza roles among them.
     *
     * @param authorities every value's authority, Taza role or not
     * @param roles       the values that are Taza roles
     */
    record Grants(List<GrantedAuthority> authorities, Set<Role> roles) {

        /** The grants of a claim: a JSON list, or one string of values separated by spaces or commas. */
        static Grants of(Object claim) {
            List<GrantedAuthority> authorities = new ArrayList<>();
            EnumSet<Role> roles = EnumSet.noneOf(Role.class);
            for (String value : claimValues(claim)) {
                String authority = TazaSecurityAutoConfiguration.AUTHORITY_PREFIX + value;
                authorities.add(new SimpleGrantedAuthority(authority));
                Role.ofAuthority(authority).ifPresent(roles::add);
            }
            return new Grants(List.copyOf(authorities), Set.copyOf(roles));
        }
    }

    private static List<String> claimValues(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("[\\s,]+"));
        }
        return List.of();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return values[values.length - 1];
    }
}

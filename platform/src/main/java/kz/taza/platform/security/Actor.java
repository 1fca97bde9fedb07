package kz.taza.platform.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

/**
 * Who is acting: the subject of the request's token (a person's user name or a machine client's id), the client it came
 * through, its roles, and for operator-scoped identities the BIN of the operator it acts for. A request carries a
 * bearer token ({@link ActorAuthentication}) or, on a service that signs people in, the session of a person who signed
 * in ({@link SignedInPerson}, from the ID token). Recorded with every command and event it causes.
 *
 * @param subject     the token's {@code sub}
 * @param clientId    the client the token was issued to (may equal the subject for a machine client)
 * @param roles       Taza roles granted by the token
 * @param operatorBin the operator an operator or gateway acts for; empty for everyone else
 */
public record Actor(String subject, String clientId, Set<Role> roles, Optional<String> operatorBin) {

    public Actor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(clientId, "clientId");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(operatorBin, "operatorBin");
    }

    /** The actor of the current request; empty outside an authenticated request. */
    public static Optional<Actor> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The actor an authentication stands for; empty when it is neither a Taza bearer token nor a Taza sign-in. */
    public static Optional<Actor> of(Authentication authentication) {
        if (authentication instanceof ActorAuthentication token) {
            return Optional.of(token.actor());
        }
        if (authentication instanceof OAuth2AuthenticationToken session
                && session.getPrincipal() instanceof SignedInPerson person) {
            return Optional.of(person.actor());
        }
        return Optional.empty();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether every right of this actor is scoped to one operator: it holds an operator-scoped role and no role that
     * reaches every facility (an officer who is also a gateway is an officer).
     */
    public boolean limitedToOneOperator() {
        return !roles.isEmpty() && roles.stream().allMatch(Role::operatorScoped);
    }

    /** Whether this actor may act on a facility of the operator with the given BIN. */
    public boolean mayActForOperator(String facilityOperatorBin) {
        return !limitedToOneOperator() || operatorBin.map(bin -> bin.equals(facilityOperatorBin)).orElse(false);
    }
}

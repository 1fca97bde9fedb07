package kz.taza.platform.security;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person who signed in through the identity provider (OpenID Connect, authorization code) to a service that holds a
 * session for them, as a dashboard does: the values of the ID token's roles claim are the person's authorities
 * ({@code ROLE_<value>}, as for a bearer token; values that are not Taza roles give no Taza right), and the
 * {@link Actor} is worked out once, at sign-in: the token's subject, the sign-in client it came through, its Taza roles
 * and, for an operator-scoped person, the operator's BIN from the configured claim. It lives in the session, so it
 * holds only serializable values.
 */
public final class SignedInPerson extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final String clientId;
    private final Set<Role> roles;
    private final String operatorBin;

    private SignedInPerson(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
            OidcUserInfo userInfo, String nameAttribute, String clientId, Set<Role> roles, String operatorBin) {
        super(authorities, idToken, userInfo, nameAttribute);
        this.clientId = clientId;
        this.roles = roles;
        this.operatorBin = operatorBin;
    }

    /** Who is acting in this person's requests. */
    public Actor actor() {
        return new Actor(getSubject(), clientId, roles, Optional.ofNullable(operatorBin));
    }

    /**
     * Loads a signed-in person as Spring's OpenID Connect user service does (the user-info endpoint when the scopes ask
     * for it), then reads Taza's claims from the ID token.
     *
     * @param rolesClaim       the claim with the roles ({@code roles} by default)
     * @param operatorBinClaim the claim with the BIN of the operator an operator-scoped person acts for
     */
    static OAuth2UserService<OidcUserRequest, OidcUser> userService(String rolesClaim, String operatorBinClaim) {
        OidcUserService service = new OidcUserService();
        service.setOidcUserConverter(source -> {
            OidcUserRequest request = source.getUserRequest();
            OidcIdToken idToken = request.getIdToken();
            ActorAuthenticationConverter.Grants grants = ActorAuthenticationConverter.Grants.of(
                    idToken.getClaim(rolesClaim));
            String nameAttribute = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint()
                    .getUserNameAttributeName();
            String bin = idToken.getClaimAsString(operatorBinClaim);
            return new SignedInPerson(grants.authorities(), idToken, source.getUserInfo(),
                    nameAttribute == null || nameAttribute.isBlank() ? IdTokenClaimNames.SUB : nameAttribute,
                    request.getClientRegistration().getClientId(), grants.roles(),
                    bin == null || bin.isBlank() ? null : bin);
        });
        return service;
    }
}

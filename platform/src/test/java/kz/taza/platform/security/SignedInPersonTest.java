package kz.taza.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A person who signed in through the identity provider is an {@link Actor} as a bearer token's holder is: the ID
 * token's subject, the sign-in client, the Taza roles among the roles claim's values and the operator's BIN.
 */
class SignedInPersonTest {

    private static final ClientRegistration DASHBOARD = ClientRegistration.withRegistrationId("taza")
            .clientId("kpi-dashboard").clientSecret("secret")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").scope("openid", "profile")
            .authorizationUri("http://localhost:8090/oauth2/authorize").tokenUri("http://localhost:8090/oauth2/token")
            .jwkSetUri("http://localhost:8090/oauth2/jwks").build();

    @Test
    void aSignedInPersonActsWithTheRolesAndOperatorOfTheirIdToken() {
        OidcUser person = signIn(Map.of("sub", "analyst1", "roles", List.of("analyst", "not-a-taza-role"),
                "operator_bin", "120340000111"));

        assertThat(person).isInstanceOf(SignedInPerson.class);
        assertThat(person.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_analyst", "ROLE_not-a-taza-role");
        OAuth2AuthenticationToken session = new OAuth2AuthenticationToken(person, person.getAuthorities(), "taza");
        assertThat(Actor.of(session)).contains(new Actor("analyst1", "kpi-dashboard", Set.of(Role.ANALYST),
                Optional.of("120340000111")));
    }

    @Test
    void aPersonWithoutRolesActsWithNone() {
        OidcUser person = signIn(Map.of("sub", "visitor1"));

        OAuth2AuthenticationToken session = new OAuth2AuthenticationToken(person, person.getAuthorities(), "taza");
        assertThat(Actor.of(session)).contains(new Actor("visitor1", "kpi-dashboard", Set.of(), Optional.empty()));
    }

    private static OidcUser signIn(Map<String, Object> claims) {
        Instant now = Instant.now();
        OidcIdToken idToken = new OidcIdToken("id-token", now, now.plusSeconds(300), claims);
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-token", now,
                now.plusSeconds(300), Set.of("openid"));
        // No user-info endpoint and no scope that asks for it: the person is read from the ID token alone.
        return SignedInPerson.userService("roles", "operator_bin")
                .loadUser(new OidcUserRequest(DASHBOARD, accessToken, idToken));
    }
}

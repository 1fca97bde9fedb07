package kz.taza.identity;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import kz.taza.identity.Identities.Identity;

/**
 * The issuer's wiring: clients and users from {@link IdentityProperties}, the signing key, Taza's claims in every
 * token, and two security chains — the protocol endpoints (token, authorize, JWK set, OpenID discovery and user info),
 * then the sign-in page for people. Health is open so that the launcher and probes can tell when the provider is up;
 * nothing else is.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    Identities identities(IdentityProperties properties) {
        return new Identities(properties);
    }

    /** Verifies secrets and passwords against the hashes made at start ({@code {bcrypt}} prefixed). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties, Identities identities) {
        BCryptPasswordEncoder hash = new BCryptPasswordEncoder(properties.getHashStrength());
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(properties.getAccessTokenTtl())
                .refreshTokenTimeToLive(properties.getRefreshTokenTtl())
                .reuseRefreshTokens(false)
                .build();
        List<RegisteredClient> clients = properties.getClients().entrySet().stream().map(entry -> {
            String id = entry.getKey();
            IdentityProperties.Client client = entry.getValue();
            RegisteredClient.Builder b = RegisteredClient.withId(UUID.nameUUIDFromBytes(id.getBytes()).toString())
                    .clientId(id)
                    .tokenSettings(tokens);
            if (client.getSecret() == null || client.getSecret().isBlank()) {
                // A public client (browser, command line): no secret, so the code exchange must prove PKCE.
                b.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                        .clientSettings(ClientSettings.builder().requireProofKey(true).build());
            } else {
                b.clientSecret("{bcrypt}" + hash.encode(client.getSecret()))
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .clientSettings(ClientSettings.builder().requireProofKey(
                                client.getGrants().contains("authorization_code")).build());
            }
            client.getGrants().forEach(grant -> b.authorizationGrantType(new AuthorizationGrantType(grant)));
            client.getRedirectUris().forEach(b::redirectUri);
            client.getScopes().forEach(b::scope);
            return b.build();
        }).toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    UserDetailsService users(IdentityProperties properties) {
        BCryptPasswordEncoder hash = new BCryptPasswordEncoder(properties.getHashStrength());
        Map<String, UserDetails> users = new HashMap<>();
        properties.getUsers().forEach((name, user) -> users.put(name, User.withUsername(name)
                .password("{bcrypt}" + hash.encode(user.getPassword()))
                .authorities(user.getRoles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                .build()));
        return name -> {
            UserDetails user = users.get(name);
            if (user == null) {
                throw new UsernameNotFoundException("no such user");
            }
            // A copy: the framework erases the password of what it is given after a sign-in.
            return User.withUserDetails(user).build();
        };
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKey.load(properties.getSigningKeyFile())));
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new ExpiringAuthorizationService(Clock.systemUTC());
    }

    /**
     * Taza's claims: the roles and, for identities that act for an operator, its BIN — a machine client's from its
     * registration, a person's from the user — and the configured audiences, in access and ID tokens.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tazaClaims(IdentityProperties properties, Identities identities) {
        return context -> {
            OAuth2TokenType type = context.getTokenType();
            boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(type);
            if (!access && !OidcParameterNames.ID_TOKEN.equals(type.getValue())) {
                return;
            }
            String clientId = context.getRegisteredClient().getClientId();
            Identity identity = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                    ? identities.client(clientId).orElseThrow()
                    : person(identities, context.getPrincipal());
            context.getClaims().claim(TazaClaims.ROLES, new TreeSet<>(identity.roles()));
            identity.operatorBin().ifPresent(bin -> context.getClaims().claim(TazaClaims.OPERATOR_BIN, bin));
            if (access) {
                context.getClaims().claim(TazaClaims.CLIENT_ID, clientId);
                context.getClaims().audience(properties.getAudience());
            }
        };
    }

    private static Identity person(Identities identities, Authentication principal) {
        // Looked up by name rather than taken from the authentication, so a role removed from the configuration is
        // gone from the next token after a restart, whatever an old session holds.
        return identities.user(principal.getName()).orElse(new Identity(Set.of(), java.util.Optional.empty()));
    }

    /** The protocol endpoints; a person who is not signed in is sent to the sign-in page. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain protocolEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        });
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
        return http.build();
    }

    /** A browser asking for a page (a machine client sends no Accept header or asks for JSON, and gets a 401). */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    /** The sign-in page for people, and open health for probes. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), new NegatedRequestMatcher(browsers())));
        return http.build();
    }
}

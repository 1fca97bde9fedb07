package kz.taza.kpi.config;

import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.DispatcherType;
import kz.taza.kpi.api.KpiReaders;
import kz.taza.platform.security.Role;
import kz.taza.platform.security.SecurityProblems;
import kz.taza.platform.security.TazaSecurityAutoConfiguration;
import kz.taza.platform.security.TazaSecurityProperties;

/**
 * People in a browser: the dashboard signs them in through the identity provider (OpenID Connect, authorization code
 * with PKCE, this service a confidential client of it) and then holds a session, so its pages, its API calls and its
 * server-sent events go with the session's cookie ({@value #SESSION_COOKIE}), never with a token in the page.
 *
 * <p>This chain takes every request of the API server that carries no {@code Authorization} header, before the
 * platform's API chain ({@link TazaSecurityAutoConfiguration#API_CHAIN_ORDER}), which keeps the rest: a request with a
 * bearer token (an agency's system, an analyst's script, another instance forwarding a read) is checked there, stateless,
 * as on every Taza service. Either way each endpoint is held to its {@code Allow} rule ({@link KpiReaders}); the
 * dashboard's pages, which no handler serves, to the same roles here. A browser asking for a page without a session is
 * sent to sign in; any other request without one is a 401, and a person without the roles gets a 403, as the
 * platform's problem documents. Management is the platform's, on its own port.
 *
 * <p>Secure by default: without the issuer or the sign-in client's secret the service does not start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
public class KpiSecurityConfiguration {

    /** The session cookie: not JSESSIONID, which an identity provider on the same host would overwrite. */
    public static final String SESSION_COOKIE = "TAZA_KPI_SESSION";
    /** The id of the identity provider's client registration (the redirect path ends with it). */
    public static final String REGISTRATION = "taza";

    /** Before the platform's API chain, which takes what this one leaves. */
    static final int BROWSER_CHAIN_ORDER = TazaSecurityAutoConfiguration.API_CHAIN_ORDER - 1;

    @Bean
    @Order(BROWSER_CHAIN_ORDER)
    SecurityFilterChain kpiBrowserSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
            OAuth2UserService<OidcUserRequest, OidcUser> signedInPeople, SecurityProblems problems,
            TazaSecurityProperties taza) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        // The identity provider requires PKCE of every authorization-code client, confidential ones included.
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        MediaTypeRequestMatcher pages = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        pages.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        RequestMatcher withoutCredentials = request -> request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        String[] readers = KpiReaders.ROLES.stream().map(Role::claimValue).sorted().toArray(String[]::new);
        http.securityMatcher(withoutCredentials)
                .authorizeHttpRequests(requests -> requests
                        // An SSE stream's later dispatches and error pages belong to a request already let in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(TazaSecurityAutoConfiguration.publicPaths(taza)).permitAll()
                        // The API's handlers are held to their rules by the platform's AccessRules.
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().hasAnyRole(readers))
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(signedInPeople)))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + REGISTRATION), pages)
                        .defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /** The identity provider as a client registration, read from its discovery document on first use. */
    @Bean
    ClientRegistrationRepository clientRegistrations(OAuth2ResourceServerProperties resourceServer,
            SignInProperties signIn) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("No token issuer is configured, and the KPI service does not run open: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri (environment "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI) to the identity provider's issuer");
        }
        if (signIn.getClientId() == null || signIn.getClientId().isBlank()
                || signIn.getClientSecret() == null || signIn.getClientSecret().isBlank()) {
            throw new IllegalStateException("Analysts sign in with this service as a client of " + issuer + ": set "
                    + "taza.sign-in.client-id and taza.sign-in.client-secret (environment TAZA_SIGN_IN_CLIENT_ID, "
                    + "TAZA_SIGN_IN_CLIENT_SECRET) to its sign-in client at the issuer");
        }
        return new IssuerClientRegistrations(issuer, signIn.getClientId(), signIn.getClientSecret());
    }

    /**
     * The registration of this service at the issuer, resolved from the issuer's discovery document when first asked
     * for (the first sign-in), so the service starts whether or not the issuer is up yet; a failed lookup is tried
     * again at the next sign-in.
     */
    static final class IssuerClientRegistrations implements ClientRegistrationRepository {
        private final String issuer;
        private final String clientId;
        private final String clientSecret;
        private volatile ClientRegistration registration;

        IssuerClientRegistrations(String issuer, String clientId, String clientSecret) {
            this.issuer = issuer;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            if (!REGISTRATION.equals(registrationId)) {
                return null;
            }
            ClientRegistration known = registration;
            if (known == null) {
                synchronized (this) {
                    if (registration == null) {
                        registration = ClientRegistrations.fromIssuerLocation(issuer).registrationId(REGISTRATION)
                                .clientId(clientId).clientSecret(clientSecret).scope("openid", "profile")
                                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}").build();
                    }
                    known = registration;
                }
            }
            return known;
        }
    }
}

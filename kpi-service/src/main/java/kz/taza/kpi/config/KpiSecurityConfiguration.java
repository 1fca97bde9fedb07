package kz.taza.kpi.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may read KPIs: analysts and agencies ({@code analyst}, {@code agency} in the token's {@code roles} claim), no one
 * else. People sign in through the identity provider with the authorization-code grant (PKCE), this service being a
 * confidential client of it, and then hold a session: the dashboard's pages, its API calls and its server-sent events
 * go with the session's cookie ({@value #SESSION_COOKIE}). Machine clients call the same API with a bearer token of
 * the same issuer (its audience checked). The probes and the Prometheus scrape are open, as on every Taza service.
 *
 * <p>A browser asking for a page without a session is sent to sign in; any other request without a valid session or
 * token gets 401, and one without either role 403, as problem documents. Secure by default: without an issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) or the client's secret the service does not start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
public class KpiSecurityConfiguration {

    /** The session cookie: not JSESSIONID, which an identity provider on the same host would overwrite. */
    public static final String SESSION_COOKIE = "TAZA_KPI_SESSION";
    /** The claim that carries Taza's roles in access and ID tokens. */
    static final String ROLES_CLAIM = "roles";
    /** The roles that may read. */
    static final List<String> READERS = List.of("analyst", "agency");
    /** The id of the identity provider's client registration. */
    static final String REGISTRATION = "taza";

    @Bean
    SecurityFilterChain kpiSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
            JsonMapper json) throws Exception {
        Problems problems = new Problems(json);
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        // The identity provider requires PKCE of every authorization-code client, confidential ones included.
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        MediaTypeRequestMatcher pages = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        pages.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        http.authorizeHttpRequests(requests -> requests
                        // An SSE stream's later dispatches and error pages belong to a request already let in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().hasAnyRole(READERS.toArray(String[]::new)))
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesOfSignedInPeople())))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesOfTokens()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
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
                    + "TAZA_SIGN_IN_CLIENT_SECRET) to its client at the issuer");
        }
        return new IssuerClientRegistrations(issuer, signIn.getClientId(), signIn.getClientSecret());
    }

    /** Roles from the ID token of a person who signed in: {@code roles: [analyst]} is {@code ROLE_analyst}. */
    static GrantedAuthoritiesMapper rolesOfSignedInPeople() {
        return authorities -> {
            List<GrantedAuthority> mapped = new ArrayList<>(authorities);
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    mapped.addAll(roles(oidc.getIdToken().getClaimAsStringList(ROLES_CLAIM)));
                }
            }
            return mapped;
        };
    }

    /** Roles from a bearer token's claim. */
    static Converter<Jwt, AbstractAuthenticationToken> rolesOfTokens() {
        return jwt -> new JwtAuthenticationToken(jwt, roles(jwt.getClaimAsStringList(ROLES_CLAIM)), jwt.getSubject());
    }

    private static List<GrantedAuthority> roles(Collection<String> roles) {
        return roles == null ? List.of()
                : roles.stream().map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role)).toList();
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

    /** 401 and 403 as problem documents; a 403 names the roles that would be let in. */
    static final class Problems implements AuthenticationEntryPoint, AccessDeniedHandler {
        private final JsonMapper json;

        Problems(JsonMapper json) {
            this.json = json;
        }

        @Override
        public void commence(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                AuthenticationException exception) throws IOException {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(response, HttpStatus.UNAUTHORIZED, "/problems/unauthenticated", "Not signed in",
                    "Sign in (a browser is sent to the identity provider) or send a valid bearer token of the "
                            + "configured issuer", Map.of());
        }

        @Override
        public void handle(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                org.springframework.security.access.AccessDeniedException exception) throws IOException {
            write(response, HttpStatus.FORBIDDEN, "/problems/forbidden", "Not allowed",
                    "KPIs are read by the roles " + READERS + " only", Map.of("requiredRoles", READERS));
        }

        private void write(HttpServletResponse response, HttpStatus status, String type, String title,
                String detail, Map<String, Object> extra) throws IOException {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", type);
            problem.put("title", title);
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.putAll(extra);
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        }
    }
}

package kz.taza.platform.security;

import jakarta.servlet.ServletContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every Taza service is an OAuth2 resource server: each request to its API carries a bearer token (a JWT) of the
 * configured issuer, for one of the configured audiences, not expired, and each endpoint says which roles may call it
 * ({@link Allow}; an endpoint without a rule is refused). There is no anonymous access to the API. Management
 * (actuator) runs on its own port: the probes and the Prometheus scrape are open there (the network policy decides who
 * reaches that port), health details only to the operations role, everything else needs a token.
 *
 * <p>The API chain comes last ({@link #API_CHAIN_ORDER}) and takes every request the chains before it leave: a service
 * that also serves people in a browser puts its own chain for their requests before it (a session from signing in
 * through the identity provider, whose person is a {@link SignedInPerson}), and holds its handlers to the same
 * {@link Allow} rules.
 *
 * <p>Secure by default: a service started without an issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 * or {@code jwk-set-uri}) does not start.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(TazaSecurityProperties.class)
public class TazaSecurityAutoConfiguration {

    /** Spring Security's prefix of role authorities. */
    public static final String AUTHORITY_PREFIX = "ROLE_";
    /** The management chain's order: first, so that nothing else claims the management server's requests. */
    public static final int MANAGEMENT_CHAIN_ORDER = 1;
    /** The API chain's order: last; a service's own chain for part of its API server has a lower order. */
    public static final int API_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 100;
    /** Bean name of the interceptor that adds this service's own bearer token to its outgoing calls. */
    public static final String SERVICE_CREDENTIALS = "tazaServiceCredentials";

    private static final Logger log = LoggerFactory.getLogger(TazaSecurityAutoConfiguration.class);
    private static final String SERVICE_REGISTRATION = "taza-service";

    /** The issuer looked up on first use, and looked up again after a failure (a 503 meanwhile, not a 500). */
    @Bean
    static ReachableIssuer tazaReachableIssuer() {
        return new ReachableIssuer();
    }

    @Bean
    SecurityProblems tazaSecurityProblems(JsonMapper json) {
        return new SecurityProblems(json);
    }

    /**
     * A URL the firewall refuses (a line break, an encoded percent sign or a semicolon in a path) is a problem
     * document too, not the servlet container's error page. Spring Security's filter chain takes the one bean of
     * this type.
     */
    @Bean
    RequestRejectedHandler tazaRequestRejected(SecurityProblems problems) {
        return (request, response, rejected) -> problems.rejected(response, rejected);
    }

    @Bean
    ActorAuthenticationConverter tazaActorConverter(OAuth2ResourceServerProperties resourceServer,
            TazaSecurityProperties taza) {
        return new ActorAuthenticationConverter(rolesClaim(resourceServer), taza.getOperatorBinClaim());
    }

    private static String rolesClaim(OAuth2ResourceServerProperties resourceServer) {
        String rolesClaim = resourceServer.getJwt().getAuthoritiesClaimName();
        return rolesClaim == null ? "roles" : rolesClaim;
    }

    /**
     * Management (actuator), on its own port: probes and the Prometheus scrape open, health details for the operations
     * role only (Spring's {@code management.endpoint.health.roles}), every other endpoint for the operations role.
     * The management server is told apart by its servlet context (it is a child context with a server of its own),
     * so the rule holds whichever port either server has; where management shares the API's server (an application
     * that sets no management port), by its base path.
     */
    @Bean
    @Order(MANAGEMENT_CHAIN_ORDER)
    SecurityFilterChain tazaManagementSecurity(HttpSecurity http, SecurityProblems problems,
            ActorAuthenticationConverter actors, ServletContext apiServletContext, Environment environment)
            throws Exception {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        // Its own server (a child context with a servlet context of its own), or its paths when it shares the API's.
        RequestMatcher managementServer = request -> request.getServletContext() != apiServletContext
                || request.getRequestURI().equals(base) || request.getRequestURI().startsWith(base + "/");
        http.securityMatcher(managementServer)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(base + "/health", base + "/health/**", base + "/prometheus").permitAll()
                        .anyRequest().hasRole(Role.OPERATIONS.claimValue()));
        resourceServer(http, problems, actors);
        return http.build();
    }

    /** The API: every request authenticated, each endpoint held to its {@link Allow} rule by {@link AccessRules}. */
    @Bean
    @Order(API_CHAIN_ORDER)
    SecurityFilterChain tazaApiSecurity(HttpSecurity http, SecurityProblems problems,
            ActorAuthenticationConverter actors, TazaSecurityProperties taza, Environment environment)
            throws Exception {
        requireIssuer(environment);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(publicPaths(taza)).permitAll()
                        .anyRequest().authenticated());
        resourceServer(http, problems, actors);
        return http.build();
    }

    /**
     * What the API server answers without a token, in every chain of it: the error page, and the OpenAPI documents and
     * Swagger UI when {@code taza.security.open-api-public} serves them.
     */
    public static String[] publicPaths(TazaSecurityProperties taza) {
        return taza.isOpenApiPublic()
                ? new String[] {"/error", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"}
                : new String[] {"/error"};
    }

    /**
     * People who sign in to a service that holds sessions ({@code oauth2Login}): loaded as Spring's OpenID Connect user
     * service does, their roles and actor read from the ID token with the same claims as a bearer token's.
     */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> tazaSignedInPeople(OAuth2ResourceServerProperties resourceServer,
            TazaSecurityProperties taza) {
        return SignedInPerson.userService(rolesClaim(resourceServer), taza.getOperatorBinClaim());
    }

    private static void resourceServer(HttpSecurity http, SecurityProblems problems,
            ActorAuthenticationConverter actors) throws Exception {
        // A token that cannot be checked now (the identity provider unreachable) is answered by the entry point (503),
        // not rethrown as a server error, which is the framework's default for that case.
        AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(problems);
        failures.setRethrowAuthenticationServiceException(false);
        http.oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(actors))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(failures);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
    }

    @Bean
    AccessRules tazaAccessRules(SecurityProblems problems) {
        return new AccessRules(problems);
    }

    @Bean
    WebMvcConfigurer tazaAccessRulesInterceptor(AccessRules rules) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(rules);
            }
        };
    }

    /**
     * This service's own bearer token for the calls it makes (client credentials, fetched when first needed and renewed
     * before it expires), as an interceptor for Spring's HTTP clients. Absent when no client secret is configured.
     */
    @Bean(SERVICE_CREDENTIALS)
    ClientHttpRequestInterceptor tazaServiceCredentials(TazaSecurityProperties taza, Environment environment) {
        TazaSecurityProperties.Client client = taza.getClient();
        String id = isBlank(client.getId()) ? environment.getRequiredProperty("spring.application.name")
                : client.getId();
        if (isBlank(client.getSecret())) {
            log.warn("No client secret for {} (taza.security.client.secret): reads forwarded to another instance "
                    + "will be refused", id);
            return (request, body, execution) -> execution.execute(request, body);
        }
        String tokenUri = isBlank(client.getTokenUri())
                ? stripSlash(environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", ""))
                        + "/oauth2/token"
                : client.getTokenUri();
        ClientRegistration registration = ClientRegistration.withRegistrationId(SERVICE_REGISTRATION)
                .clientId(id).clientSecret(client.getSecret())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUri).build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                        new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> SERVICE_REGISTRATION);
        // One token for the service, whoever's request caused the call (not one cached per caller).
        Authentication self = new AnonymousAuthenticationToken(id, id,
                AuthorityUtils.createAuthorityList(Role.SERVICE.authority()));
        interceptor.setPrincipalResolver(request -> self);
        return interceptor;
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static void requireIssuer(Environment environment) {
        String prefix = "spring.security.oauth2.resourceserver.jwt.";
        if (isBlank(environment.getProperty(prefix + "issuer-uri"))
                && isBlank(environment.getProperty(prefix + "jwk-set-uri"))) {
            throw new IllegalStateException("No token issuer is configured, and a Taza service does not run open: set "
                    + prefix + "issuer-uri (environment SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI) to the "
                    + "identity provider's issuer, e.g. http://localhost:8090 for ./taza up");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

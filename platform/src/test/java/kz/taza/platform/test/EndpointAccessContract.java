package kz.taza.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import kz.taza.platform.security.AccessRules;
import kz.taza.platform.security.Role;

/**
 * Checks every REST endpoint of a running service against its access rule, over HTTP with real tokens: no token is
 * 401; a token whose roles are all outside the rule is 403; a token with a role of the rule gets past it. The calls
 * that get past carry a malformed JSON body (for POST and PUT) and placeholder path values, so the endpoint answers
 * 400 or 404 and writes nothing. Each call accepts what the endpoint produces (JSON unless it says otherwise); an
 * event stream that opens is closed once its status is read. An endpoint with no rule fails the check by name.
 */
public final class EndpointAccessContract {

    /** What a path variable becomes: not a valid id of anything, and not a number. */
    static final String PLACEHOLDER = "no-such-thing";
    /** How the access rule's own refusal starts its detail. */
    static final String RULE_REFUSAL = "This endpoint needs one of the roles";

    private EndpointAccessContract() {
    }

    /** One endpoint: an HTTP method, a path pattern, what it accepts to answer with, and its handler. */
    public record Endpoint(RequestMethod method, String pattern, String accept, HandlerMethod handler) {
        @Override
        public String toString() {
            return method + " " + pattern + " (" + handler.getBeanType().getSimpleName() + "#"
                    + handler.getMethod().getName() + ")";
        }
    }

    /** The service's own endpoints (its {@code kz.taza} handlers), each method and pattern separately. */
    public static List<Endpoint> endpoints(ApplicationContext context) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                if (!AccessRules.isTazaEndpoint(entry.getValue())) {
                    continue;
                }
                Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
                Set<MediaType> produces = entry.getKey().getProducesCondition().getProducibleMediaTypes();
                String accept = produces.isEmpty() || produces.stream().anyMatch(MediaType.APPLICATION_JSON::isCompatibleWith)
                        ? MediaType.APPLICATION_JSON_VALUE : produces.iterator().next().toString();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    for (String pattern : entry.getKey().getPatternValues()) {
                        endpoints.add(new Endpoint(method, pattern, accept, entry.getValue()));
                    }
                }
            }
        }
        return endpoints;
    }

    /** Checks every endpoint; fails naming the first endpoint whose rule is missing or does not hold. */
    public static void check(ApplicationContext context, int port, SharedIdentityProvider identity) {
        List<Endpoint> endpoints = endpoints(context);
        assertThat(endpoints).as("the service has REST endpoints").isNotEmpty();
        for (Endpoint endpoint : endpoints) {
            Optional<Set<Role>> rule = AccessRules.ruleOf(endpoint.handler());
            assertThat(rule).as(endpoint + " has an access rule (@Allow)").isPresent();
            assertThat(call(port, endpoint, null)).as(endpoint + " without a token").isEqualTo(401);
            Set<Role> outside = EnumSet.allOf(Role.class);
            outside.removeAll(rule.get());
            for (Role role : outside) {
                assertThat(call(port, endpoint, token(identity, role)))
                        .as(endpoint + " with a token of " + role + " only").isEqualTo(403);
            }
            for (Role role : rule.get()) {
                Answer answer = send(port, endpoint, token(identity, role));
                if (role.operatorScoped() && answer.statusCode() == 403) {
                    // Past the rule, then held to its own operator's facilities: the placeholder is not one of them.
                    assertThat(answer.body()).as(endpoint + " with a token of " + role)
                            .doesNotContain(RULE_REFUSAL).contains("acts for operator");
                    continue;
                }
                assertThat(answer.statusCode())
                        .as(endpoint + " with a token of " + role + ", which the rule allows").isNotIn(401, 403);
            }
        }
    }

    private static String token(SharedIdentityProvider identity, Role role) {
        return switch (role) {
            case OPERATOR -> identity.operatorToken(SharedIdentityProvider.OPERATOR_A);
            case GATEWAY -> identity.gatewayToken(SharedIdentityProvider.OPERATOR_A);
            default -> identity.token(role);
        };
    }

    private static int call(int port, Endpoint endpoint, String token) {
        return send(port, endpoint, token).statusCode();
    }

    /** An answer: its status and, unless it is an event stream (which never ends by itself), its body. */
    private record Answer(int statusCode, String body) {
    }

    private static Answer send(int port, Endpoint endpoint, String token) {
        String path = endpoint.pattern().replaceAll("\\{[^}]+}", PLACEHOLDER);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", endpoint.accept());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (endpoint.method() == RequestMethod.POST || endpoint.method() == RequestMethod.PUT
                || endpoint.method() == RequestMethod.PATCH) {
            request.header("Content-Type", "application/json")
                    .method(endpoint.method().name(), HttpRequest.BodyPublishers.ofString("{ not json"));
        } else {
            request.method(endpoint.method().name(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                boolean stream = response.headers().firstValue("Content-Type")
                        .map(type -> type.startsWith(MediaType.TEXT_EVENT_STREAM_VALUE)).orElse(false);
                return new Answer(response.statusCode(),
                        stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError("calling " + endpoint + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted calling " + endpoint, e);
        }
    }
}

package kz.taza.platform.security;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals as RFC 9457 problem documents, like every other error of Taza's APIs: 401 when the request carries no
 * valid bearer token (none, malformed, expired, foreign issuer or audience), 403 when the token is valid but grants
 * none of the roles the endpoint needs, naming them, 503 with Retry-After when the token cannot be checked because
 * the identity provider did not answer, and 400 when the firewall refuses the URL itself. None echoes the token.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** Problem type of a request without a valid bearer token. */
    public static final String UNAUTHENTICATED = "/problems/unauthenticated";
    /** Problem type of a request whose token could not be checked, because the identity provider did not answer. */
    public static final String UNAVAILABLE = "/problems/identity-provider-unavailable";
    /** Problem type of a request whose token lacks the right. */
    public static final String FORBIDDEN = "/problems/forbidden";

    private final JsonMapper json;

    public SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            // Not the caller's fault: the identity provider's keys could not be had. Retrying soon is right.
            response.setHeader(HttpHeaders.RETRY_AFTER, "2");
            write(response, HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Tokens cannot be checked now",
                    "The identity provider's signing keys could not be fetched; retry shortly", Map.of());
            return;
        }
        boolean invalidToken = failure instanceof InvalidBearerTokenException
                || failure.getClass().getSimpleName().contains("Jwt");
        String detail = invalidToken
                ? "The bearer token is not valid: " + safeMessage(failure)
                : "This API needs a bearer token from Taza's identity provider (Authorization: Bearer ...)";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, invalidToken
                ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, HttpStatus.UNAUTHORIZED, UNAUTHENTICATED, "Authentication required", detail, Map.of());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        forbidden(response, denied.getMessage() == null ? "Not allowed" : denied.getMessage(), Map.of());
    }

    /** A 403 problem document; {@code properties} are added to it (for example the roles the endpoint needs). */
    public void forbidden(HttpServletResponse response, String detail, Map<String, Object> properties)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        write(response, HttpStatus.FORBIDDEN, FORBIDDEN, "Not allowed", detail, properties);
    }

    /** Problem type of a request whose URL the firewall refuses. */
    public static final String REJECTED = "/problems/request-rejected";

    /** A 400 problem document for a URL the firewall refuses, with the firewall's reason (it never holds a token). */
    public void rejected(HttpServletResponse response, RequestRejectedException rejected) throws IOException {
        write(response, HttpStatus.BAD_REQUEST, REJECTED, "Request rejected",
                "The request's URL is not one this API accepts: " + rejected.getMessage(), Map.of());
    }

    /** Role names as they appear in tokens, for problem documents. */
    public static java.util.List<String> names(Collection<Role> roles) {
        return roles.stream().map(Role::claimValue).sorted().toList();
    }

    private void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail,
            Map<String, Object> properties) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.putAll(properties);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The framework's reason for refusing a token (expiry, issuer, audience, signature): never the token itself. */
    private static String safeMessage(AuthenticationException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        int newline = message.indexOf('\n');
        message = newline >= 0 ? message.substring(0, newline) : message;
        // A JWT is three base64url parts joined by dots; never let one through, whatever the message holds.
        return message.replaceAll("[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]*", "<token>");
    }
}

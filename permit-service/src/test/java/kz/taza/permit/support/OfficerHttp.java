package kz.taza.permit.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import kz.taza.platform.security.Role;
import kz.taza.platform.test.SharedIdentityProvider;

/**
 * Calls to a permit-service started by a test itself (not through Spring's test client), as an officer: a token of
 * the JVM's identity provider with the {@code officer} role (the probes ignore it).
 */
public final class OfficerHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private OfficerHttp() {
    }

    public static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(asOfficer(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(asOfficer(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder asOfficer(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40))
                .header("Authorization", "Bearer " + SharedIdentityProvider.get().token(Role.OFFICER));
    }
}

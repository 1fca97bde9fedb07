package kz.taza.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.platform.test.TestNames;

/**
 * The four services, each a whole Spring Boot application with its real wiring, started in this JVM on a random port
 * against the shared in-process broker, each with its own Streams application id and state directory. The services'
 * jars all carry an {@code application.yml}; each application is pointed at its own by location, so the settings it
 * ships with (names, enforcement rules, ...) are the ones it runs with.
 */
final class ServiceSuite implements AutoCloseable {

    private final Map<String, ConfigurableApplicationContext> contexts = new java.util.LinkedHashMap<>();

    /**
     * Starts the applications one after the other, in the order given, and returns when all are started. (Side by
     * side they race: a Streams application may initialise its global store before the metadata of the topic that
     * another context has just declared is visible, and fails to start.)
     */
    ServiceSuite startAll(Map<String, Class<?>> applications) {
        applications.forEach(this::start);
        return this;
    }

    /** Starts the application; {@code name} is its module name (permit-service, ...). */
    ServiceSuite start(String name, Class<?> application) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.config.location=" + ownApplicationYml(application),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + SharedKafkaBroker.get().bootstrapServers(),
                "--spring.kafka.streams.application-id=" + TestNames.unique(name),
                "--taza.streams.state-dir=" + TestNames.stateDir(),
                "--taza.streams.commit-interval-ms=100"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).main(application)
                .run(args.toArray(String[]::new));
        contexts.put(name, context);
        return this;
    }

    URI url(String name) {
        int port = ((WebServerApplicationContext) contexts.get(name)).getWebServer().getPort();
        return URI.create("http://localhost:" + port);
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> reverse = new ArrayList<>(contexts.values());
        Collections.reverse(reverse);
        reverse.forEach(ConfigurableApplicationContext::close);
    }

    /** The {@code application.yml} inside the jar (or classes directory) the application class comes from. */
    static String ownApplicationYml(Class<?> application) {
        String home = application.getProtectionDomain().getCodeSource().getLocation().toString();
        try {
            for (URL url : Collections.list(application.getClassLoader().getResources("application.yml"))) {
                String candidate = url.toString();
                if (candidate.startsWith(home) || candidate.startsWith("jar:" + home)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no application.yml next to " + application.getName() + " in " + home);
    }
}

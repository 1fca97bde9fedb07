package kz.taza.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole Spring Boot applications with their real wiring, started in this JVM against the shared in-process broker,
 * each on its own port with its own Streams application id and state directory: several services side by side (the
 * end-to-end test), or several instances of one application (instance-to-instance reads). An application whose jar
 * carries an {@code application.yml} is pointed at its own by location, so the settings it ships with are the ones it
 * runs with, even when several services' jars are on the class path.
 */
public final class ServiceSuite implements AutoCloseable {

    private final Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final String issuer;

    /** Applications that trust the JVM's {@link SharedIdentityProvider}. */
    public ServiceSuite() {
        this(SharedIdentityProvider.get().issuer());
    }

    /**
     * Applications that trust another identity provider (one started with {@link SharedIdentityProvider#launch});
     * it must know the service client {@link SharedIdentityProvider#SERVICE_CLIENT}, as every launched one does.
     */
    public ServiceSuite(String issuer) {
        this.issuer = issuer;
    }

    /**
     * Starts the applications one after the other, in the order given, and returns when all are started. (Side by
     * side they race: a Streams application may initialise its global store before the metadata of the topic that
     * another context has just declared is visible, and fails to start.)
     */
    public ServiceSuite startAll(Map<String, Class<?>> applications) {
        applications.forEach(this::start);
        return this;
    }

    /** Starts the application; {@code name} is its module name (permit-service, ...). */
    public ServiceSuite start(String name, Class<?> application) {
        return start(name, application, Map.of());
    }

    /**
     * Starts the application with settings of its own, which win over the suite's (e.g. {@code server.port},
     * {@code spring.kafka.streams.application-id} shared by two instances, {@code taza.streams.application-server}).
     *
     * @param name       the application's name in this suite, unique
     * @param properties property name to value, without the leading {@code --}
     */
    public ServiceSuite start(String name, Class<?> application, Map<String, String> properties) {
        if (contexts.containsKey(name)) {
            throw new IllegalArgumentException(name + " is already started");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        ownApplicationYml(application).ifPresent(location -> settings.put("spring.config.location", location));
        settings.put("server.port", "0");
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.kafka.bootstrap-servers", SharedKafkaBroker.get().bootstrapServers());
        // The application logs in as its own principal (its spring.application.name) with the access model's ACLs.
        String principal = properties.containsKey(SharedBrokerInitializer.PRINCIPAL)
                ? properties.get(SharedBrokerInitializer.PRINCIPAL)
                : applicationName(application);
        settings.putAll(SharedKafkaBroker.get().login(principal).springProperties());
        settings.put("spring.kafka.streams.application-id", TestNames.unique(name));
        settings.put("taza.streams.state-dir", TestNames.stateDir().toString());
        settings.put("taza.streams.commit-interval-ms", "100");
        settings.put("management.server.port", "0");
        settings.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        settings.put("taza.security.client.id", SharedIdentityProvider.SERVICE_CLIENT);
        settings.put("taza.security.client.secret", SharedIdentityProvider.SERVICE_SECRET);
        // One value per name: a repeated command-line argument would reach Spring as "a,b".
        settings.putAll(properties);
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).main(application)
                .run(args.toArray(String[]::new));
        contexts.put(name, context);
        return this;
    }

    /** The running application's context. */
    public ConfigurableApplicationContext context(String name) {
        ConfigurableApplicationContext context = contexts.get(name);
        if (context == null) {
            throw new IllegalArgumentException(name + " is not started");
        }
        return context;
    }

    /** The base URL of the application's HTTP server. */
    public URI url(String name) {
        int port = ((WebServerApplicationContext) context(name)).getWebServer().getPort();
        return URI.create("http://localhost:" + port);
    }

    /** The base URL of the application's management server (probes, metrics). */
    public URI managementUrl(String name) {
        return URI.create("http://localhost:" + context(name).getEnvironment()
                .getRequiredProperty("local.management.port"));
    }

    /** Closes the applications in the reverse order of their start. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> reverse = new ArrayList<>(contexts.values());
        Collections.reverse(reverse);
        reverse.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
    }

    /** The {@code application.yml} inside the jar (or classes directory) the application class comes from, if any. */
    /** The {@code spring.application.name} of the application's own {@code application.yml}. */
    static String applicationName(Class<?> application) {
        String location = ownApplicationYml(application).orElseThrow(() -> new IllegalStateException(application
                + " has no application.yml of its own: pass " + SharedBrokerInitializer.PRINCIPAL));
        org.springframework.beans.factory.config.YamlPropertiesFactoryBean yaml =
                new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
        try {
            yaml.setResources(new org.springframework.core.io.UrlResource(location));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        String name = yaml.getObject().getProperty("spring.application.name");
        if (name == null) {
            throw new IllegalStateException(location + " names no spring.application.name: pass "
                    + SharedBrokerInitializer.PRINCIPAL);
        }
        return name;
    }

    static java.util.Optional<String> ownApplicationYml(Class<?> application) {
        String home = application.getProtectionDomain().getCodeSource().getLocation().toString();
        try {
            for (URL url : Collections.list(application.getClassLoader().getResources("application.yml"))) {
                String candidate = url.toString();
                if (candidate.startsWith(home) || candidate.startsWith("jar:" + home)) {
                    return java.util.Optional.of(candidate);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.util.Optional.empty();
    }
}

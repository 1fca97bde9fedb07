package kz.taza.platform.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code taza-platform-defaults.properties} as the lowest-precedence property source of every service, before
 * any auto-configuration looks at the environment (endpoint exposure, health groups, shutdown). A service's own
 * configuration and the environment override each default. An application that sets {@code taza.platform.defaults}
 * to false gets none of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "taza-platform-defaults.properties";
    /** Set to false by an application that shares the class path but is not a Taza service. */
    static final String SWITCH = "taza.platform.defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(SWITCH, Boolean.class, true)) {
            // An application in the same JVM that is not a Taza service (the local identity provider in a test).
            return;
        }
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("taza-platform-defaults",
                    new ClassPathResource(RESOURCE, PlatformDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

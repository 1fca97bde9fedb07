package kz.taza.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Taza's identity provider for local runs and tests: an OAuth 2.1 / OpenID Connect issuer (Spring Authorization
 * Server) whose clients and users come from configuration ({@code taza.identity.*}). Machine clients (services, the
 * simulator, AMS gateways, agencies) get tokens with the client-credentials grant; people (officers, analysts) sign in
 * with the authorization-code grant and PKCE. In production the services trust the ministry's own issuer instead,
 * by configuration only.
 *
 * <p>Its settings file is {@code identity-provider.yml}, not {@code application.yml}, so that tests can start it in the
 * same JVM as a service without either reading the other's settings.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityProviderApplication {

    /** Settings every start gets, below the command line and the environment. */
    static final Map<String, Object> DEFAULTS = Map.of(
            "spring.config.name", "identity-provider",
            // Taza services' shared defaults (actuator exposure, Kafka) are not the provider's.
            "taza.platform.defaults", "false");

    public static void main(String[] args) {
        start(Map.of(), args);
    }

    /** Starts the provider with extra settings (below the command line), e.g. from a test. */
    public static ConfigurableApplicationContext start(Map<String, Object> settings, String... args) {
        SpringApplication application = new SpringApplication(IdentityProviderApplication.class);
        Map<String, Object> defaults = new LinkedHashMap<>(DEFAULTS);
        defaults.putAll(settings);
        application.setDefaultProperties(defaults);
        return application.run(args);
    }
}

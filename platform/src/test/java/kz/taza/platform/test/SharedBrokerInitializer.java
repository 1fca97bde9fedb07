package kz.taza.platform.test;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.resttestclient.autoconfigure.RestTestClientBuilderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpHeaders;

/**
 * Points a Spring test context at the {@link SharedKafkaBroker} (logged in as its principal, {@link #PRINCIPAL}) and the {@link SharedIdentityProvider}, with its own Streams application id and state
 * directory so that contexts sharing the broker never share state.
 */
public class SharedBrokerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /**
     * The principal of the access model the context logs in as; {@code spring.application.name} when unset (a
     * service's own).
     */
    public static final String PRINCIPAL = "taza.test.kafka-principal";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // A test's RestTestClient calls the API as staff (every role that reaches all facilities); tests of who may
        // call what make their own clients with the tokens they need.
        String staff = SharedIdentityProvider.get().staffToken();
        context.getBeanFactory().registerSingleton("tazaStaffRestTestClient", (RestTestClientBuilderCustomizer)
                builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + staff));
        String applicationName = context.getEnvironment().getProperty("spring.application.name", "taza-test");
        // The service logs in as its own principal, with the ACLs the access model gives it and nothing more.
        String principal = context.getEnvironment().getProperty(PRINCIPAL, applicationName);
        Map<String, Object> kafka = new HashMap<>(SharedKafkaBroker.get().login(principal).springProperties());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("taza-shared-broker-login", kafka));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("taza-shared-broker", Map.of(
                "spring.kafka.bootstrap-servers", SharedKafkaBroker.get().bootstrapServers(),
                "spring.kafka.streams.application-id", TestNames.unique(applicationName),
                "taza.streams.state-dir", TestNames.stateDir().toString(),
                "taza.streams.commit-interval-ms", "50",
                // The identity provider of this JVM: the service trusts its tokens and gets its own from it.
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", SharedIdentityProvider.get().issuer(),
                "taza.security.client.id", SharedIdentityProvider.SERVICE_CLIENT,
                "taza.security.client.secret", SharedIdentityProvider.SERVICE_SECRET)));
    }
}

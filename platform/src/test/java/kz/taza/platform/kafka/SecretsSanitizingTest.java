package kz.taza.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;

import kz.taza.platform.access.KafkaLogin;
import tools.jackson.databind.json.JsonMapper;

/** No secret of a Kafka login in /actuator/env or /actuator/configprops, even when an operator opens them. */
class SecretsSanitizingTest {

    private static final String PASSWORD = "SaslPassword4Permits";
    private static final String KEY_STORE_PASSWORD = "KeyStorePassword4Permits";
    private static final String TRUST_STORE_PASSWORD = "TrustStorePassword4Permits";
    private static final String JAAS = KafkaLogin.plaintext("permit-service", PASSWORD).jaasConfig();

    @EnableConfigurationProperties(KafkaProperties.class)
    @Configuration(proxyBeanMethods = false)
    static class WithKafkaProperties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
                    EnvironmentEndpointAutoConfiguration.class,
                    ConfigurationPropertiesReportEndpointAutoConfiguration.class))
            .withUserConfiguration(TazaKafkaAutoConfiguration.SecretsSanitizing.class, WithKafkaProperties.class)
            .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("operator-environment", Map.of(
                            "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS,
                            "JAVA_TOOL_OPTIONS", "-Dlogin.options=\"username=x password=" + PASSWORD + "\""))))
            .withPropertyValues(
                    "management.endpoints.web.exposure.include=env,configprops",
                    "spring.kafka.bootstrap-servers=broker-1.taza.test:9093",
                    "spring.kafka.properties.sasl.jaas.config=" + JAAS,
                    "spring.kafka.properties.ssl.truststore.password=" + TRUST_STORE_PASSWORD,
                    "spring.kafka.ssl.key-store-password=" + KEY_STORE_PASSWORD,
                    "spring.kafka.ssl.trust-store-password=" + TRUST_STORE_PASSWORD);

    @Test
    void givenAnOperatorWhoShowsValuesTheKafkaSecretsAreMaskedAndTheRestShown() {
        runner.withPropertyValues("management.endpoint.env.show-values=always",
                "management.endpoint.configprops.show-values=always").run(context -> {
                    String env = json(context.getBean(EnvironmentEndpoint.class).environment(null));
                    String configprops = json(context.getBean(ConfigurationPropertiesReportEndpoint.class)
                            .configurationProperties());

                    for (String output : new String[] {env, configprops}) {
                        assertThat(output).contains("broker-1.taza.test:9093")
                                .doesNotContain(PASSWORD, KEY_STORE_PASSWORD, TRUST_STORE_PASSWORD, "ScramLoginModule");
                    }
                    assertThat(env).contains("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "JAVA_TOOL_OPTIONS");
                });
    }

    @Test
    void givenThePlatformDefaultsTheEndpointsShowNoValueAtAll() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/taza-platform-defaults.properties")) {
            defaults.load(in);
        }
        runner.withInitializer(context -> context.getEnvironment().getPropertySources()
                .addLast(new PropertiesPropertySource("taza-platform-defaults", defaults))).run(context -> {
                    String env = json(context.getBean(EnvironmentEndpoint.class).environment(null));
                    String configprops = json(context.getBean(ConfigurationPropertiesReportEndpoint.class)
                            .configurationProperties());

                    for (String output : new String[] {env, configprops}) {
                        assertThat(output).doesNotContain(PASSWORD, KEY_STORE_PASSWORD, TRUST_STORE_PASSWORD,
                                "broker-1.taza.test:9093");
                    }
                });
        assertThat(defaults.getProperty("management.endpoints.web.exposure.include")).doesNotContain("env",
                "configprops");
    }

    private static String json(Object descriptor) {
        return JsonMapper.builder().build().writeValueAsString(descriptor);
    }
}

package kz.taza.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.security.TazaSecurityProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every environment variable the charts set is a property the services really read. The known properties are not a
 * list kept here: they are the Spring configuration metadata on the class path (Spring Boot's own, {@code spring.kafka.*}
 * included, and the platform's {@code taza.*}, written by the configuration processor) and the services' own
 * {@code @ConfigurationProperties} classes, read from their compiled classes. Then Spring's own binder reads the
 * rendered environment, so relaxed binding is checked by the code that does it at run time.
 */
class EnvironmentVariablesTest {

    /** Variables that are not Spring properties, and who reads them. */
    private static final Map<String, String> NOT_SPRING_PROPERTIES = Map.of(
            "POD_NAME", "the downward API; Kubernetes substitutes $(POD_NAME) in the variables after it",
            "JAVA_TOOL_OPTIONS", "the JVM");

    private static Map<String, Map<String, Object>> releases;
    private static Map<String, String> knownProperties;

    @BeforeAll
    static void renderAndLoadMetadata() throws IOException {
        releases = new LinkedHashMap<>();
        releases.put("production", env(TopicCatalogueTest.production()));
        releases.put("defaults", env(Charts.renderUmbrella(List.of("ci/default-values.yaml"), Map.of())));
        knownProperties = new TreeMap<>();
        Enumeration<URL> metadata = EnvironmentVariablesTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (metadata.hasMoreElements()) {
            try (InputStream in = metadata.nextElement().openStream()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> json = JsonMapper.builder().build().readValue(in, Map.class);
                List<Map<String, Object>> properties = Manifests.at(json, "properties");
                for (Map<String, Object> property : properties) {
                    knownProperties.put((String) property.get("name"), String.valueOf(property.get("type")));
                }
            }
        }
        for (String service : Charts.SERVICES) {
            for (Class<?> type : ServiceClasses.of(service).configurationProperties()) {
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                walk(prefix, type, knownProperties);
            }
        }
    }

    @Test
    void theMetadataKnowsTheTazaAndSpringKafkaProperties() {
        // the check below is only as good as its metadata: the platform's and Spring Boot's Kafka metadata are there
        assertThat(knownProperties).containsKeys("taza.streams.state-dir", "taza.kafka.replication-factor",
                "spring.kafka.bootstrap-servers", "spring.kafka.streams.properties", "spring.application.name",
                "server.port");
        // and the security ones: Spring Boot's resource server and management server, the platform's taza.security
        assertThat(knownProperties).containsKeys("spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                "spring.security.oauth2.resourceserver.jwt.audiences",
                "spring.security.oauth2.resourceserver.jwt.authorities-claim-name", "management.server.port",
                "taza.security.operator-bin-claim", "taza.security.open-api-public", "taza.security.client.id",
                "taza.security.client.secret", "taza.security.client.token-uri");
    }

    @Test
    void aMistypedVariableMatchesNoProperty() {
        assertThat(isKnown("TAZA_STREAMS_STATE_DIR")).isTrue();
        assertThat(isKnown("TAZA_STREAMS_STATEDIR")).isTrue();
        assertThat(isKnown("TAZA_STREAMS_STATE_DIRECTORY")).isFalse();
        assertThat(isKnown("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isTrue();
        assertThat(isKnown("SPRING_KAFKA_SASL_MECHANISM")).isFalse();
        assertThat(isKnown("TAZA_SECURITY_CLIENT_SECRET")).isTrue();
        assertThat(isKnown("TAZA_SECURITY_CLIENT_PASSWORD")).isFalse();
        assertThat(isKnown("SPRING_SECURITY_OAUTH2_RESOURCESERVER_ISSUER_URI")).isFalse();
        // the local stack's MANAGEMENT_PORT is a placeholder of the services' application.yml, not a property
        assertThat(isKnown("MANAGEMENT_PORT")).isFalse();
    }

    @Test
    void everyEnvironmentVariableIsAPropertyTheServicesRead() {
        for (Map.Entry<String, Map<String, Object>> release : releases.entrySet()) {
            for (Map.Entry<String, Object> perService : release.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, String> env = (Map<String, String>) perService.getValue();
                Set<String> unknown = new TreeSet<>();
                for (String name : env.keySet()) {
                    if (NOT_SPRING_PROPERTIES.containsKey(name)) {
                        continue;
                    }
                    if (name.equals("SPRING_APPLICATION_JSON")) {
                        flatten("", new Yaml().load(env.get(name))).keySet().stream()
                                .filter(p -> !isKnown(p.toUpperCase().replace('.', '_').replace('-', '_')))
                                .forEach(unknown::add);
                    } else if (!isKnown(name)) {
                        unknown.add(name);
                    }
                }
                assertThat(unknown).as("variables of %s (%s values) that no configuration property matches",
                        perService.getKey(), release.getKey()).isEmpty();
            }
        }
    }

    @Test
    void springBindsTheRenderedEnvironmentToTheKafkaAndTazaSettings() {
        // given: the production-like environment of tree-planting-service as its pod 0 sees it
        Map<String, String> env = envOf("production", "tree-planting-service");
        Binder binder = binder(env);
        // when
        KafkaProperties kafka = binder.bind("spring.kafka", KafkaProperties.class).get();
        TazaProperties taza = binder.bind("taza", TazaProperties.class).get();
        // then
        assertThat(kafka.getBootstrapServers()).containsExactly("taza-kafka-kafka-bootstrap.kafka.svc:9093");
        assertThat(kafka.getSecurity().getProtocol()).isEqualTo("SASL_SSL");
        assertThat(kafka.getProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "secret:tree-planting-service/sasl.jaas.config");
        assertThat(kafka.getSsl().getTrustStoreType()).isEqualTo("PKCS12");
        assertThat(kafka.getSsl().getTrustStorePassword()).isEqualTo("secret:taza-kafka-cluster-ca-cert/ca.password");
        assertThat(kafka.getSsl().getTrustStoreLocation().getDescription()).contains("/etc/taza/kafka-truststore/ca.p12");
        // static membership: Spring hands group.instance.id to the Streams application's consumers
        assertThat(kafka.getStreams().getProperties()).containsEntry("group.instance.id", "tree-planting-service-0");
        assertThat(kafka.buildStreamsProperties()).containsEntry("group.instance.id", "tree-planting-service-0");
        assertThat(taza.getStreams().getStateDir()).isEqualTo("/var/lib/taza/streams");
        assertThat(taza.getStreams().getStandbyReplicas()).isEqualTo(1);
        assertThat(taza.getStreams().getApplicationServer())
                .isEqualTo("tree-planting-service-0.taza-tree-planting-service-headless.taza.svc:8080");
        assertThat(taza.getKafka().getReplicationFactor()).isEqualTo((short) 3);
        assertThat(taza.getZone().getId()).isEqualTo("+05:00");
        assertThat(binder.bind("spring.application.name", String.class).get()).isEqualTo("tree-planting-service");
        assertThat(binder.bind("server.port", Integer.class).get()).isEqualTo(8080);
    }

    @Test
    void springBindsTheRenderedEnvironmentToTheResourceServerManagementAndClientSettings() {
        // given: the production-like environment of tree-planting-service
        Binder binder = binder(envOf("production", "tree-planting-service"));
        // when
        OAuth2ResourceServerProperties.Jwt jwt = binder.bind("spring.security.oauth2.resourceserver",
                OAuth2ResourceServerProperties.class).get().getJwt();
        TazaSecurityProperties security = binder.bind("taza.security", TazaSecurityProperties.class).get();
        // then: the issuer, audience and claims the platform checks tokens with
        assertThat(jwt.getIssuerUri()).isEqualTo("https://idp.ministry.example/realms/taza");
        assertThat(jwt.getAudiences()).containsExactly("taza");
        assertThat(jwt.getAuthoritiesClaimName()).isEqualTo("roles");
        assertThat(security.getOperatorBinClaim()).isEqualTo("operator_bin");
        assertThat(security.isOpenApiPublic()).isFalse();
        // the service's own client: its secret from the Secret, its token endpoint the realm's
        assertThat(security.getClient().getSecret()).isEqualTo("secret:taza-tree-planting-service-client/client-secret");
        assertThat(security.getClient().getTokenUri())
                .isEqualTo("https://idp.ministry.example/realms/taza/protocol/openid-connect/token");
        // management on a port of its own, apart from the API
        assertThat(binder.bind("management.server.port", Integer.class).get()).isEqualTo(8081);
        assertThat(binder.bind("server.port", Integer.class).get()).isEqualTo(8080);
    }

    @Test
    void serviceSettingsFromTheChartReachTheServicesOwnProperties() throws Exception {
        // given: production values set taza.forest.max-batch-size through the chart's config map
        Class<?> forest = ServiceClasses.of("tree-planting-service").configurationProperties().stream()
                .filter(c -> c.getAnnotation(ConfigurationProperties.class).prefix().equals("taza.forest"))
                .findFirst().orElseThrow();
        // when
        Object bound = binder(envOf("production", "tree-planting-service")).bind("taza.forest", forest).get();
        // then
        assertThat(forest.getMethod("getMaxBatchSize").invoke(bound)).isEqualTo(1000);
    }

    @Test
    void partitionOverridesReachTazaKafkaTopicPartitions() {
        // given
        Manifests release = new Manifests(Charts.template(Charts.UMBRELLA, List.of("ci/default-values.yaml"),
                Map.of("tree-planting-service.topicPartitions.forest\\.command-results\\.v1", 12)));
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) env(release).get("tree-planting-service");
        // when: Spring reads SPRING_APPLICATION_JSON as a property source of its own
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("spring.application.json",
                flatten("", new Yaml().load(env.get("SPRING_APPLICATION_JSON")))));
        TazaProperties taza = new Binder(ConfigurationPropertySources.from(sources)).bind("taza", TazaProperties.class)
                .get();
        // then: a topic name with dots and dashes arrives whole
        assertThat(taza.getKafka().getTopicPartitions()).containsEntry("forest.command-results.v1", 12);
    }

    private static boolean isKnown(String envName) {
        for (Map.Entry<String, String> property : knownProperties.entrySet()) {
            String name = property.getKey();
            String legacy = name.toUpperCase().replace('.', '_').replace('-', '_');
            String canonical = name.toUpperCase().replace("-", "").replace('.', '_');
            if (envName.equals(legacy) || envName.equals(canonical)) {
                return true;
            }
            // a Map-typed property takes any key below it (spring.kafka.properties.sasl.mechanism)
            if (property.getValue().startsWith("java.util.Map")
                    && (envName.startsWith(legacy + "_") || envName.startsWith(canonical + "_"))) {
                return true;
            }
        }
        return false;
    }

    /** Property names of a {@code @ConfigurationProperties} class: its setters, and nested classes of its own. */
    private static void walk(String prefix, Class<?> type, Map<String, String> into) {
        try {
            for (PropertyDescriptor property : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
                if (property.getName().equals("class") || property.getReadMethod() == null) {
                    continue;
                }
                String name = prefix + "." + property.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
                Class<?> propertyType = property.getPropertyType();
                if (property.getWriteMethod() != null) {
                    into.put(name, propertyType.getName());
                } else if (propertyType.getEnclosingClass() == type) {
                    walk(name, propertyType, into);
                }
            }
        } catch (java.beans.IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    private Binder binder(Map<String, String> env) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        env.forEach((k, v) -> resolved.put(k, v.replace("$(POD_NAME)", "tree-planting-service-0")));
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, resolved));
        return new Binder(ConfigurationPropertySources.from(sources), null,
                ApplicationConversionService.getSharedInstance());
    }

    private static Map<String, String> envOf(String release, String service) {
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) releases.get(release).get(service);
        return env;
    }

    /** Each StatefulSet's env, by service; a value from a Secret reads "secret:<name>/<key>". */
    private static Map<String, Object> env(Manifests release) {
        Map<String, Object> byService = new TreeMap<>();
        for (Map<String, Object> set : release.ofKind("StatefulSet")) {
            Map<String, String> env = new LinkedHashMap<>();
            for (Map<String, Object> var : Manifests.env(set)) {
                Object value = var.get("value");
                if (value == null && Manifests.at(var, "valueFrom", "secretKeyRef") != null) {
                    value = "secret:" + Manifests.at(var, "valueFrom", "secretKeyRef", "name") + "/"
                            + Manifests.at(var, "valueFrom", "secretKeyRef", "key");
                }
                env.put((String) var.get("name"), value == null ? "" : value.toString());
            }
            byService.put(Manifests.at(set, "metadata", "labels", "app.kubernetes.io/name"), env);
        }
        return byService;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flatten(String prefix, Object node) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = prefix.isEmpty() ? e.getKey().toString() : prefix + "." + e.getKey();
                if (e.getValue() instanceof Map<?, ?>) {
                    // a key with dots (a topic name) is a map key: keep it whole, in brackets
                    boolean leafMap = ((Map<String, Object>) e.getValue()).values().stream()
                            .noneMatch(v -> v instanceof Map<?, ?>);
                    if (leafMap && ((Map<String, Object>) e.getValue()).keySet().stream().anyMatch(k -> k.contains("."))) {
                        ((Map<String, Object>) e.getValue()).forEach((k, v) -> flat.put(key + "[" + k + "]", v));
                    } else {
                        flat.putAll(flatten(key, e.getValue()));
                    }
                } else {
                    flat.put(key, e.getValue());
                }
            }
        }
        return flat;
    }
}

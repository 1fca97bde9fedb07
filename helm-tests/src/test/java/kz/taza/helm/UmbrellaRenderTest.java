package kz.taza.helm;

import static kz.taza.helm.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * The umbrella chart renders the whole suite: with only the bootstrap servers set (ci/default-values.yaml) and as a
 * production-like installation (ci/production-values.yaml: 3 instances, SASL_SSL, KEDA, Strimzi). The probes,
 * shutdown time and exposure are checked against the platform's own defaults, the file every service starts from.
 */
class UmbrellaRenderTest {

    private static Manifests defaults;
    private static Manifests production;
    private static Properties platformDefaults;

    @BeforeAll
    static void render() throws IOException {
        defaults = Charts.renderUmbrella(List.of("ci/default-values.yaml"), Map.of());
        production = TopicCatalogueTest.production();
        platformDefaults = new Properties();
        try (InputStream in = UmbrellaRenderTest.class.getClassLoader()
                .getResourceAsStream("taza-platform-defaults.properties")) {
            platformDefaults.load(in);
        }
    }

    @Test
    void defaultValuesInstallEveryServiceAsAStatefulSetWithTwoServicesAndABudget() {
        // then
        for (String service : Charts.SERVICES) {
            Map<String, Object> set = defaults.named("StatefulSet", "taza-" + service);
            assertThat(Manifests.<Integer>at(set, "spec", "replicas")).isEqualTo(1);
            assertThat(Manifests.<String>at(set, "spec", "serviceName")).isEqualTo("taza-" + service + "-headless");
            assertThat(Manifests.<Object>at(defaults.named("Service", "taza-" + service + "-headless"), "spec",
                    "clusterIP")).isEqualTo("None");
            assertThat(Manifests.<String>at(defaults.named("Service", "taza-" + service), "spec", "type"))
                    .isEqualTo("ClusterIP");
            assertThat(Manifests.<Integer>at(defaults.named("PodDisruptionBudget", "taza-" + service), "spec",
                    "maxUnavailable")).isEqualTo(1);
            assertThat(Manifests.<String>at(set, "metadata", "labels", "app.kubernetes.io/name")).isEqualTo(service);
            assertThat(Manifests.<String>at(Manifests.container(set), "image"))
                    .isEqualTo("taza/" + service + ":0.1.0-SNAPSHOT");
        }
        // and nothing optional is rendered
        assertThat(defaults.all()).extracting(d -> d.get("kind")).doesNotContain("ScaledObject",
                "HorizontalPodAutoscaler", "KafkaTopic", "KafkaUser", "ServiceMonitor", "NetworkPolicy", "PrometheusRule");
        assertThat(defaults.ofKind("Service")).hasSize(2 * Charts.SERVICES.size());
    }

    @Test
    void probesCallTheActuatorHealthGroupsThePlatformDefines() {
        // given: the platform exposes health with its liveness and readiness groups under the default base path
        assertThat(platformDefaults.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(platformDefaults.getProperty("management.endpoints.web.exposure.include")).contains("health");
        assertThat(platformDefaults.getProperty("management.endpoints.web.base-path")).isNull();
        assertThat(platformDefaults.getProperty("management.endpoint.health.group.liveness.include"))
                .contains("streamsLiveness");
        assertThat(platformDefaults.getProperty("management.endpoint.health.group.readiness.include"))
                .contains("streamsReadiness");
        for (Manifests release : List.of(defaults, production)) {
            for (Map<String, Object> set : release.ofKind("StatefulSet")) {
                Map<String, Object> container = Manifests.container(set);
                // then
                assertThat(Manifests.<String>at(container, "livenessProbe", "httpGet", "path"))
                        .isEqualTo("/actuator/health/liveness");
                assertThat(Manifests.<String>at(container, "readinessProbe", "httpGet", "path"))
                        .isEqualTo("/actuator/health/readiness");
                assertThat(Manifests.<String>at(container, "startupProbe", "httpGet", "path"))
                        .isEqualTo("/actuator/health/liveness");
                // on the management port (open there without a token), not the API's, which the ingress reaches
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(Manifests.<String>at(container, probe, "httpGet", "port")).isEqualTo("management");
                }
            }
        }
    }

    @Test
    void serviceMonitorsScrapeThePrometheusEndpointThePlatformExposes() {
        assertThat(platformDefaults.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
        assertThat(production.ofKind("ServiceMonitor")).hasSize(Charts.SERVICES.size()).allSatisfy(monitor ->
                assertThat(Manifests.<String>at(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus"));
    }

    @Test
    void podsGetLongerToStopThanSpringsShutdownPhases() {
        // given: the web server's graceful stop, then the Streams application's close, each up to one phase timeout
        Duration phase = DurationStyle.detectAndParse(
                platformDefaults.getProperty("spring.lifecycle.timeout-per-shutdown-phase"));
        for (Map<String, Object> set : production.ofKind("StatefulSet")) {
            // then
            assertThat(Manifests.<Integer>at(set, "spec", "template", "spec", "terminationGracePeriodSeconds"))
                    .isGreaterThan((int) phase.multipliedBy(2).toSeconds());
        }
    }

    @Test
    void containersRunAsNonRootOnAReadOnlyRootWithWritableStateAndTmp() {
        for (Map<String, Object> set : production.ofKind("StatefulSet")) {
            Map<String, Object> container = Manifests.container(set);
            assertThat(Manifests.<Boolean>at(set, "spec", "template", "spec", "securityContext", "runAsNonRoot")).isTrue();
            assertThat(Manifests.<Boolean>at(container, "securityContext", "readOnlyRootFilesystem")).isTrue();
            assertThat(Manifests.<Boolean>at(container, "securityContext", "allowPrivilegeEscalation")).isFalse();
            List<Map<String, Object>> mounts = at(container, "volumeMounts");
            assertThat(mounts).extracting(m -> m.get("mountPath")).contains("/tmp", "/var/lib/taza/streams");
            assertThat(Manifests.envVar(set, "TAZA_STREAMS_STATE_DIR").get("value")).isEqualTo("/var/lib/taza/streams");
            // the state directory is a PersistentVolumeClaim per pod
            assertThat(Manifests.<String>at(set, "spec", "volumeClaimTemplates", 0, "metadata", "name")).isEqualTo("state");
            assertThat(Manifests.<Object>at(container, "resources", "limits", "memory")).isNotNull();
        }
    }

    @Test
    void streamsInstancesHaveStandbysStaticMembershipAndAnAddressForQueryForwarding() {
        for (String service : Charts.SERVICES) {
            Map<String, Object> set = production.named("StatefulSet", "taza-" + service);
            assertThat(Manifests.envVar(set, "TAZA_STREAMS_STANDBY_REPLICAS").get("value")).isEqualTo("1");
            assertThat(Manifests.<String>at(Manifests.envVar(set, "POD_NAME"), "valueFrom", "fieldRef", "fieldPath"))
                    .isEqualTo("metadata.name");
            assertThat(Manifests.envVar(set, "SPRING_KAFKA_STREAMS_PROPERTIES_GROUP_INSTANCE_ID").get("value"))
                    .isEqualTo("$(POD_NAME)");
            assertThat(Manifests.envVar(set, "TAZA_STREAMS_APPLICATION_SERVER").get("value"))
                    .isEqualTo("$(POD_NAME).taza-" + service + "-headless.taza.svc:8080");
            // POD_NAME comes first: Kubernetes substitutes $(VAR) only from variables defined earlier
            assertThat(Manifests.env(set).get(0).get("name")).isEqualTo("POD_NAME");
        }
    }

    @Test
    void productionValuesConnectOverSaslSslWithSecretsAndScaleOnLagFromThreeInstances() {
        for (String service : Charts.SERVICES) {
            Map<String, Object> set = production.named("StatefulSet", "taza-" + service);
            assertThat(Manifests.envVar(set, "SPRING_KAFKA_SECURITY_PROTOCOL").get("value")).isEqualTo("SASL_SSL");
            assertThat(Manifests.envVar(set, "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM").get("value"))
                    .isEqualTo("SCRAM-SHA-512");
            // credentials come from the KafkaUser's Secret, never from values
            assertThat(Manifests.<String>at(Manifests.envVar(set, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"),
                    "valueFrom", "secretKeyRef", "name")).isEqualTo(service);
            assertThat(Manifests.<String>at(Manifests.envVar(set, "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD"),
                    "valueFrom", "secretKeyRef", "name")).isEqualTo("taza-kafka-cluster-ca-cert");
            assertThat(Manifests.envVar(set, "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION").get("value"))
                    .isEqualTo("file:/etc/taza/kafka-truststore/ca.p12");
            assertThat(Manifests.envVar(set, "TAZA_KAFKA_REPLICATION_FACTOR").get("value")).isEqualTo("3");
            // KEDA owns the replica count: the StatefulSet does not set one that an upgrade would reset
            assertThat(Manifests.<Object>at(set, "spec", "replicas")).isNull();
            Map<String, Object> scaled = production.named("ScaledObject", "taza-" + service);
            assertThat(Manifests.<Integer>at(scaled, "spec", "minReplicaCount")).isEqualTo(3);
            assertThat(Manifests.<Integer>at(scaled, "spec", "maxReplicaCount")).isLessThanOrEqualTo(6);
            assertThat(Manifests.<String>at(scaled, "spec", "scaleTargetRef", "kind")).isEqualTo("StatefulSet");
            assertThat(Manifests.<String>at(scaled, "spec", "triggers", 0, "metadata", "sasl")).isEqualTo("scram_sha512");
            // KEDA logs in with the KafkaUser's Secret (a named credentials Secret: KedaScalingTest)
            assertThat(Manifests.<String>at(production.named("TriggerAuthentication", "taza-" + service + "-kafka"),
                    "spec", "secretTargetRef", 0, "name")).isEqualTo(service);
            assertThat(Manifests.<String>at(production.named("KafkaUser", service), "metadata", "labels",
                    "strimzi.io/cluster")).isEqualTo("taza-kafka");
            assertThat(production.named("NetworkPolicy", "taza-" + service)).isNotNull();
        }
    }

    @Test
    void kafkaUserCoversTheGroupTransactionsAndInternalTopicsOfItsStreamsApplicationOnly() {
        for (String service : Charts.SERVICES) {
            List<Map<String, Object>> acls = at(production.named("KafkaUser", service), "spec", "authorization", "acls");
            List<Map<String, Object>> prefixed = acls.stream()
                    .filter(a -> "prefix".equals(at(a, "resource", "patternType"))).toList();
            assertThat(prefixed).extracting(a -> at(a, "resource", "type") + ":" + at(a, "resource", "name"))
                    .containsExactlyInAnyOrder("topic:" + service + "-", "group:" + service,
                            "transactionalId:" + service);
            assertThat(acls).noneMatch(a -> "cluster".equals(at(a, "resource", "type")));
        }
    }
}

package kz.taza.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Values an operator gets wrong are refused when rendering, with a message that says what to change. */
class BadValuesTest {

    private static final List<String> DEFAULTS = List.of("ci/default-values.yaml");

    @Test
    void replicaCountThatIsNotANumberIsRefusedByTheSchema() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS, Map.of("permit-service.replicaCount", "three"));
        assertThat(message).contains("permit-service").contains("replicaCount")
                .contains("Invalid type. Expected: integer, given: string");
    }

    @Test
    void kedaMaximumAboveTheInputPartitionsIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS, Map.of(
                "emission-service.autoscaling.keda.enabled", true,
                "emission-service.autoscaling.keda.maxReplicaCount", 12));
        assertThat(message).contains("autoscaling.keda.maxReplicaCount (12) is above the partition count of the "
                + "input topics (6)");
    }

    @Test
    void kedaMaximumUpToRaisedPartitionsIsAccepted() {
        // given: the operator raised the partitions of one input topic to 12
        Manifests release = new Manifests(Charts.template(Charts.UMBRELLA, DEFAULTS, Map.of(
                "tree-planting-service.autoscaling.keda.enabled", true,
                "tree-planting-service.autoscaling.keda.maxReplicaCount", 12,
                "tree-planting-service.topicPartitions.forest\\.commands\\.v1", 12)));
        // then: accepted, and the service is told the new count
        assertThat(Manifests.<Integer>at(release.named("ScaledObject", "taza-tree-planting-service"), "spec",
                "maxReplicaCount")).isEqualTo(12);
        assertThat(Manifests.envVar(release.named("StatefulSet", "taza-tree-planting-service"),
                "SPRING_APPLICATION_JSON").get("value"))
                .isEqualTo("{\"taza\":{\"kafka\":{\"topic-partitions\":{\"forest.commands.v1\":12}}}}");
    }

    @Test
    void missingBootstrapServersAreRefusedWithTheValueToSet() {
        String message = Charts.failureOf(Charts.UMBRELLA, List.of(), Map.of());
        assertThat(message).contains("global.kafka.bootstrapServers is required");
    }

    @Test
    void aServiceChartAloneAlsoNeedsTheBootstrapServers() {
        String message = Charts.failureOf("inspection-service", List.of(), Map.of());
        assertThat(message).contains("global.kafka.bootstrapServers is required");
    }

    @Test
    void missingIssuerIsRefusedWithTheValueToSet() {
        String message = Charts.failureOf(Charts.UMBRELLA, List.of(),
                Map.of("global.kafka.bootstrapServers", Charts.CI_BOOTSTRAP));
        assertThat(message).contains("global.security.issuerUri is required");
    }

    @Test
    void aServiceChartAloneAlsoNeedsTheIssuer() {
        String message = Charts.failureOf("tree-planting-service", List.of(),
                Map.of("global.kafka.bootstrapServers", Charts.CI_BOOTSTRAP));
        assertThat(message).contains("global.security.issuerUri is required");
    }

    @Test
    void anIssuerThatIsNotAnHttpUrlIsRefusedByTheSchema() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS,
                Map.of("global.security.issuerUri", "idp.ministry.example/realms/taza"));
        assertThat(message).contains("issuerUri").contains("Does not match pattern");
    }

    @Test
    void aServiceMonitorThatTheNetworkPolicyWouldShutOutIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS, Map.of(
                "inspection-service.serviceMonitor.enabled", true, "inspection-service.networkPolicy.enabled", true));
        assertThat(message).contains("set networkPolicy.managementFrom to the Prometheus peers");
    }

    @Test
    void managementOnTheApiPortIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS,
                Map.of("permit-service.service.managementPort", 8080));
        assertThat(message).contains("service.managementPort (8080) is service.port");
    }

    @Test
    void theKpiServiceChartAloneAlsoNeedsTheIssuerItSignsAnalystsInWith() {
        String message = Charts.failureOf("kpi-service", List.of(),
                Map.of("global.kafka.bootstrapServers", Charts.CI_BOOTSTRAP));
        assertThat(message).contains("global.security.issuerUri is required");
    }

    @Test
    void kedaAndCpuAutoscalerTogetherAreRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS, Map.of(
                "permit-service.autoscaling.keda.enabled", true, "permit-service.autoscaling.hpa.enabled", true));
        assertThat(message).contains("autoscaling.hpa.enabled and autoscaling.keda.enabled are both true");
    }

    @Test
    void partitionOverrideOfATopicTheServiceDoesNotHaveIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS,
                Map.of("permit-service.topicPartitions.forest\\.events\\.v1", 12));
        assertThat(message).contains("topicPartitions names forest.events.v1, which is not a topic of this service");
    }

    @Test
    void saslWithoutACredentialsSecretIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS,
                Map.of("global.kafka.securityProtocol", "SASL_SSL"));
        assertThat(message).contains("set global.kafka.sasl.jaasConfigSecret.name");
    }

    @Test
    void unknownSecurityProtocolIsRefusedByTheSchema() {
        String message = Charts.failureOf(Charts.UMBRELLA, DEFAULTS, Map.of("global.kafka.securityProtocol", "TLS"));
        assertThat(message).contains("securityProtocol").contains("must be one of");
    }
}

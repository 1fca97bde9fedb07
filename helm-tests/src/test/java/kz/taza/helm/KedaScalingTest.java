package kz.taza.helm;

import static kz.taza.helm.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * KEDA scales each service on the lag of every topic its Kafka Streams application's consumer group reads, as the
 * service's real topology says ({@link StreamsInputs}): its input topics and its repartition topics, none of the
 * GlobalKTable topics (read without a group, so without lag), with the consumers' own reset policy, and with
 * credentials that exist.
 */
class KedaScalingTest {

    private final Manifests production = TopicCatalogueTest.production();

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest(name = "{0}: catalogue.streams of the chart equals the topology's inputs")
    @MethodSource("services")
    void chartStreamsInputsEqualTheTopologysSourceTopics(String service) throws IOException {
        // given: the service's topology, as its Spring configuration builds it
        StreamsInputs topology = StreamsInputs.of(service);
        // when
        Map<String, Object> values = new Yaml().load(Files.readString(
                Charts.source().resolve(service).resolve("values.yaml")));
        Map<String, Object> inChart = at(values, "catalogue", "streams");
        // then
        String expected = valuesBlock(topology);
        assertThat(new TreeSet<>(Manifests.<List<String>>at(inChart, "inputs"))).as(
                "catalogue.streams.inputs of helm/%s/values.yaml; expected block:%n%s", service, expected)
                .isEqualTo(topology.topics());
        assertThat(new TreeSet<>(Manifests.<List<String>>at(inChart, "repartitionTopics"))).as(
                "catalogue.streams.repartitionTopics of helm/%s/values.yaml; expected block:%n%s", service, expected)
                .isEqualTo(topology.repartitionTopics());
    }

    @ParameterizedTest(name = "{0}: one lag trigger per topic the Streams group reads, none for global tables")
    @MethodSource("services")
    void scaledObjectHasALagTriggerForEveryInputAndRepartitionTopic(String service) {
        // given
        StreamsInputs topology = StreamsInputs.of(service);
        Set<String> expected = new TreeSet<>(topology.topics());
        // the repartition topics as the broker names them: the application id (the chart's application name) first
        topology.repartitionTopics().forEach(name -> expected.add(service + "-" + name));
        // when
        List<Map<String, Object>> triggers = at(production.named("ScaledObject", "taza-" + service), "spec",
                "triggers");
        // then
        assertThat(triggers).allSatisfy(t -> {
            assertThat(t.get("type")).isEqualTo("kafka");
            assertThat(Manifests.<String>at(t, "metadata", "consumerGroup")).isEqualTo(service);
        });
        List<String> watched = triggers.stream().map(t -> Manifests.<String>at(t, "metadata", "topic")).toList();
        assertThat(watched).containsExactlyInAnyOrderElementsOf(expected).doesNotContainAnyElementsOf(
                topology.globalTopics());
    }

    @Test
    void everyRepartitionTopicHasTheNameItsTopologyGivesIt() {
        // Generated names (KSTREAM-...-0000000007-repartition) change when a step is added before them; the chart's
        // triggers, the ACLs and the data already in the topic would then point at a topic no longer used.
        for (String service : Charts.SERVICES) {
            assertThat(StreamsInputs.of(service).repartitionTopics()).as(service)
                    .noneMatch(name -> name.startsWith("KSTREAM-") || name.startsWith("KTABLE-"));
        }
    }

    @Test
    void triggersResetLikeTheStreamsConsumers() {
        // given: what the Streams application's main consumer does on a partition without a committed offset
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "any");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        Object streamsReset = new StreamsConfig(props).getMainConsumerConfigs("any", "any-client", 0)
                .get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG);
        assertThat(streamsReset).isEqualTo("earliest");
        for (String service : Charts.SERVICES) {
            // and the chart does not change it
            assertThat(Manifests.env(production.named("StatefulSet", "taza-" + service)))
                    .noneMatch(e -> String.valueOf(e.get("name")).endsWith("AUTO_OFFSET_RESET"));
            // then
            List<Map<String, Object>> triggers = at(production.named("ScaledObject", "taza-" + service), "spec",
                    "triggers");
            assertThat(triggers).isNotEmpty().allSatisfy(t ->
                    assertThat(Manifests.<String>at(t, "metadata", "offsetResetPolicy")).isEqualTo(streamsReset));
        }
    }

    @Test
    void withStrimziKedaLogsInWithTheKafkaUsersSecretAndAUserNameTheChartWrites() {
        for (String service : Charts.SERVICES) {
            // given: production values, no credentialsSecret, a SCRAM-SHA-512 KafkaUser
            Map<String, Object> auth = production.named("TriggerAuthentication", "taza-" + service + "-kafka");
            String userName = Manifests.at(production.named("KafkaUser", service), "metadata", "name");
            // then: the password is the key Strimzi's User Operator writes into the Secret named after the user
            List<Map<String, Object>> secrets = at(auth, "spec", "secretTargetRef");
            assertThat(secrets).contains(Map.of("parameter", "password", "name", userName, "key", "password"),
                    Map.of("parameter", "ca", "name", "taza-kafka-cluster-ca-cert", "key", "ca.crt"));
            // and the user name comes from a ConfigMap of this release that holds the KafkaUser's name
            Map<String, Object> userRef = at(auth, "spec", "configMapTargetRef", 0);
            assertThat(userRef).containsEntry("parameter", "username");
            Map<String, Object> configMap = production.named("ConfigMap", (String) userRef.get("name"));
            assertThat(Manifests.<String>at(configMap, "data", userRef.get("key"))).isEqualTo(userName);
            assertThat(Manifests.<String>at(production.named("ScaledObject", "taza-" + service), "spec", "triggers",
                    0, "metadata", "sasl")).isEqualTo("scram_sha512");
        }
    }

    @Test
    void aNamedCredentialsSecretGivesKedaBothTheUserNameAndThePassword() {
        // given
        Manifests release = Charts.renderUmbrella(List.of("ci/production-values.yaml"),
                Map.of("emission-service.autoscaling.keda.credentialsSecret.name", "taza-keda-kafka"));
        // when
        Map<String, Object> auth = release.named("TriggerAuthentication", "taza-emission-service-kafka");
        // then
        assertThat(Manifests.<String>at(auth, "spec", "secretTargetRef", 0, "name")).isEqualTo("taza-keda-kafka");
        assertThat(Manifests.<List<Map<String, Object>>>at(auth, "spec", "secretTargetRef")).contains(
                Map.of("parameter", "username", "name", "taza-keda-kafka", "key", "username"),
                Map.of("parameter", "password", "name", "taza-keda-kafka", "key", "password"));
        assertThat(Manifests.<Object>at(auth, "spec", "configMapTargetRef")).isNull();
        assertThat(release.ofKind("ConfigMap")).noneMatch(c -> Manifests.<String>at(c, "metadata", "name")
                .startsWith("taza-emission-service-"));
    }

    @Test
    void saslWithoutStrimziOrACredentialsSecretIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, List.of("ci/production-values.yaml"),
                Map.of("inspection-service.strimzi.user.enabled", false,
                        "global.kafka.sasl.jaasConfigSecret.name", "taza-kafka-jaas"));
        assertThat(message).contains("set autoscaling.keda.credentialsSecret.name");
    }

    private static String valuesBlock(StreamsInputs topology) {
        StringBuilder yaml = new StringBuilder("  streams:\n    inputs:\n");
        topology.topics().forEach(t -> yaml.append("      - ").append(t).append('\n'));
        yaml.append("    repartitionTopics:\n");
        topology.repartitionTopics().forEach(t -> yaml.append("      - ").append(t).append('\n'));
        return yaml.toString();
    }
}

package kz.taza.helm;

import static kz.taza.helm.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * The charts' topics and ACLs follow the topic catalogues in code. Each service chart's {@code catalogue.topics} must
 * equal what {@link TopicAccess} derives from the service's catalogue beans, and the rendered KafkaUser grants exactly
 * that (Read on what it reads, Write on what it writes, nothing on other topics). KEDA's triggers follow the
 * topologies instead: {@link KedaScalingTest}.
 *
 * <p>A service without a catalogue bean in its compiled classes fails the comparison: its chart's topics would be
 * unchecked.
 */
class TopicCatalogueTest {

    private static Manifests production;

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest(name = "{0}: chart topics equal the topic catalogue")
    @MethodSource("services")
    void chartTopicsEqualTheServicesTopicCatalogue(String service) throws IOException {
        // given: the catalogue beans of the service, and the chart's catalogue.topics
        Map<String, TopicAccess> expected = expectedFromCode(service);
        Map<String, TopicAccess> inChart = TopicAccess.fromValues(chartTopics(service));
        // then
        assertThat(inChart).as("catalogue.topics of helm/%s/values.yaml; expected block:%n%s", service,
                TopicAccess.valuesBlock(expected)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: the KafkaUser grants exactly the catalogue's reads and writes")
    @MethodSource("services")
    void kafkaUserGrantsReadOnInputsAndWriteOnOutputsOnly(String service) throws IOException {
        // given
        Map<String, TopicAccess> expected = expectedFromCode(service);
        // when: the production-like release
        Map<String, Object> user = production().named("KafkaUser", service);
        Map<String, Set<String>> topicAcls = new TreeMap<>();
        for (Map<String, Object> acl : Manifests.<List<Map<String, Object>>>at(user, "spec", "authorization", "acls")) {
            if ("topic".equals(at(acl, "resource", "type")) && "literal".equals(at(acl, "resource", "patternType"))) {
                topicAcls.put(at(acl, "resource", "name"), new TreeSet<>(Manifests.<List<String>>at(acl, "operations")));
            }
        }
        // then
        Map<String, Set<String>> expectedAcls = new TreeMap<>();
        expected.values().forEach(t -> {
            Set<String> ops = new TreeSet<>(List.of("Describe", "Create"));
            if (t.read()) {
                ops.add("Read");
            }
            if (t.write()) {
                ops.add("Write");
            }
            expectedAcls.put(t.name(), ops);
        });
        assertThat(topicAcls).isEqualTo(expectedAcls);
    }

    @ParameterizedTest(name = "{0}: KafkaTopic resources for the owned topics, as in the catalogue")
    @MethodSource("services")
    void kafkaTopicsOfOwnedTopicsCarryTheCataloguesSettings(String service) throws IOException {
        // given
        Map<String, TopicAccess> expected = expectedFromCode(service);
        // when
        List<Map<String, Object>> topics = production().ofKind("KafkaTopic").stream()
                .filter(t -> service.equals(at(t, "metadata", "labels", "app.kubernetes.io/name"))).toList();
        // then
        Set<String> owned = new TreeSet<>();
        expected.values().stream().filter(TopicAccess::owned).forEach(t -> owned.add(t.name()));
        assertThat(topics.stream().map(t -> Manifests.<String>at(t, "spec", "topicName")).toList())
                .containsExactlyInAnyOrderElementsOf(owned);
        for (Map<String, Object> topic : topics) {
            TopicAccess catalogue = expected.get(Manifests.<String>at(topic, "spec", "topicName"));
            assertThat(Manifests.<Integer>at(topic, "spec", "partitions")).isEqualTo(catalogue.partitions());
            assertThat(Manifests.<String>at(topic, "spec", "config", "cleanup.policy"))
                    .isEqualTo(catalogue.cleanupPolicy());
            assertThat(Manifests.<String>at(topic, "spec", "config", "retention.ms"))
                    .isEqualTo(catalogue.retentionMs() == null ? null : catalogue.retentionMs().toString());
            assertThat(Manifests.<Integer>at(topic, "spec", "replicas")).isEqualTo(3);
        }
    }

    @Test
    void sharedTopicsOfTheUmbrellaEqualThePlatformTopics() throws IOException {
        // given
        List<Map<String, Object>> inChart = at(new Yaml().load(Files.readString(
                Charts.source().resolve(Charts.UMBRELLA).resolve("values.yaml"))), "sharedTopics", "topics");
        // then
        List<Map<String, Object>> expected = new ArrayList<>();
        for (Topic<?, ?> topic : new PlatformTopics().topicsWithDeadLetters()) {
            Map<String, Object> t = new java.util.LinkedHashMap<>();
            t.put("name", topic.name());
            t.put("partitions", topic.partitions());
            t.put("cleanupPolicy", topic.cleanupPolicy().kafkaValue());
            t.put("retentionMs", topic.retention().map(d -> d.toMillis()).orElse(null));
            expected.add(t);
        }
        assertThat(inChart).isEqualTo(expected);
        // and the production-like release declares them once, in the umbrella
        assertThat(production().ofKind("KafkaTopic").stream()
                .filter(t -> PlatformTopics.KPI_VALUES.name().equals(at(t, "spec", "topicName")))).hasSize(1);
    }

    @Test
    void noTopicIsDeclaredByTwoCharts() {
        // given / when
        List<String> declared = production().ofKind("KafkaTopic").stream()
                .map(t -> Manifests.<String>at(t, "spec", "topicName")).toList();
        // then
        assertThat(new LinkedHashSet<>(declared)).hasSameSizeAs(declared);
    }

    static Map<String, TopicAccess> expectedFromCode(String service) {
        List<TopicCatalogue> beans = ServiceClasses.of(service).catalogueBeans();
        assertThat(beans).as("%s declares no TopicCatalogue bean, so its chart's topics cannot be checked", service)
                .isNotEmpty();
        return TopicAccess.of(service, beans);
    }

    static List<Map<String, Object>> chartTopics(String service) throws IOException {
        return at(new Yaml().load(Files.readString(Charts.source().resolve(service).resolve("values.yaml"))),
                "catalogue", "topics");
    }

    static synchronized Manifests production() {
        if (production == null) {
            production = Charts.renderUmbrella(List.of("ci/production-values.yaml"), Map.of());
        }
        return production;
    }
}

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

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.TopicDeclarations;

/**
 * The charts' topics and ACLs follow the access model ({@link TazaPrincipals}), which is the one declaration of what
 * each service may do with each topic. Each service chart's {@code catalogue.topics} must equal the model's grants
 * for the service ({@link TopicAccess}), the rendered KafkaUser grants exactly that on each topic
 * ({@link StrimziResourcesTest} compares all of its ACLs with the model's), and the topic catalogues the service
 * declares as beans (the topics the platform declares and the service reads or writes) name no topic the model does
 * not grant it: a service that starts to read a topic without an ACL fails here. KEDA's triggers follow the
 * topologies instead: {@link KedaScalingTest}.
 *
 * <p>When the model changed, the failure shows the block to paste into the chart's {@code values.yaml}; run with
 * {@code -Dtaza.helm.updateCatalogues=true} to write it there instead.
 */
class TopicCatalogueTest {

    private static Manifests production;

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest(name = "{0}: chart topics equal the access model's grants")
    @MethodSource("services")
    void chartTopicsEqualTheAccessModelsGrants(String service) throws IOException {
        // given: the access model's grants for the service, and the chart's catalogue.topics
        Map<String, TopicAccess> expected = expectedFromModel(service);
        Map<String, TopicAccess> inChart = TopicAccess.fromValues(chartTopics(service));
        // then
        if (Boolean.getBoolean("taza.helm.updateCatalogues") && !inChart.equals(expected)) {
            writeCatalogueTopics(service, TopicAccess.valuesBlock(expected));
            return;
        }
        assertThat(inChart).as("catalogue.topics of helm/%s/values.yaml (paste the expected block, or run with"
                + " -Dtaza.helm.updateCatalogues=true); expected block:%n%s", service,
                TopicAccess.valuesBlock(expected)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: its catalogue beans name only topics the access model grants it")
    @MethodSource("services")
    void theServicesCatalogueBeansNameOnlyTopicsTheAccessModelGrants(String service) {
        // given: what the platform declares at start-up for the service, the topics its code reads and writes
        List<TopicCatalogue> beans = new ArrayList<>(ServiceClasses.of(service).catalogueBeans());
        assertThat(beans).as("%s declares no TopicCatalogue bean, so its topics cannot be checked", service)
                .isNotEmpty();
        beans.add(new PlatformTopics());
        Set<String> declared = new TreeSet<>(new TopicDeclarations(beans).topics().stream().map(Topic::name).toList());
        // when
        Set<String> granted = expectedFromModel(service).keySet();
        // then
        Set<String> withoutAcl = new TreeSet<>(declared);
        withoutAcl.removeAll(granted);
        assertThat(withoutAcl).as("topics the catalogue beans of %s name but the access model does not grant it: add"
                + " them to its KafkaAccess.Service in TazaPrincipals (reads / owns), or drop them from the"
                + " service", service).isEmpty();
    }

    @ParameterizedTest(name = "{0}: the KafkaUser grants exactly the catalogue's reads and writes")
    @MethodSource("services")
    void kafkaUserGrantsReadOnInputsAndWriteOnOutputsOnly(String service) throws IOException {
        // given
        Map<String, TopicAccess> expected = expectedFromModel(service);
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
            Set<String> ops = new TreeSet<>(List.of("Describe", "DescribeConfigs", "Create"));
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
        Map<String, TopicAccess> expected = expectedFromModel(service);
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

    static Map<String, TopicAccess> expectedFromModel(String service) {
        return TopicAccess.of(service);
    }

    /** Replaces the topics list under catalogue: of the chart's values.yaml, comments and the rest kept. */
    private static void writeCatalogueTopics(String service, String block) throws IOException {
        java.nio.file.Path values = Charts.source().resolve(service).resolve("values.yaml");
        List<String> lines = Files.readAllLines(values);
        int catalogue = lines.indexOf("catalogue:");
        int topics = lines.subList(catalogue, lines.size()).indexOf("  topics:") + catalogue;
        int end = topics + 1;
        while (end < lines.size() && (lines.get(end).startsWith("    ") || lines.get(end).isBlank())) {
            end++;
        }
        List<String> replacement = List.of(block.substring(block.indexOf("  topics:\n")).split("\n"));
        List<String> updated = new ArrayList<>(lines.subList(0, topics));
        updated.addAll(replacement);
        updated.addAll(lines.subList(end, lines.size()));
        Files.write(values, updated);
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

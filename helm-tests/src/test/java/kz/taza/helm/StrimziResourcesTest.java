package kz.taza.helm;

import static kz.taza.helm.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The Strimzi resources are in the shape Strimzi 1.0 accepts: API version {@code kafka.strimzi.io/v1}, the only one it
 * serves, and the fields of its v1 KafkaTopic and KafkaUser schemas. The rules below are the v1 CRDs' (Strimzi 1.0
 * {@code 043-Crd-kafkatopic.yaml}, {@code 044-Crd-kafkauser.yaml}): {@code spec} is required; a KafkaTopic has
 * {@code topicName}, {@code partitions} (at least 1), {@code replicas} (1 to 32767) and a free-form {@code config};
 * an ACL rule requires {@code resource} (with its {@code type}) and the list {@code operations} (v1beta2's singular
 * {@code operation} is gone), and the only authorization type is {@code simple}.
 */
class StrimziResourcesTest {

    private static final String API_VERSION = "kafka.strimzi.io/v1";
    private static final Set<String> TOPIC_SPEC_FIELDS = Set.of("topicName", "partitions", "replicas", "config");
    private static final Set<String> ACL_FIELDS = Set.of("type", "resource", "host", "operations");
    private static final Set<String> RESOURCE_TYPES = Set.of("topic", "group", "cluster", "transactionalId");
    private static final Set<String> OPERATIONS = Set.of("Read", "Write", "Create", "Delete", "Alter", "Describe",
            "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All");

    private final Manifests production = TopicCatalogueTest.production();

    @Test
    void everyStrimziResourceIsKafkaStrimziIoV1() {
        List<Map<String, Object>> strimzi = production.all().stream()
                .filter(d -> String.valueOf(d.get("apiVersion")).startsWith("kafka.strimzi.io/")).toList();
        // then: the topics of four services and the umbrella's shared topic, and one user per service
        assertThat(production.ofKind("KafkaUser")).hasSize(Charts.SERVICES.size());
        assertThat(production.ofKind("KafkaTopic")).isNotEmpty();
        assertThat(strimzi).hasSize(production.ofKind("KafkaUser").size() + production.ofKind("KafkaTopic").size())
                .allSatisfy(resource -> assertThat(resource.get("apiVersion")).as(Manifests.<String>at(resource,
                        "metadata", "name")).isEqualTo(API_VERSION));
        assertThat(production.text()).doesNotContain("v1beta2");
    }

    @Test
    void kafkaTopicsHaveTheV1Fields() {
        for (Map<String, Object> topic : production.ofKind("KafkaTopic")) {
            Map<String, Object> spec = at(topic, "spec");
            assertThat(spec).as("spec of %s", Manifests.<String>at(topic, "metadata", "name")).isNotNull();
            assertThat(TOPIC_SPEC_FIELDS).containsAll(spec.keySet());
            assertThat(spec.get("topicName")).isInstanceOf(String.class);
            assertThat((Integer) spec.get("partitions")).isGreaterThanOrEqualTo(1);
            assertThat((Integer) spec.get("replicas")).isBetween(1, 32767);
            assertThat(Manifests.<Map<String, Object>>at(spec, "config").values()).allMatch(String.class::isInstance);
            assertThat(Manifests.<String>at(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("taza-kafka");
        }
    }

    @Test
    void kafkaUsersHaveTheV1AuthenticationAndAclRules() {
        for (Map<String, Object> user : production.ofKind("KafkaUser")) {
            assertThat(Manifests.<String>at(user, "spec", "authentication", "type"))
                    .isIn("tls", "tls-external", "scram-sha-512");
            assertThat(Manifests.<String>at(user, "spec", "authorization", "type")).isEqualTo("simple");
            List<Map<String, Object>> acls = at(user, "spec", "authorization", "acls");
            assertThat(acls).isNotEmpty().allSatisfy(acl -> {
                assertThat(ACL_FIELDS).containsAll(acl.keySet());
                assertThat(acl).doesNotContainKey("operation");
                assertThat(Manifests.<String>at(acl, "resource", "type")).isIn(RESOURCE_TYPES);
                assertThat(Manifests.<String>at(acl, "resource", "name")).isNotBlank();
                assertThat(Manifests.<String>at(acl, "resource", "patternType")).isIn("literal", "prefix");
                assertThat(Manifests.<List<String>>at(acl, "operations")).isNotEmpty().isSubsetOf(OPERATIONS);
            });
            assertThat(Manifests.<String>at(user, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("taza-kafka");
        }
    }
}

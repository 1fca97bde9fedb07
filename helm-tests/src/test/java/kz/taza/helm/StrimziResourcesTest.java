package kz.taza.helm;

import static kz.taza.helm.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.KafkaAccess;
import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;

/**
 * The Strimzi resources are in the shape Strimzi 1.0 accepts: API version {@code kafka.strimzi.io/v1}, the only one it
 * serves, and the fields of its v1 KafkaTopic and KafkaUser schemas. The rules below are the v1 CRDs' (Strimzi 1.0
 * {@code 043-Crd-kafkatopic.yaml}, {@code 044-Crd-kafkauser.yaml}): {@code spec} is required; a KafkaTopic has
 * {@code topicName}, {@code partitions} (at least 1), {@code replicas} (1 to 32767) and a free-form {@code config};
 * an ACL rule requires {@code resource} (with its {@code type}) and the list {@code operations} (v1beta2's singular
 * {@code operation} is gone), and the only authorization type is {@code simple}. A service's KafkaUser grants
 * exactly the ACLs of its principal in the access model ({@link TazaPrincipals}), which the tests' brokers are given:
 * one source for both.
 */
class StrimziResourcesTest {

    private static final String API_VERSION = "kafka.strimzi.io/v1";
    private static final Set<String> TOPIC_SPEC_FIELDS = Set.of("topicName", "partitions", "replicas", "config");
    private static final Set<String> ACL_FIELDS = Set.of("type", "resource", "host", "operations");
    private static final Set<String> RESOURCE_TYPES = Set.of("topic", "group", "cluster", "transactionalId");
    private static final Set<String> OPERATIONS = Set.of("Read", "Write", "Create", "Delete", "Alter", "Describe",
            "ClusterAction", "AlterConfigs", "DescribeConfigs", "IdempotentWrite", "All");

    private final Manifests production = TopicCatalogueTest.production();

    /** One ACL, as the authorizer sees it: a resource pattern, an operation, allow or deny, and a host. */
    record Acl(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation,
            AclPermissionType permission, String host) {

        static Acl of(AclBinding binding) {
            return new Acl(binding.entry().principal(), binding.pattern().resourceType(), binding.pattern().name(),
                    binding.pattern().patternType(), binding.entry().operation(), binding.entry().permissionType(),
                    binding.entry().host());
        }
    }

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest(name = "{0}: the KafkaUser's ACLs are exactly the access model's")
    @MethodSource("services")
    void kafkaUserAclsAreExactlyTheAccessModels(String service) {
        // given: the service's principal in the access model
        KafkaPrincipal principal = TazaPrincipals.service(service).principal();
        List<Acl> expected = principal.acls().stream().map(Acl::of).toList();
        // when: the service's own chart, with its KafkaUser
        Manifests release = new Manifests(Charts.template(service, List.of(), Map.of(
                "global.kafka.bootstrapServers", Charts.CI_BOOTSTRAP,
                "global.security.issuerUri", Charts.CI_ISSUER,
                "global.kafka.strimzi.clusterName", "taza-kafka",
                "strimzi.user.enabled", "true")));
        Map<String, Object> user = release.named("KafkaUser", service);
        List<Acl> rendered = expand("User:" + Manifests.<String>at(user, "metadata", "name"),
                at(user, "spec", "authorization", "acls"));
        // then: the same ACLs, none twice, in both directions
        assertThat(Manifests.<String>at(user, "apiVersion")).isEqualTo(API_VERSION);
        assertThat(rendered).as("ACLs of the KafkaUser of helm/%s", service).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}: KafkaTopics of the owned topics, kafka.strimzi.io/v1")
    @MethodSource("services")
    void ownedTopicsRenderAsV1KafkaTopics(String service) {
        // given
        List<String> owned = TazaPrincipals.service(service).topics().stream().filter(g -> g.owned())
                .map(g -> g.name()).toList();
        // when
        Manifests release = new Manifests(Charts.template(service, List.of(), Map.of(
                "global.kafka.bootstrapServers", Charts.CI_BOOTSTRAP,
                "global.security.issuerUri", Charts.CI_ISSUER,
                "global.kafka.strimzi.clusterName", "taza-kafka",
                "strimzi.topics.enabled", "true")));
        // then
        assertThat(release.ofKind("KafkaTopic")).allSatisfy(topic ->
                assertThat(topic.get("apiVersion")).isEqualTo(API_VERSION));
        assertThat(release.ofKind("KafkaTopic").stream().map(t -> Manifests.<String>at(t, "spec", "topicName")))
                .containsExactlyInAnyOrderElementsOf(owned);
    }

    @Test
    void theExampleAgencysKafkaUserIsTheAccessModelsReader(@TempDir Path dir) throws IOException {
        // given: the example agency of the access model, granted the public topics
        List<String> topics = TazaPrincipals.publicTopics().stream().map(Topic::name).toList();
        List<Acl> expected = KafkaAccess.reader(TazaPrincipals.AGENCY, "agency").reads(TazaPrincipals.publicTopics())
                .principal().acls().stream().map(Acl::of).toList();
        // when: the umbrella with that agency
        Map<String, Object> user = agencyUser(dir, TazaPrincipals.AGENCY, topics);
        // then
        assertThat(Manifests.<String>at(user, "apiVersion")).isEqualTo(API_VERSION);
        assertThat(Manifests.<String>at(user, "spec", "authentication", "type")).isEqualTo("scram-sha-512");
        assertThat(Manifests.<String>at(user, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("taza-kafka");
        assertThat(expand("User:" + Manifests.<String>at(user, "metadata", "name"),
                at(user, "spec", "authorization", "acls"))).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anAgencyAlwaysReadsTheSchemaTopic(@TempDir Path dir) throws IOException {
        // given: an agency granted the KPIs only
        List<Acl> expected = KafkaAccess.reader("agency-eco", "agency")
                .reads(PlatformTopics.KPI_VALUES, PlatformTopics.SCHEMAS).principal().acls().stream().map(Acl::of)
                .toList();
        // when
        Map<String, Object> user = agencyUser(dir, "agency-eco", List.of(PlatformTopics.KPI_VALUES.name()));
        // then: it can decode what it reads
        assertThat(expand("User:agency-eco", at(user, "spec", "authorization", "acls")))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anAgencyNameThatIsNoKafkaPrincipalNameIsRefused(@TempDir Path dir) throws IOException {
        Path values = agencyValues(dir, "Agency_Stat", List.of(PlatformTopics.KPI_VALUES.name()));
        String message = Charts.failureOf(Charts.UMBRELLA, List.of("ci/production-values.yaml", values.toString()),
                Map.of());
        assertThat(message).contains("agencies").contains("name").contains("Does not match pattern");
    }

    private static Map<String, Object> agencyUser(Path dir, String name, List<String> topics) throws IOException {
        Path values = agencyValues(dir, name, topics);
        Manifests release = new Manifests(Charts.template(Charts.UMBRELLA,
                List.of("ci/production-values.yaml", values.toString()), Map.of()));
        assertThat(release.ofKind("KafkaUser")).hasSize(Charts.SERVICES.size() + 1);
        return release.named("KafkaUser", name);
    }

    private static Path agencyValues(Path dir, String name, List<String> topics) throws IOException {
        StringBuilder yaml = new StringBuilder("agencies:\n  - name: " + name + "\n    topics:\n");
        topics.forEach(topic -> yaml.append("      - ").append(topic).append('\n'));
        return Files.writeString(dir.resolve("agency-values.yaml"), yaml);
    }

    /** A KafkaUser's ACL rules, one {@link Acl} per operation (Strimzi's defaults: allow, any host). */
    static List<Acl> expand(String principal, List<Map<String, Object>> rules) {
        List<Acl> acls = new ArrayList<>();
        for (Map<String, Object> rule : rules) {
            String permission = String.valueOf(rule.getOrDefault("type", "allow"));
            String host = String.valueOf(rule.getOrDefault("host", "*"));
            ResourceType type = ResourceType.valueOf(upperSnake(at(rule, "resource", "type")));
            String pattern = at(rule, "resource", "patternType");
            PatternType patternType = switch (pattern == null ? "literal" : pattern) {
                case "literal" -> PatternType.LITERAL;
                case "prefix" -> PatternType.PREFIXED;
                default -> throw new AssertionError("unknown Strimzi patternType " + pattern);
            };
            for (String operation : Manifests.<List<String>>at(rule, "operations")) {
                acls.add(new Acl(principal, type, at(rule, "resource", "name"), patternType,
                        AclOperation.valueOf(upperSnake(operation)),
                        AclPermissionType.valueOf(permission.toUpperCase(Locale.ROOT)), host));
            }
        }
        return acls;
    }

    /** Strimzi's camel case ({@code DescribeConfigs}, {@code transactionalId}) as Kafka's enum names. */
    private static String upperSnake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

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

package kz.taza.platform.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * The rules that turn what a principal does into the ACLs it gets, least privilege. The one source of every ACL:
 * the brokers of the tests and of the local stack are given these, and the charts' Strimzi KafkaUsers render the same
 * list (the chart tests compare them).
 *
 * <p>A <b>service</b> ({@link #service}):
 * <ul>
 * <li>owns the topics of its domain and their dead-letter topics: it may read and write them, and declare them;</li>
 * <li>reads the topics it names with {@link Service#reads} and writes their dead-letter topics (a reader quarantines
 * there what it cannot read);</li>
 * <li>reads and writes the schema topic ({@link PlatformTopics#SCHEMAS}), as every producer publishes its writer
 * schemas there, and writes the KPI topic when it {@link Service#publishesKpis publishes KPIs};</li>
 * <li>may describe and declare every topic above, and every shared topic and its dead-letter topic (the platform
 * declares each catalogue topic at start-up, the shared ones in every service: a no-op when it exists);</li>
 * <li>owns its Streams application's internal topics (prefix {@code <application>-}), its consumer groups and its
 * transactional ids (prefix {@code <application>}), and nothing of another application's.</li>
 * </ul>
 * A <b>reader</b> ({@link #reader}: a subscribing agency, the simulator, the launcher) may read and describe the
 * topics it is granted and use its own consumer groups (prefix {@code <name>}); it writes nothing.
 */
public final class KafkaAccess {

    private KafkaAccess() {
    }

    /** A service named by its application name (its Streams application id and its principal). */
    public static Service service(String application) {
        return new Service(application);
    }

    /** A principal that only reads. */
    public static Reader reader(String name, String kind) {
        return new Reader(name, kind);
    }

    /** What one service may do; see {@link KafkaAccess}. */
    public static final class Service {

        private final String application;
        private final Map<String, TopicGrant> topics = new TreeMap<>();

        private Service(String application) {
            this.application = application;
            reads(PlatformTopics.SCHEMAS);
            grant(new TopicGrant(PlatformTopics.SCHEMAS, false, true, true));
            // The platform declares the shared topics and their dead-letter topics in every service (PlatformTopics
            // is one of its catalogues): a service that neither reads nor writes one may still describe and declare it.
            for (Topic<?, ?> shared : new PlatformTopics().topicsWithDeadLetters()) {
                grant(new TopicGrant(shared, false, false, false));
            }
        }

        public String application() {
            return application;
        }

        /** The topics of the service's own domain: read, written and declared by it. */
        public Service owns(TopicCatalogue catalogue) {
            for (Topic<?, ?> topic : catalogue.topics()) {
                grant(new TopicGrant(topic, true, true, true));
                if (topic.deadLettered()) {
                    grant(new TopicGrant(topic.rejectedTopic(), true, false, true));
                }
            }
            return this;
        }

        /** Topics of other domains (or shared ones) the service consumes. */
        public Service reads(Topic<?, ?>... read) {
            for (Topic<?, ?> topic : read) {
                grant(new TopicGrant(topic, false, true, false));
                if (topic.deadLettered()) {
                    grant(new TopicGrant(topic.rejectedTopic(), false, false, true));
                }
            }
            return this;
        }

        /** The service publishes KPIs of its own on the shared KPI topic. */
        public Service publishesKpis() {
            grant(new TopicGrant(PlatformTopics.KPI_VALUES, false, false, true));
            return this;
        }

        private void grant(TopicGrant grant) {
            topics.merge(grant.name(), grant, TopicGrant::merge);
        }

        /** Every topic the service touches, by name. */
        public List<TopicGrant> topics() {
            return List.copyOf(topics.values());
        }

        /** The principal, with its ACLs. */
        public KafkaPrincipal principal() {
            String user = "User:" + application;
            List<AclBinding> acls = new ArrayList<>();
            for (TopicGrant grant : topics.values()) {
                Set<AclOperation> operations = new LinkedHashSet<>(
                        List.of(AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.CREATE));
                if (grant.read()) {
                    operations.add(AclOperation.READ);
                }
                if (grant.write()) {
                    operations.add(AclOperation.WRITE);
                }
                allow(acls, user, ResourceType.TOPIC, grant.name(), PatternType.LITERAL, operations);
            }
            allow(acls, user, ResourceType.TOPIC, internalTopicPrefix(), PatternType.PREFIXED,
                    List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
                            AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE));
            allow(acls, user, ResourceType.GROUP, application, PatternType.PREFIXED,
                    List.of(AclOperation.READ, AclOperation.DESCRIBE));
            allow(acls, user, ResourceType.TRANSACTIONAL_ID, application, PatternType.PREFIXED,
                    List.of(AclOperation.WRITE, AclOperation.DESCRIBE));
            return new KafkaPrincipal(application, "service", acls);
        }

        /** The prefix of the Streams application's internal topics (changelogs, repartition topics). */
        public String internalTopicPrefix() {
            return application + "-";
        }
    }

    /** What one reading principal may do; see {@link KafkaAccess}. */
    public static final class Reader {

        private final String name;
        private final String kind;
        private final Set<String> topics = new java.util.TreeSet<>();
        private boolean configs;

        private Reader(String name, String kind) {
            this.name = name;
            this.kind = kind;
        }

        /** Topics the principal may read. */
        public Reader reads(Collection<? extends Topic<?, ?>> read) {
            read.forEach(topic -> topics.add(topic.name()));
            return this;
        }

        /** Topics the principal may read. */
        public Reader reads(Topic<?, ?>... read) {
            return reads(List.of(read));
        }

        /** The principal may also read the configuration of those topics (their retention, for example). */
        public Reader describesConfigs() {
            configs = true;
            return this;
        }

        public KafkaPrincipal principal() {
            String user = "User:" + name;
            List<AclBinding> acls = new ArrayList<>();
            List<AclOperation> operations = configs
                    ? List.of(AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)
                    : List.of(AclOperation.READ, AclOperation.DESCRIBE);
            for (String topic : topics) {
                allow(acls, user, ResourceType.TOPIC, topic, PatternType.LITERAL, operations);
            }
            allow(acls, user, ResourceType.GROUP, name, PatternType.PREFIXED,
                    List.of(AclOperation.READ, AclOperation.DESCRIBE));
            return new KafkaPrincipal(name, kind, acls);
        }
    }

    private static void allow(List<AclBinding> acls, String principal, ResourceType type, String name,
            PatternType pattern, Collection<AclOperation> operations) {
        ResourcePattern resource = new ResourcePattern(type, name, pattern);
        for (AclOperation operation : operations) {
            acls.add(new AclBinding(resource,
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}

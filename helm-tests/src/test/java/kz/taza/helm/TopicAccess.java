package kz.taza.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * What a service may do with each topic, derived from its topic catalogues. The rules (docs/architecture.md, Topics, and the contracts):
 * <ul>
 * <li>a service <b>owns</b> the topics of its domain ({@code <domain>.*}) and their dead-letter topics, and declares
 * their KafkaTopic;</li>
 * <li>it <b>writes</b> the topics it owns, the platform's shared topics ({@link PlatformTopics}: every service
 * publishes its KPIs on {@code kpi.values.v1} and its writer schemas on {@code platform.schemas.v1}) and the
 * dead-letter topics of everything it reads (a reader quarantines there what it cannot read);</li>
 * <li>it <b>reads</b> every topic of its catalogue except the dead-letter topics (which it only fills) and the shared
 * ones, of which it reads only the schema topic: a catalogue lists the topics a service owns and the ones it reads;</li>
 * <li>a service with no domain of its own (kpi-service, the analysts' reader) owns nothing and publishes no KPI: it
 * reads every topic of its catalogue, the shared ones included, and writes only the schema topic (as every service)
 * and the dead-letter topics of what it reads.</li>
 * </ul>
 * The catalogue does not say which of its own topics a service reads back; "reads" is an upper bound for them.
 */
record TopicAccess(String name, int partitions, String cleanupPolicy, Long retentionMs, boolean owned, boolean read,
        boolean write) {

    /** Domain of each service: the first segment of the topic names it owns; none for a reader (kpi-service). */
    static final Map<String, String> DOMAINS = Map.of("permit-service", "permit", "emission-service", "emission",
            "inspection-service", "inspection", "tree-planting-service", "forest");

    static Map<String, TopicAccess> of(String service, List<TopicCatalogue> serviceCatalogues) {
        String domain = DOMAINS.get(service);
        boolean reader = domain == null;
        List<TopicCatalogue> catalogues = new ArrayList<>(serviceCatalogues);
        catalogues.add(new PlatformTopics());
        Set<String> shared = names(new PlatformTopics());
        Map<String, TopicAccess> access = new TreeMap<>();
        for (TopicCatalogue catalogue : catalogues) {
            Set<String> deadLetters = catalogue.topics().stream().filter(Topic::deadLettered)
                    .map(Topic::rejectedTopicName).collect(Collectors.toSet());
            for (Topic<?, ?> topic : catalogue.topicsWithDeadLetters()) {
                boolean isShared = shared.contains(topic.name());
                boolean owned = !reader && topic.name().startsWith(domain + ".");
                boolean deadLetter = deadLetters.contains(topic.name());
                // The schema topic: every service reads it, and publishes the writer schemas it writes with.
                boolean schemas = PlatformTopics.readByEveryService().contains(topic);
                boolean read = !deadLetter && (reader || !isShared || schemas);
                boolean write = owned || deadLetter || (isShared && (!reader || schemas));
                access.put(topic.name(), new TopicAccess(topic.name(), topic.partitions(),
                        topic.cleanupPolicy().kafkaValue(), topic.retention().map(d -> d.toMillis()).orElse(null),
                        owned, read, write));
            }
        }
        return access;
    }

    /** The entries of a chart's catalogue.topics value. */
    static Map<String, TopicAccess> fromValues(List<Map<String, Object>> topics) {
        Map<String, TopicAccess> access = new TreeMap<>();
        for (Map<String, Object> t : topics) {
            Object retention = t.get("retentionMs");
            access.put((String) t.get("name"), new TopicAccess((String) t.get("name"), (Integer) t.get("partitions"),
                    (String) t.get("cleanupPolicy"), retention == null ? null : ((Number) retention).longValue(),
                    (Boolean) t.get("owned"), (Boolean) t.get("read"), (Boolean) t.get("write")));
        }
        return access;
    }

    /** The values.yaml block for these topics, for a developer to paste when the catalogue changed. */
    static String valuesBlock(Map<String, TopicAccess> access) {
        StringBuilder yaml = new StringBuilder("catalogue:\n  topics:\n");
        for (TopicAccess t : access.values()) {
            yaml.append("    - name: ").append(t.name()).append('\n')
                    .append("      partitions: ").append(t.partitions()).append('\n')
                    .append("      cleanupPolicy: ").append(t.cleanupPolicy()).append('\n')
                    .append("      retentionMs: ").append(t.retentionMs() == null ? "null" : t.retentionMs()).append('\n')
                    .append("      owned: ").append(t.owned()).append('\n')
                    .append("      read: ").append(t.read()).append('\n')
                    .append("      write: ").append(t.write()).append('\n');
        }
        return yaml.toString();
    }

    private static Set<String> names(TopicCatalogue catalogue) {
        return catalogue.topicsWithDeadLetters().stream().map(Topic::name).collect(Collectors.toSet());
    }
}

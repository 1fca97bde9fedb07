package kz.taza.helm;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.TopicGrant;

/**
 * What a service may do with each topic: one row of a chart's {@code catalogue.topics}. The expected rows are the
 * access model's ({@link TazaPrincipals#service}, its {@link TopicGrant}s: owned, read, write), with the partitions,
 * cleanup policy and retention of the topic itself; the model is the one declaration, which the tests' brokers are
 * given and the charts' KafkaUsers render.
 */
record TopicAccess(String name, int partitions, String cleanupPolicy, Long retentionMs, boolean owned, boolean read,
        boolean write) {

    /** The access model's rows for a service, by topic name. */
    static Map<String, TopicAccess> of(String service) {
        Map<String, TopicAccess> access = new TreeMap<>();
        for (TopicGrant grant : TazaPrincipals.service(service).topics()) {
            access.put(grant.name(), new TopicAccess(grant.name(), grant.topic().partitions(),
                    grant.topic().cleanupPolicy().kafkaValue(),
                    grant.topic().retention().map(d -> d.toMillis()).orElse(null),
                    grant.owned(), grant.read(), grant.write()));
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

    /** The values.yaml block for these topics, for a developer to paste when the access model changed. */
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
}

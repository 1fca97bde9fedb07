package kz.taza.platform.topic;

import java.util.List;

import kz.taza.events.common.KpiValue;
import kz.taza.events.common.WriterSchema;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Topics shared by every service.
 * <ul>
 * <li>{@code kpi.values.v1} has one writer per KPI (each service owns its KPIs) and one record per
 * {@code kpiId|scope|period}; compaction keeps the latest value, so a late or corrected input simply publishes a newer
 * value under the same key.</li>
 * <li>{@code platform.schemas.v1} holds every writer schema any producer has written with, keyed by its fingerprint:
 * each service publishes its own before it writes, and reads the topic to decode what newer producers write
 * ({@link kz.taza.platform.schema.SchemaTopic}); subscribing agencies read it for the same reason.</li>
 * </ul>
 * Both are read by services (tree-planting-service reads the KPIs, every service the schemas), so both have a
 * dead-letter topic.
 */
public final class PlatformTopics implements TopicCatalogue {

    public static final Topic<String, KpiValue> KPI_VALUES = Topic.named("kpi.values.v1")
            .values(AvroSerdes.of(KpiValue.class))
            .partitions(6)
            .compacted()
            .publicTopic()
            .deadLettered()
            .description("National and regional KPIs; key kpiId|scope|period, latest value kept by compaction")
            .build();

    /**
     * Every writer schema producers have written with, keyed by fingerprint (16 hex digits); one partition, so that a
     * reader catches up with one end offset, and compacted: a schema published twice is kept once, and none is ever
     * deleted.
     */
    public static final Topic<String, WriterSchema> SCHEMAS = Topic.named("platform.schemas.v1")
            .values(AvroSerdes.of(WriterSchema.class))
            .partitions(1)
            .compacted()
            .publicTopic()
            .deadLettered()
            .description("Writer schemas by fingerprint, published by each producer before it writes with them")
            .build();

    /** The shared topics every service reads, whatever its domain: the schema topic. */
    public static List<Topic<?, ?>> readByEveryService() {
        return List.of(SCHEMAS);
    }

    @Override
    public List<Topic<?, ?>> topics() {
        return List.of(KPI_VALUES, SCHEMAS);
    }
}

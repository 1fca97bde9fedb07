package kz.taza.platform.topic;

import java.util.List;

import kz.taza.events.common.KpiValue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Topics shared by every service. {@code kpi.values.v1} has one writer per KPI (each service owns its KPIs) and one
 * record per {@code kpiId|scope|period}; compaction keeps the latest value, so a late or corrected input simply
 * publishes a newer value under the same key.
 */
public final class PlatformTopics implements TopicCatalogue {

    public static final Topic<String, KpiValue> KPI_VALUES = Topic.named("kpi.values.v1")
            .values(AvroSerdes.of(KpiValue.class))
            .partitions(6)
            .compacted()
            .publicTopic()
            .description("National and regional KPIs; key kpiId|scope|period, latest value kept by compaction")
            .build();

    @Override
    public List<Topic<?, ?>> topics() {
        return List.of(KPI_VALUES);
    }
}

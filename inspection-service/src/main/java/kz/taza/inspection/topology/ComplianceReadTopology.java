package kz.taza.inspection.topology;

import org.apache.kafka.streams.StreamsBuilder;

import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.platform.kafka.StreamsTopology;

/**
 * Every facility's compliance record on every instance: a global table of {@code inspection.compliance.v1}, from
 * which the compliance-history reads and the yearly risk-based plan are served (facilities number in the thousands,
 * so a full copy per instance is small).
 */
public final class ComplianceReadTopology implements StreamsTopology {

    public static final String STORE = "inspection-compliance-view";

    @Override
    public void build(StreamsBuilder builder) {
        builder.globalTable(InspectionTopics.COMPLIANCE.name(), InspectionTopics.COMPLIANCE.consumed(),
                InspectionTopics.COMPLIANCE.materializedAs(STORE));
    }
}

package kz.taza.inspection.topology;

import org.apache.kafka.streams.StreamsBuilder;

import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.errors.ReferenceCheck;
import kz.taza.platform.kafka.StreamsTopology;

/**
 * Every facility's compliance record on every instance: a global store of {@code inspection.compliance.v1}, from
 * which the compliance-history reads and the yearly risk-based plan are served (facilities number in the thousands,
 * so a full copy per instance is small). A record that does not decode, or names another facility than its key, is
 * quarantined and the facility keeps the record it had.
 */
public final class ComplianceReadTopology implements StreamsTopology {

    public static final String STORE = "inspection-compliance-view";

    /** A compliance record is the record of the facility its key names. */
    static final ReferenceCheck<FacilityCompliance> OWN_FACILITY = (facilityId, compliance) ->
            compliance.getFacilityId() == null || facilityId.equals(compliance.getFacilityId()) ? null
                    : "compliance record of " + compliance.getFacilityId() + " under key " + facilityId;

    @Override
    public void build(StreamsBuilder builder) {
        Inputs.globalTable(builder, InspectionTopics.COMPLIANCE, STORE, OWN_FACILITY);
    }
}

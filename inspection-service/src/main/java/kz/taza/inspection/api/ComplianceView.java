package kz.taza.inspection.api;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.inspection.topology.ComplianceReadTopology;
import kz.taza.platform.query.StateQueries;

/**
 * Reads the compliance records from this instance's global table (every instance holds all of them). The table
 * follows {@code inspection.compliance.v1}, so it shows a command's effect shortly after the command's result.
 */
@Component
public class ComplianceView {

    private final StateQueries state;

    public ComplianceView(StateQueries state) {
        this.state = state;
    }

    public Optional<FacilityCompliance> find(String facilityId) {
        return state.find(ComplianceReadTopology.STORE, facilityId);
    }

    /** Whether the facility's registration is known (its region and category come from permit.facilities.v1). */
    public boolean isRegistered(String facilityId) {
        return find(facilityId).map(f -> f.getRegionCode() != null).orElse(false);
    }

    /** Every record; a 503 (the platform's {@code /problems/state-not-available}) while it is not queryable. */
    public List<FacilityCompliance> all() {
        return state.all(ComplianceReadTopology.STORE);
    }
}

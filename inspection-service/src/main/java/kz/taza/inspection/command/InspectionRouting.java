package kz.taza.inspection.command;

import java.util.ArrayList;
import java.util.List;

import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.inspection.domain.ComplianceRules;
import kz.taza.platform.command.CommandRouting;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;

/**
 * Where the single writer of each facility's compliance state sends what the {@link ComplianceRules} accept: the
 * events to {@code inspection.events.v1} and the new compliance record to {@code inspection.compliance.v1}, both keyed
 * by facilityId and in the same transaction as the command's result. Officer commands and the internal commands made
 * from exceedances and registrations go through the same processor, so both rule sets see one consistent state (for
 * example "at most one open unscheduled inspection").
 */
public final class InspectionRouting implements CommandRouting<FacilityCompliance> {

    @Override
    public List<Output> route(String facilityId, FacilityCompliance before,
            Outcome.Accepted<FacilityCompliance> accepted) {
        List<Output> outputs = new ArrayList<>();
        accepted.events().forEach(event -> outputs.add(Output.of(InspectionTopics.EVENTS, facilityId, event)));
        outputs.add(Output.of(InspectionTopics.COMPLIANCE, facilityId, accepted.state()));
        return outputs;
    }
}

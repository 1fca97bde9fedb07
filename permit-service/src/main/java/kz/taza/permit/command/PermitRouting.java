package kz.taza.permit.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.platform.command.CommandRouting;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;

/**
 * Where an accepted permit command's records go, all in one transaction with the command's result: the domain events
 * to {@code permit.events.v1}, then the compacted registrations that changed (the facility to
 * {@code permit.facilities.v1}, the permit to {@code permit.permits.v1}: compared with the state before the command),
 * then the whole facility state to the registry the read models use.
 */
public final class PermitRouting implements CommandRouting<FacilityPermitState> {

    @Override
    public List<Output> route(String facilityId, FacilityPermitState before,
            Outcome.Accepted<FacilityPermitState> accepted) {
        FacilityPermitState state = accepted.state();
        List<Output> outputs = new ArrayList<>();
        accepted.events().forEach(event -> outputs.add(Output.of(PermitTopics.EVENTS, facilityId, event)));
        if (!Objects.equals(before == null ? null : before.getFacility(), state.getFacility())) {
            outputs.add(Output.of(PermitTopics.FACILITIES, facilityId, state.getFacility()));
        }
        if (!Objects.equals(before == null ? null : before.getPermit(), state.getPermit())) {
            outputs.add(Output.of(PermitTopics.PERMITS, facilityId, state.getPermit()));
        }
        outputs.add(Output.of(PermitTopics.REGISTRY, facilityId, state));
        return outputs;
    }
}

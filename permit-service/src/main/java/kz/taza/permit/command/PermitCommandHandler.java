package kz.taza.permit.command;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.events.permit.Permit;
import kz.taza.permit.domain.CommandContext;
import kz.taza.permit.domain.FacilityPermitRules;
import kz.taza.platform.command.CommandHandler;
import kz.taza.platform.command.CommandMeta;
import kz.taza.platform.command.Decision;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;

/**
 * Connects the permit rules to the platform's command processor: a decision becomes the domain events
 * ({@code permit.events.v1}), the compacted state that changed ({@code permit.facilities.v1},
 * {@code permit.permits.v1}) and the registry record the read models use, all written with the command's result in one
 * transaction. The processor's timer expires permits whose validTo has passed.
 */
public final class PermitCommandHandler implements CommandHandler<SpecificRecord, FacilityPermitState> {

    private final FacilityPermitRules rules = new FacilityPermitRules();
    private final ZoneId zone;

    public PermitCommandHandler(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Decision<FacilityPermitState> decide(SpecificRecord command, FacilityPermitState state, CommandMeta meta) {
        Object facilityId = command.getSchema().getField("facilityId") == null ? null
                : command.get(command.getSchema().getField("facilityId").pos());
        if (!meta.aggregateId().equals(facilityId)) {
            // The key decides which processor owns the facility: a mismatch would let a command bypass the single writer.
            return Decision.reject(RejectionKind.INVALID, "FACILITY_ID_MISMATCH", "The command addresses facility "
                    + facilityId + " but was sent for " + meta.aggregateId(),
                    List.of(new FieldViolation("facilityId", "must be " + meta.aggregateId())));
        }
        return rules.decide(command, state, new CommandContext(meta.commandId(), meta.now(), zone))
                .toDecision(accepted -> accept(accepted, state, meta.aggregateId()));
    }

    @Override
    public Decision<FacilityPermitState> onTick(String facilityId, FacilityPermitState state, Instant now) {
        Permit permit = state == null ? null : state.getPermit();
        if (permit == null) {
            return null;
        }
        // One cause per permit and validTo: a repeated check (after a crash before commit) yields the same event ids.
        String cause = "expiry:" + facilityId + ":" + permit.getPermitId() + ":" + permit.getValidTo();
        return rules.expireIfDue(state, new CommandContext(cause, now, zone))
                .map(accepted -> accept(accepted, state, facilityId))
                .orElse(null);
    }

    /**
     * The events, then the compacted registrations that changed (the facility, the permit: compared with the state
     * before the command), then the processor's own state.
     */
    private static Decision<FacilityPermitState> accept(Outcome.Accepted<FacilityPermitState> accepted,
            FacilityPermitState before, String facilityId) {
        if (accepted.unchanged()) {
            return Decision.accept(null, accepted.resourceId(), List.of());
        }
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
        return Decision.accept(state, accepted.resourceId(), outputs);
    }
}

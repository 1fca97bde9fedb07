package kz.taza.inspection.command;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.inspection.InspectionTopics;
import kz.taza.inspection.domain.ComplianceRules;
import kz.taza.platform.command.CommandHandler;
import kz.taza.platform.command.CommandMeta;
import kz.taza.platform.command.Decision;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;

/**
 * Applies the {@link ComplianceRules} as the single writer of each facility's compliance state: an accepted command
 * writes its events to {@code inspection.events.v1} and, when the state changed, the new compliance record to
 * {@code inspection.compliance.v1}, both keyed by facilityId and in the same transaction as the command's result.
 * Officer commands and the internal commands made from exceedances and registrations go through here alike, so both
 * rule sets see one consistent state (for example "at most one open unscheduled inspection").
 */
public final class InspectionCommandHandler implements CommandHandler<SpecificRecord, FacilityCompliance> {

    private final ComplianceRules rules;
    private final Clock clock;

    /** Decides with the processor's clock. */
    public InspectionCommandHandler(ComplianceRules rules) {
        this(rules, null);
    }

    /**
     * Decides with the given clock instead of the processor's (the service's one {@link Clock} bean, which tests
     * replace to let days pass); {@code null} for the processor's clock.
     */
    public InspectionCommandHandler(ComplianceRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public Decision<FacilityCompliance> decide(SpecificRecord command, FacilityCompliance state, CommandMeta meta) {
        return rules.decide(command, meta.aggregateId(), state, meta.commandId(),
                clock == null ? meta.now() : clock.instant())
                .toDecision(accepted -> accept(meta.aggregateId(), accepted));
    }

    @Override
    public Decision<FacilityCompliance> onTick(String facilityId, FacilityCompliance state, Instant now) {
        return rules.onTick(facilityId, state,
                clock == null ? now : clock.instant()).map(accepted -> accept(facilityId, accepted)).orElse(null);
    }

    private static Decision<FacilityCompliance> accept(String facilityId,
            Outcome.Accepted<FacilityCompliance> accepted) {
        List<Output> outputs = new ArrayList<>();
        accepted.events().forEach(event -> outputs.add(Output.of(InspectionTopics.EVENTS, facilityId, event)));
        if (accepted.state() != null) {
            outputs.add(Output.of(InspectionTopics.COMPLIANCE, facilityId, accepted.state()));
        }
        return Decision.accept(accepted.state(), accepted.resourceId(), outputs);
    }
}

package kz.taza.platform.command;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import kz.taza.events.common.ActingPrincipal;
import kz.taza.events.common.CommandAuditEntry;
import kz.taza.events.common.CommandAuditTrail;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;

/**
 * The history of an aggregate of this service (a facility, a planting, a plan): every command it was given, who sent
 * it and when, what came of it and which events it caused, oldest first — read from the command processor's audit
 * trail on whichever instance owns the aggregate. It says who did what; the events themselves carry the same actor
 * in their metadata.
 */
@RestController
public class CommandHistoryController {

    /** Path of an aggregate's history. */
    public static final String PATH = "/api/v1/history/{aggregateId}";

    private final List<CommandTopology<?, ?>> topologies;
    private final StateQueries state;

    public CommandHistoryController(List<CommandTopology<?, ?>> topologies, StateQueries state) {
        this.topologies = topologies;
        this.state = state;
    }

    /** Who acted, as the history shows it. */
    public record ActorView(String subject, String clientId, List<String> roles, String operatorBin) {
        static ActorView of(ActingPrincipal actor) {
            return actor == null ? null : new ActorView(actor.getSubject(), actor.getClientId(), actor.getRoles(),
                    actor.getOperatorBin());
        }
    }

    /** One command of the history. */
    public record EntryView(String commandId, String commandType, ActorView actor, Instant submittedAt,
            Instant processedAt, String outcome, String reasonCode, List<String> eventIds) {
        static EntryView of(CommandAuditEntry entry) {
            return new EntryView(entry.getCommandId(), entry.getCommandType(), ActorView.of(entry.getActor()),
                    entry.getSubmittedAt(), entry.getProcessedAt(), entry.getOutcome().name(),
                    entry.getReasonCode(), entry.getEventIds());
        }
    }

    /** An aggregate's history. */
    public record HistoryView(String aggregateId, List<EntryView> commands) {
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.FORESTER, Role.OPERATIONS, Role.SERVICE})
    @GetMapping(PATH)
    public ResponseEntity<HistoryView> history(@PathVariable String aggregateId, HttpServletRequest request) {
        // One command topology per service; the owner of the aggregate's partition answers (forwarded if elsewhere).
        CommandTopology<?, ?> topology = topologies.get(0);
        return state.answer(topology.auditStoreName(), aggregateId, request, () -> read(topology, aggregateId)
                .<Object>map(trail -> new HistoryView(aggregateId,
                        trail.getEntries().stream().map(EntryView::of).toList()))
                .orElseGet(() -> ProblemHandlers.notFound("UNKNOWN_AGGREGATE",
                        "No command is known for " + aggregateId)));
    }

    private Optional<CommandAuditTrail> read(CommandTopology<?, ?> topology, String aggregateId) {
        ReadOnlyKeyValueStore<String, CommandAuditTrail> audit = state.store(topology.auditStoreName(),
                QueryableStoreTypes.keyValueStore());
        return Optional.ofNullable(audit.get(aggregateId));
    }
}

package kz.taza.platform.command;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import kz.taza.events.common.FieldViolation;

/**
 * A domain's rules for one kind of aggregate, in plain Java (no Kafka, no Spring), in two steps that the platform
 * always runs in this order: {@link #validate} the command on its own, then, only for a valid command,
 * {@link #decide} against the aggregate's current state. The command processor, the only writer of that state, calls
 * them one command at a time per aggregate, so rules like "at most one live permit per facility" hold under concurrent
 * requests from any number of instances; the REST layer runs the same {@code validate} before sending (the command
 * gateway does), so a bad request is answered at once and nothing is written. Commands may arrive from elsewhere than
 * REST: the processor validates every one again.
 *
 * @param <C> the command record type (often {@code SpecificRecord}, for a topic carrying several command types)
 * @param <S> the aggregate's state type
 */
public interface CommandRules<C, S> {

    /**
     * Every bad field of the command on its own, with no state: required fields, formats, ranges, dates relative to
     * today. Empty when the command may be decided. Fields may be {@code null} here (a command built from a request is
     * checked before it is ever serialised); field paths are those of the REST request bodies.
     *
     * @param today today in the regulator's zone
     */
    List<FieldViolation> validate(C command, LocalDate today);

    /**
     * Decides on a valid command against the aggregate's current state.
     *
     * @param state the aggregate's current state, {@code null} when it does not exist yet
     */
    Outcome<S> decide(C command, S state, CommandContext context);

    /**
     * Called for every aggregate on each tick of the processor's clock (when the topology sets a tick interval), for
     * rules that fire with time rather than with a command, such as a permit expiring or an order becoming overdue.
     * Empty (the default) when nothing happens. The context's cause names the tick; rules whose events must keep
     * their ids across ticks name their own cause ({@link CommandContext#causedBy}).
     */
    default Optional<Outcome.Accepted<S>> onTick(String aggregateId, S state, CommandContext context) {
        return Optional.empty();
    }

    /**
     * What the processor decides for a command: rejected as INVALID naming every bad field when {@link #validate}
     * finds any (the rules then never see it), otherwise what {@link #decide} says.
     */
    static <C, S> Outcome<S> apply(CommandRules<C, S> rules, C command, S state, CommandContext context) {
        List<FieldViolation> violations = rules.validate(command, context.today());
        if (!violations.isEmpty()) {
            return Outcome.Rejected.invalid(violations);
        }
        Outcome<S> outcome = rules.decide(command, state, context);
        if (outcome == null) {
            throw new IllegalStateException("the rules returned no outcome for command " + context.causeId());
        }
        return outcome;
    }
}

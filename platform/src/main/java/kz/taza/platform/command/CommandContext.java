package kz.taza.platform.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

import kz.taza.events.common.EventMetadata;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;

/**
 * What a domain's rules know about a command besides its content and the aggregate's state: which command (or timer)
 * caused the decision, for which aggregate, when it was submitted, the processor's clock and the regulator's calendar,
 * and the metadata of the events the decision causes. Rules use no other clock and make no metadata of their own, so a
 * decision is a function of its inputs and deciding the same command again yields the same events.
 *
 * <p>The command processor makes one for every command from the command record and its headers; whatever the headers
 * carry about the command's origin reaches every event's metadata through {@link #metadata(int)} without the rules
 * handling it.
 */
public final class CommandContext {

    private final EventCause cause;
    private final String aggregateId;
    private final Instant submittedAt;
    private final Instant now;
    private final ZoneId zone;
    private final EventMetadataFactory events;

    /**
     * @param cause       the command (or timer) the events of this decision are caused by
     * @param aggregateId the aggregate decided on (the command record's key)
     * @param submittedAt when the command was submitted (the command record's timestamp)
     * @param now         the processor's clock when deciding
     * @param zone        the regulator's zone: calendar days are days there
     * @param events      makes the events' metadata
     */
    public CommandContext(EventCause cause, String aggregateId, Instant submittedAt, Instant now, ZoneId zone,
            EventMetadataFactory events) {
        this.cause = Objects.requireNonNull(cause, "cause");
        this.aggregateId = Objects.requireNonNull(aggregateId, "aggregateId");
        this.submittedAt = Objects.requireNonNull(submittedAt, "submittedAt");
        this.now = Objects.requireNonNull(now, "now");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** The context of a command submitted {@code now}, caused by nothing but itself. */
    public static CommandContext of(String commandId, String aggregateId, Instant now, ZoneId zone,
            EventMetadataFactory events) {
        return new CommandContext(EventCause.of(commandId), aggregateId, now, now, zone, events);
    }

    /** The id the decision's events derive their ids from: the command's id, or the timer rule's own name. */
    /** The whole cause: ids and the acting principal ({@code null} actor when the system acted by itself). */
    public EventCause cause() {
        return cause;
    }

    public String causeId() {
        return cause.id();
    }

    public String aggregateId() {
        return aggregateId;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    /** The processor's clock: use it for "not in the future" rules and event times, never another clock. */
    public Instant now() {
        return now;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Today in the regulator's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(now, zone);
    }

    /** The first instant of a calendar day in the regulator's zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Metadata of the {@code index}-th event of this decision, occurring now. */
    public EventMetadata metadata(int index) {
        return metadata(index, now);
    }

    /** Metadata of the {@code index}-th event of this decision, for a fact that happened at {@code occurredAt}. */
    public EventMetadata metadata(int index, Instant occurredAt) {
        return events.metadata(cause, index, occurredAt);
    }

    /**
     * The same context under a cause of the rules' own naming, for a decision that must yield the same event ids
     * however often it is made (a permit's expiry, an order falling overdue: one cause per permit or order, not per
     * tick).
     */
    public CommandContext causedBy(String causeId) {
        return new CommandContext(cause.derived(causeId), aggregateId, submittedAt, now, zone, events);
    }
}

package kz.taza.platform.events;

import java.util.Objects;

/**
 * What caused an event, as its metadata records it: the id its event ids derive from, the flow it belongs to
 * (correlation) and what directly caused it (causation). A command's events have the command's id for all three. Who
 * acted travels here too once commands carry their principal, so every event records it without any rule knowing.
 *
 * @param id            the cause's own id (a command id, a report id, a name for a timer-driven change); the events'
 *                      ids derive from it and their index, so the same cause always yields the same ids
 * @param correlationId id shared by everything one original request caused
 * @param causationId   id of the command or event that directly caused the events; {@code null} when none is recorded
 */
public record EventCause(String id, String correlationId, String causationId) {

    public EventCause {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** A cause that is its own flow and its own cause, e.g. a command: all three ids are {@code id}. */
    public static EventCause of(String id) {
        return new EventCause(id, id, id);
    }

    /**
     * A cause derived from this one under another id (for example one per permit that expires at a tick), so that the
     * events it causes get ids of their own while keeping what this cause carries beyond its ids.
     */
    public EventCause derived(String derivedId) {
        return new EventCause(derivedId, derivedId, derivedId);
    }
}

package kz.taza.platform.events;

import java.util.Objects;

import kz.taza.events.common.ActingPrincipal;

/**
 * What caused an event, as its metadata records it: the id its event ids derive from, the flow it belongs to
 * (correlation), what directly caused it (causation) and who acted. A command's events have the command's id for the
 * first three and the command's sender as actor; so every event records its principal without any rule knowing.
 *
 * @param id            the cause's own id (a command id, a report id, a name for a timer-driven change); the events'
 *                      ids derive from it and their index, so the same cause always yields the same ids
 * @param correlationId id shared by everything one original request caused
 * @param causationId   id of the command or event that directly caused the events; {@code null} when nothing
 *                      recorded did (an external reading)
 * @param actor         the authenticated principal behind the cause; {@code null} when the system acted by itself
 *                      (time, or another event)
 */
public record EventCause(String id, String correlationId, String causationId, ActingPrincipal actor) {

    public EventCause {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** A cause with no acting principal (time, or another event). */
    public EventCause(String id, String correlationId, String causationId) {
        this(id, correlationId, causationId, null);
    }

    /** A cause that is its own flow and its own cause, e.g. a command: all three ids are {@code id}. */
    public static EventCause of(String id) {
        return new EventCause(id, id, id);
    }

    /** A command of this id sent by this principal ({@code null}: by the system itself). */
    public static EventCause of(String id, ActingPrincipal actor) {
        return new EventCause(id, id, id, actor);
    }

    /**
     * A cause derived from this one under another id (for example one per permit that expires at a tick), so that the
     * events it causes get ids of their own while keeping who acted.
     */
    public EventCause derived(String derivedId) {
        return new EventCause(derivedId, derivedId, derivedId, actor);
    }
}

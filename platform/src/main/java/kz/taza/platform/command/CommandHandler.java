package kz.taza.platform.command;

import org.apache.avro.specific.SpecificRecord;

/**
 * The domain's rules for one kind of aggregate: given a command and the aggregate's current state, what happens. It is
 * called by the command processor, the only writer of that state, one command at a time per aggregate, so rules like
 * "at most one active permit per facility" hold under concurrent requests from any number of service instances.
 *
 * <p>Implementations are plain functions of their inputs: no I/O, no clock but {@link CommandMeta#now()}.
 *
 * @param <C> the command record type (often {@code SpecificRecord}, for a topic carrying several command types)
 * @param <S> the aggregate's state type
 */
@FunctionalInterface
public interface CommandHandler<C extends SpecificRecord, S> {

    /**
     * Decides on a command.
     *
     * @param state the aggregate's current state, {@code null} when it does not exist yet
     */
    Decision<S> decide(C command, S state, CommandMeta meta);

    /**
     * Called for every aggregate on each tick of the processor's clock (when the topology sets a tick interval), for
     * rules that fire with time rather than with a command, such as a permit expiring or an order becoming overdue.
     * Return {@code null} (the default) when nothing happens.
     */
    default Decision<S> onTick(String aggregateId, S state, java.time.Instant now) {
        return null;
    }
}

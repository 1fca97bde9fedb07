package kz.taza.platform.command;

import java.util.List;

/**
 * Where an accepted command's records go: each domain event and each compacted state record that changed, to which
 * topic under which key. It is the only part of a command domain that knows topics; the rules do not. The processor
 * writes these records in the same exactly-once transaction as the new state and the command's result, checks that
 * every topic is a declared output of the topology and that every event of the outcome is written, and calls it only
 * when the command changed something.
 *
 * @param <S> the aggregate's state type
 */
@FunctionalInterface
public interface CommandRouting<S> {

    /**
     * @param aggregateId the aggregate decided on
     * @param before      its state before the command ({@code null} when it did not exist)
     * @param accepted    what the rules decided (never {@link Outcome.Accepted#unchanged() unchanged})
     */
    List<Output> route(String aggregateId, S before, Outcome.Accepted<S> accepted);
}

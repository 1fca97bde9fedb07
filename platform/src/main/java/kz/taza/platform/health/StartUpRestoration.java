package kz.taza.platform.health;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Whether one Streams application of this instance can serve its reads yet: not before it has been RUNNING with none
 * of its active stores restoring. Kafka Streams reports RUNNING while the state updater still restores active tasks
 * in the background, and until they are restored reads of them answer 503, so RUNNING alone would put a freshly
 * started instance behind the load balancer too early.
 *
 * <p>Only the start counts: once the application has served, restorations that follow a rebalance (a task moved
 * here from another instance) leave it ready, so that an ordinary rebalance does not take every instance out at once.
 * Standby tasks are not active and do not count. The application is its own restore listener (Kafka Streams calls it
 * for every store, global ones included).
 */
public final class StartUpRestoration implements StateRestoreListener {

    private final Set<String> restoring = ConcurrentHashMap.newKeySet();
    private volatile boolean served;

    /** Whether the application serves its reads in this state; true from its first RUNNING with nothing restoring. */
    public boolean ready(State state) {
        if (served) {
            return state == State.RUNNING || state == State.REBALANCING;
        }
        if (state == State.RUNNING && restoring.isEmpty()) {
            served = true;
            return true;
        }
        return false;
    }

    /** Active stores restoring now, as {@code store@topic-partition}. */
    public Set<String> restoring() {
        return Set.copyOf(restoring);
    }

    /** How many active store partitions are restoring now (without copying them, for every probe). */
    int restoringCount() {
        return restoring.size();
    }

    /** The application stopped (or failed): a new start restores again and is not ready until that is done. */
    public void stopped() {
        served = false;
        restoring.clear();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        if (!served) {
            restoring.add(store + '@' + partition);
        }
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
        // progress only
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(store + '@' + partition);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        // the task moved away before its restoration ended: not this instance's to wait for any more
        restoring.remove(store + '@' + partition);
    }
}

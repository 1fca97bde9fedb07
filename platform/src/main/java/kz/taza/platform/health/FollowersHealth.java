package kz.taza.platform.health;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Liveness of the plain consumers a service runs beside its Streams application (the command result followers, the
 * schema topic follower): each reads on a thread of its own, and a service whose follower has stopped answers every
 * command with 202 or cannot resolve a new writer schema while its Streams application looks fine. Such a follower
 * turns liveness DOWN, so the orchestrator restarts the instance. A follower that meets a bad record quarantines it
 * and goes on; only a failure that is not the record's stops it.
 */
public class FollowersHealth {

    private final Map<String, BooleanSupplier> followers = new ConcurrentHashMap<>();
    private final Set<String> topics = ConcurrentHashMap.newKeySet();

    /**
     * Adds a follower of a topic, named {@code <what>:<topic>}; {@code following} is true while it reads (or before
     * it has been started).
     */
    public void register(String what, String topic, BooleanSupplier following) {
        followers.put(what + ":" + topic, following);
        topics.add(topic);
    }

    /** The topics the followers read: with the Streams application's inputs, everything the service consumes. */
    public Set<String> topics() {
        return Set.copyOf(topics);
    }

    public HealthIndicator liveness() {
        return () -> {
            Map<String, Object> details = new TreeMap<>();
            boolean up = true;
            for (Map.Entry<String, BooleanSupplier> follower : followers.entrySet()) {
                boolean following = follower.getValue().getAsBoolean();
                details.put(follower.getKey(), following ? "FOLLOWING" : "STOPPED");
                up &= following;
            }
            return (up ? Health.up() : Health.down()).withDetails(details).build();
        };
    }
}

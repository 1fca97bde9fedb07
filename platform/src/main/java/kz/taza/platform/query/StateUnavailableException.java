package kz.taza.platform.query;

import java.time.Duration;
import java.util.Objects;

/**
 * State cannot be read right now: the Streams application is starting or rebalancing, or the instance that owns the
 * key did not answer. Answered 503 with Retry-After (RFC 9457 problem document); the client should retry, and never
 * receives an empty answer in its place.
 */
public class StateUnavailableException extends RuntimeException {

    /** Why the state cannot be read. */
    public enum Reason {
        /** The store is not queryable here yet (start-up, rebalance, the key is moving between instances). */
        NOT_QUERYABLE("/problems/state-not-available", "State not available yet"),
        /** The instance owning the key did not answer in time, answered 5xx, or its circuit breaker is open. */
        OWNER_UNREACHABLE("/problems/owner-unavailable", "Owner instance unavailable");

        private final String type;
        private final String title;

        Reason(String type, String title) {
            this.type = type;
            this.title = title;
        }

        /** The problem document's {@code type}. */
        public String type() {
            return type;
        }

        /** The problem document's {@code title}. */
        public String title() {
            return title;
        }
    }

    private final Reason reason;
    private final Duration retryAfter;

    public StateUnavailableException(Reason reason, String message, Duration retryAfter) {
        this(reason, message, retryAfter, null);
    }

    public StateUnavailableException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Reason reason() {
        return reason;
    }

    /** When the client should try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

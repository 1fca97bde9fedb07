package kz.taza.simulator.client;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** What was sent, per kind (facilities, permits, reports, readings, ...): sent, accepted, rejected, retried. */
public final class Counters {

    /** The counts of one kind. */
    public static final class Kind {
        public final AtomicLong sent = new AtomicLong();
        public final AtomicLong accepted = new AtomicLong();
        public final AtomicLong rejected = new AtomicLong();
        public final AtomicLong retried = new AtomicLong();
    }

    private final Map<String, Kind> kinds = new ConcurrentSkipListMap<>();

    public Kind of(String kind) {
        return kinds.computeIfAbsent(kind, k -> new Kind());
    }

    public Map<String, Kind> all() {
        return kinds;
    }

    public long totalRejected() {
        return kinds.values().stream().mapToLong(k -> k.rejected.get()).sum();
    }

    /** One line: {@code readings 12000/11990/10 ...} (sent/accepted/rejected, retried in brackets when any). */
    public String line() {
        StringBuilder b = new StringBuilder();
        kinds.forEach((name, k) -> {
            if (!b.isEmpty()) {
                b.append("  ");
            }
            b.append(name).append(' ').append(k.sent.get()).append('/').append(k.accepted.get()).append('/')
                    .append(k.rejected.get());
            if (k.retried.get() > 0) {
                b.append(" (").append(k.retried.get()).append(" retried)");
            }
        });
        return b.toString();
    }
}

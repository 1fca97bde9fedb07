package kz.taza.emission.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * One rate limiter per authenticated gateway (the subject of its token, never a header it chooses), in a bounded
 * cache: at most {@code maxGateways} are kept, the one used longest ago dropped first. Memory does not grow with the
 * requests a client makes, only with the gateways that hold credentials, and a dropped limiter belongs to a gateway
 * that has been quiet while thousands of others posted, so starting it afresh lets nobody past its limit.
 */
final class GatewayRateLimits {

    /** Gateways kept at most by default; the country's AMS gateways number in the hundreds. */
    static final int DEFAULT_MAX_GATEWAYS = 10_000;

    private final RateLimiterConfig config;
    private final Map<String, RateLimiter> byGateway;

    GatewayRateLimits(int readingsPerSecond, int maxGateways) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(readingsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build();
        this.byGateway = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > maxGateways;
            }
        };
    }

    /** Takes {@code readings} permits of the gateway's limiter; false (and nothing taken) when over its rate. */
    boolean tryTake(String gateway, int readings) {
        RateLimiter limiter;
        synchronized (byGateway) {
            limiter = byGateway.computeIfAbsent(gateway, id -> RateLimiter.of("ams-ingest-" + id, config));
        }
        return limiter.acquirePermission(readings);
    }

    /** Whether the gateway's limiter is kept now (without counting as a use). */
    boolean tracks(String gateway) {
        synchronized (byGateway) {
            return byGateway.containsKey(gateway);
        }
    }

    /** Gateways whose limiters are kept now. */
    int size() {
        synchronized (byGateway) {
            return byGateway.size();
        }
    }
}

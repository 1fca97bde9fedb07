package kz.taza.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock a test moves forward, so that days can pass for the rules (an order falls overdue, a permit expires) without
 * waiting: another clock (the system's, or a fixed one) plus whatever the test has advanced it by. A service test
 * declares it as the service's clock bean; a topology test hands it to the topology.
 */
public final class MovableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public MovableClock(Clock base) {
        this.base = base;
    }

    /** Lets {@code by} pass. */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(base.withZone(zone), offset);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }
}

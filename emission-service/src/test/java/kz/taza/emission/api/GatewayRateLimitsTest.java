package kz.taza.emission.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayRateLimitsTest {

    @Test
    void aGatewayOverItsRateIsRefusedAndAnotherIsNot() {
        GatewayRateLimits limits = new GatewayRateLimits(40, 100);

        assertThat(limits.tryTake("gateway-a", 25)).isTrue();
        assertThat(limits.tryTake("gateway-a", 25)).isFalse();
        assertThat(limits.tryTake("gateway-b", 25)).isTrue();
    }

    @Test
    void aMillionGatewaysKeepNoMoreLimitersThanTheBoundAndTheBusiestKeepsItsOwn() {
        GatewayRateLimits limits = new GatewayRateLimits(40, 1_000);
        assertThat(limits.tryTake("busy", 40)).isTrue();

        for (int i = 0; i < 1_000_000; i++) {
            limits.tryTake("gateway-" + i, 1);
            if (i % 500 == 0) {
                // the busy gateway keeps posting, so its limiter is never the one used longest ago
                limits.tryTake("busy", 1);
            }
        }

        assertThat(limits.size()).isEqualTo(1_000);
        assertThat(limits.tracks("busy")).isTrue();
        assertThat(limits.tracks("gateway-0")).isFalse();
        assertThat(limits.tracks("gateway-999999")).isTrue();
    }
}

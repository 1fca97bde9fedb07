package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.stack.ChaosDrill.Step;
import kz.taza.stack.StackOptions.ChaosPlan;

class ChaosDrillTest {

    @Test
    void eachRoundKillsEveryInstanceOfEveryTargetInStartOrderWithTheBrokerRestartsSpreadBetween() {
        ChaosPlan plan = new ChaosPlan(2, List.of("inspection-service", "emission-service"), 2, 2, 1, 1,
                Duration.ZERO);

        List<Step> steps = ChaosDrill.schedule(plan, ServiceSpec.defaults());

        Step e1 = new Step("emission-service", 0);
        Step e2 = new Step("emission-service", 1);
        Step i1 = new Step("inspection-service", 0);
        Step i2 = new Step("inspection-service", 1);
        assertThat(steps).containsExactly(e1, e2, i1, i2, Step.broker(), e1, e2, i1, i2);
    }

    @Test
    void aRoundCanKillOnlyTheFirstInstancesOfEachTarget() {
        ChaosPlan plan = new ChaosPlan(2, List.of("emission-service", "inspection-service"), 1, 1, 1, 0,
                Duration.ZERO);

        assertThat(ChaosDrill.schedule(plan, ServiceSpec.defaults())).containsExactly(
                new Step("emission-service", 0), Step.broker(), new Step("inspection-service", 0));
    }

    @Test
    void severalBrokerRestartsAreSpreadEvenlyAndNoRoundsKillOnlyTheBroker() {
        ChaosPlan plan = new ChaosPlan(3, List.of("permit-service"), 2, 3, 2, 1, Duration.ZERO);
        Step p1 = new Step("permit-service", 0);
        Step p2 = new Step("permit-service", 1);
        Step p3 = new Step("permit-service", 2);

        assertThat(ChaosDrill.schedule(plan, ServiceSpec.defaults()))
                .containsExactly(p1, p2, Step.broker(), p3, p1, Step.broker(), p2, p3);
        assertThat(ChaosDrill.schedule(new ChaosPlan(3, List.of("permit-service"), 0, 3, 1, 0, Duration.ZERO),
                ServiceSpec.defaults())).containsExactly(Step.broker());
    }
}

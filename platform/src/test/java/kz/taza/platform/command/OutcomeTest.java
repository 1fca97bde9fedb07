package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;

/** A domain's outcome becomes the handler's decision: a rejection keeps its reason, an acceptance its state. */
class OutcomeTest {

    @Test
    void aRejectionBecomesARejectedDecisionWithItsReasonAndFields() {
        Outcome<String> outcome = Outcome.Rejected.invalid(List.of(new FieldViolation("amountKzt", "must be > 0")));

        Decision<String> decision = outcome.toDecision(accepted -> Decision.accept("never", "x", List.of()));

        assertThat(decision.accepted()).isFalse();
        assertThat(decision.rejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(decision.reasonCode()).isEqualTo("INVALID_COMMAND");
        assertThat(decision.reason()).isEqualTo("amountKzt: must be > 0");
        assertThat(decision.violations()).extracting(FieldViolation::getField).containsExactly("amountKzt");
    }

    @Test
    void anAcceptanceIsTurnedIntoRecordsByTheHandler() {
        Outcome<String> outcome = new Outcome.Accepted<>("state-2", "thing-1", List.of());

        Decision<String> decision = outcome.toDecision(
                accepted -> Decision.accept(accepted.state(), accepted.resourceId(), List.of()));

        assertThat(decision.accepted()).isTrue();
        assertThat(decision.newState()).isEqualTo("state-2");
        assertThat(decision.resourceId()).isEqualTo("thing-1");
    }

    @Test
    void anUnchangedAcceptanceHasNoState() {
        assertThat(Outcome.Accepted.<String>unchanged("thing-1").unchanged()).isTrue();
        assertThat(new Outcome.Accepted<>("s", "thing-1", List.of()).unchanged()).isFalse();
        assertThat(Outcome.Rejected.<String>conflict("ALREADY", "already done").kind())
                .isEqualTo(RejectionKind.CONFLICT);
    }
}

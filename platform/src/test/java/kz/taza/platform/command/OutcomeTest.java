package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;

/** What a command decided: a rejection keeps its reason and fields, an acceptance its state. */
class OutcomeTest {

    @Test
    void aRejectionForBadFieldsNamesTheFieldInItsReason() {
        Outcome.Rejected<String> rejected = Outcome.Rejected.invalid(
                List.of(new FieldViolation("amountKzt", "must be > 0", null)));

        assertThat(rejected.kind()).isEqualTo(RejectionKind.INVALID);
        assertThat(rejected.code()).isEqualTo("INVALID_COMMAND");
        assertThat(rejected.reason()).isEqualTo("amountKzt: must be > 0");
        assertThat(rejected.violations()).extracting(FieldViolation::getField).containsExactly("amountKzt");
    }

    @Test
    void theFirstViolationsCodeTypesTheRejectionAndEveryFieldIsNamed() {
        Outcome.Rejected<String> rejected = Outcome.Rejected.invalid(List.of(
                new FieldViolation("hectares", "density is implausible", "IMPLAUSIBLE_DENSITY"),
                new FieldViolation("plantedOn", "is in the future", "DATE_IN_FUTURE")));

        assertThat(rejected.code()).isEqualTo("IMPLAUSIBLE_DENSITY");
        assertThat(rejected.reason()).isEqualTo(
                "2 fields are invalid: hectares: density is implausible; plantedOn: is in the future");
    }

    @Test
    void anAcceptanceKeepsItsStateAndResource() {
        Outcome.Accepted<String> accepted = new Outcome.Accepted<>("state-2", "thing-1", List.of());

        assertThat(accepted.state()).isEqualTo("state-2");
        assertThat(accepted.resourceId()).isEqualTo("thing-1");
    }

    @Test
    void anUnchangedAcceptanceHasNoStateAndNoEvents() {
        assertThat(Outcome.Accepted.<String>unchanged("thing-1").unchanged()).isTrue();
        assertThat(new Outcome.Accepted<>("s", "thing-1", List.of()).unchanged()).isFalse();
        assertThat(Outcome.Rejected.<String>conflict("ALREADY", "already done").kind())
                .isEqualTo(RejectionKind.CONFLICT);
        assertThatThrownBy(() -> new Outcome.Accepted<String>(null, "thing-1",
                List.of(new FieldViolation("f", "m", null)))).isInstanceOf(IllegalArgumentException.class);
    }
}

package kz.taza.permit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.RevokePermit;

/** A command built from a request with fields missing is described field by field, never thrown at. */
class CommandValidationTest {

    @Test
    void everyMissingFieldOfARegistrationIsNamed() {
        // (yes/no fields are primitives in Avro; the REST layer reports those missing)
        RegisterFacility empty = new RegisterFacility(null, null, null, null, null, null, null, false,
                List.of(new EmissionSource(null, " ", false, true, null, null, null, null)));

        assertThat(CommandValidation.violations(empty)).extracting(FieldViolation::getField).containsExactlyInAnyOrder(
                "facilityId", "operatorBin", "operatorName", "facilityName", "regionCode", "category", "sector",
                "sources[0].sourceId", "sources[0].name");
    }

    @Test
    void anAmendmentMustChangeSomethingAndARevocationNeedsAReason() {
        AmendPermit nothing = new AmendPermit("KZ-1", "KEP-1", null, null, null, null, null);
        RevokePermit noReason = new RevokePermit("KZ-1", "KEP-1", "  ");

        assertThat(CommandValidation.violations(nothing)).extracting(FieldViolation::getField).containsExactly("limits");
        assertThat(CommandValidation.violations(noReason)).extracting(FieldViolation::getField)
                .containsExactly("reason");
    }

    @Test
    void aWellFormedCommandHasNoViolations() {
        assertThat(CommandValidation.violations(new RevokePermit("KZ-55-0001", "KEP-1", "closed"))).isEmpty();
    }
}

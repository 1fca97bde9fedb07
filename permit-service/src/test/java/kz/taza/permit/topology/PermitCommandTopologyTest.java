package kz.taza.permit.topology;

import static kz.taza.permit.support.Commands.amendLimits;
import static kz.taza.permit.support.Commands.issue;
import static kz.taza.permit.support.Commands.limit;
import static kz.taza.permit.support.Commands.register;
import static kz.taza.permit.support.Commands.reinstate;
import static kz.taza.permit.support.Commands.revoke;
import static kz.taza.permit.support.Commands.suspend;
import static kz.taza.permit.support.Commands.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.Pollutant;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.events.permit.FacilityRegistered;
import kz.taza.events.permit.FacilityUpdated;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitAmended;
import kz.taza.events.permit.PermitChange;
import kz.taza.events.permit.PermitExpired;
import kz.taza.events.permit.PermitIssued;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitReinstated;
import kz.taza.events.permit.PermitRevoked;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitSuspended;
import kz.taza.events.permit.PermitType;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.UpdateFacility;
import kz.taza.permit.support.CommandDriver;

/**
 * Every rule and transition of the registry and the permit lifecycle, accepted and rejected, through the command
 * processor exactly as the service runs it (TopologyTestDriver): what the officer gets back (the command result) and
 * what other services see (events, compacted state, the registry read model).
 */
class PermitCommandTopologyTest {

    /** 11:00 in Kazakhstan on 1 March 2025. */
    static final Instant START = Instant.parse("2025-03-01T06:00:00Z");
    static final String F = "KZ-55-0001";

    CommandDriver driver;

    @BeforeEach
    void start() {
        driver = new CommandDriver(START);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static void assertAccepted(CommandResult result) {
        assertThat(result.getOutcome()).as("%s: %s", result.getReasonCode(), result.getReason())
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    static void assertRejected(CommandResult result, RejectionKind kind, String code) {
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(result.getRejection()).isEqualTo(kind);
        assertThat(result.getReasonCode()).isEqualTo(code);
        assertThat(result.getReason()).isNotBlank();
    }

    private void registerAndIssue(String permitId) {
        assertAccepted(driver.send(register(F, FacilityCategory.I, true)));
        assertAccepted(driver.send(issue(F, permitId)));
        driver.clearOutputs();
    }

    @Nested
    class FacilityRegistry {

        @Test
        void registeringAFacilityPublishesTheEventAndItsState() {
            CommandResult result = driver.send(register(F, FacilityCategory.I, true));

            assertAccepted(result);
            assertThat(result.getResourceId()).isEqualTo(F);
            List<KeyValue<String, SpecificRecord>> events = driver.events();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.key).isEqualTo(F);
                assertThat(e.value).isInstanceOf(FacilityRegistered.class);
            });
            assertThat(result.getEventIds()).containsExactly(
                    ((FacilityRegistered) events.get(0).value).getMetadata().getEventId());
            Facility facility = driver.facilities().get(0).value;
            assertThat(facility.getRegionCode()).isEqualTo("55");
            assertThat(facility.getCategory()).isEqualTo(FacilityCategory.I);
            assertThat(facility.getTop50()).isTrue();
            assertThat(facility.getSources()).extracting(EmissionSource::getSourceId).containsExactly("STACK-1",
                    "STACK-2");
            assertThat(driver.registry(F).getFacility()).isEqualTo(facility);
        }

        @Test
        void registeringTheSameFacilityTwiceIsAConflict() {
            driver.send(register(F, FacilityCategory.I, true));
            driver.clearOutputs();

            CommandResult result = driver.send(register(F, FacilityCategory.II, false));

            assertRejected(result, RejectionKind.CONFLICT, "FACILITY_ALREADY_REGISTERED");
            assertThat(driver.events()).isEmpty();
            assertThat(driver.facilities()).isEmpty();
        }

        @Test
        void anInvalidRegistrationNamesEachBadFieldAndChangesNothing() {
            RegisterFacility bad = register(F, FacilityCategory.I, true);
            bad.setOperatorBin("12345");
            bad.setRegionCode("99");
            bad.setSources(List.of(new EmissionSource("S", "a", true, true, null, null, null, null),
                    new EmissionSource("S", "b", true, true, null, null, null, null)));

            CommandResult result = driver.send(bad);

            assertRejected(result, RejectionKind.INVALID, "INVALID_COMMAND");
            assertThat(result.getViolations()).extracting(FieldViolation::getField)
                    .containsExactlyInAnyOrder("operatorBin", "regionCode", "sources[1].sourceId");
            assertThat(driver.events()).isEmpty();
            assertThat(driver.registry(F)).isNull();
        }

        @Test
        void updatingAFacilityNamesTheChangedFields() {
            RegisterFacility registered = register(F, FacilityCategory.I, false);
            driver.send(registered);
            driver.clearOutputs();
            UpdateFacility update = update(registered);
            update.setTop50(true);
            update.setSector("metallurgy");

            CommandResult result = driver.send(update);

            assertAccepted(result);
            FacilityUpdated event = (FacilityUpdated) driver.events().get(0).value;
            assertThat(event.getChangedFields()).containsExactly("sector", "top50");
            assertThat(driver.facilities()).singleElement()
                    .satisfies(f -> assertThat(f.value.getTop50()).isTrue());
        }

        @Test
        void anUpdateThatChangesNothingIsAcceptedWithoutEvents() {
            RegisterFacility registered = register(F, FacilityCategory.I, false);
            driver.send(registered);
            driver.clearOutputs();

            CommandResult result = driver.send(update(registered));

            assertAccepted(result);
            assertThat(result.getEventIds()).isEmpty();
            assertThat(driver.events()).isEmpty();
        }

        @Test
        void updatingAnUnknownFacilityIsNotFound() {
            CommandResult result = driver.send(update(register(F, FacilityCategory.I, false)));

            assertRejected(result, RejectionKind.NOT_FOUND, "FACILITY_NOT_REGISTERED");
        }

        @Test
        void anUpdateMayNotRemoveASourceTheLivePermitLimits() {
            registerAndIssue("KEP-1");
            UpdateFacility update = update(register(F, FacilityCategory.I, true));
            update.setSources(List.of(Commands0.stack1()));

            CommandResult result = driver.send(update);

            assertRejected(result, RejectionKind.CONFLICT, "SOURCE_HAS_PERMIT_LIMITS");
            assertThat(result.getViolations()).extracting(FieldViolation::getMessage)
                    .anySatisfy(m -> assertThat(m).contains("STACK-2"));
            assertThat(driver.events()).isEmpty();
        }

        @Test
        void anUpdateMayNotMoveTheFacilityToACategoryNeedingAnotherPermit() {
            registerAndIssue("KEP-1");
            UpdateFacility update = update(register(F, FacilityCategory.II, true));

            CommandResult result = driver.send(update);

            assertRejected(result, RejectionKind.CONFLICT, "CATEGORY_CONFLICTS_WITH_PERMIT");
        }

        @Test
        void aCommandSentUnderAnotherFacilitysKeyIsRejected() {
            CommandResult result = driver.sendAs("KZ-55-9999", "c-1", register(F, FacilityCategory.I, true));

            assertRejected(result, RejectionKind.INVALID, "FACILITY_ID_MISMATCH");
            assertThat(driver.registry(F)).isNull();
            assertThat(driver.registry("KZ-55-9999")).isNull();
        }
    }

    /** Sources used when a test trims a facility. */
    static final class Commands0 {
        static EmissionSource stack1() {
            return new EmissionSource("STACK-1", "Boiler house stack 1", true, true, null, null, null, null);
        }
    }

    @Nested
    class Issue {

        @Test
        void aCategoryIFacilityGetsAKepWithItsLimits() {
            driver.send(register(F, FacilityCategory.I, true));
            driver.clearOutputs();

            CommandResult result = driver.send(issue(F, "KEP-1"));

            assertAccepted(result);
            assertThat(result.getResourceId()).isEqualTo("KEP-1");
            PermitIssued event = (PermitIssued) driver.events().get(0).value;
            assertThat(event.getPermit().getType()).isEqualTo(PermitType.KEP);
            Permit permit = driver.permits().get(0).value;
            assertThat(permit.getStatus()).isEqualTo(PermitStatus.ACTIVE);
            assertThat(permit.getLimits()).hasSize(3).first().satisfies(l -> {
                assertThat(l.getSourceId()).isEqualTo("STACK-1");
                assertThat(l.getPollutant()).isEqualTo(Pollutant.SO2);
                assertThat(l.getGramsPerSecond()).isEqualTo(120.0);
                assertThat(l.getTonnesPerYear()).isEqualTo(3500.0);
                assertThat(l.getMgPerNm3()).isEqualTo(500.0);
            });
            assertThat(permit.getLimits().get(2).getMgPerNm3()).isNull();
            assertThat(driver.registry(F).getHistory()).singleElement()
                    .satisfies(h -> assertThat(h.getChange()).isEqualTo(PermitChange.ISSUED));
        }

        @Test
        void aCategoryIIFacilityGetsAnEnvironmentalImpactPermit() {
            driver.send(register(F, FacilityCategory.II, false));

            assertAccepted(driver.send(issue(F, "EIP-1")));

            assertThat(driver.registry(F).getPermit().getType()).isEqualTo(PermitType.ENVIRONMENTAL_IMPACT_PERMIT);
        }

        @Test
        void aCategoryIIIFacilityGetsADeclaration() {
            driver.send(register(F, FacilityCategory.III, false));

            assertAccepted(driver.send(issue(F, "DECL-1")));

            assertThat(driver.registry(F).getPermit().getType()).isEqualTo(PermitType.DECLARATION);
        }

        @Test
        void aCategoryIVFacilityIsIssuedNothing() {
            driver.send(register(F, FacilityCategory.IV, false));
            driver.clearOutputs();

            CommandResult result = driver.send(issue(F, "X-1"));

            assertRejected(result, RejectionKind.INVALID, "CATEGORY_NEEDS_NO_PERMIT");
            assertThat(result.getReason()).contains("Category IV");
            assertThat(driver.permits()).isEmpty();
        }

        @Test
        void anUnknownFacilityIsIssuedNothing() {
            assertRejected(driver.send(issue(F, "KEP-1")), RejectionKind.NOT_FOUND, "FACILITY_NOT_REGISTERED");
        }

        @Test
        void everyLimitMustNameASourceOfTheFacility() {
            driver.send(register(F, FacilityCategory.I, true));
            IssuePermit command = issue(F, "KEP-1");
            command.setLimits(List.of(limit("STACK-1", Pollutant.SO2, 1.0, null, null),
                    limit("STACK-9", Pollutant.NOX, 1.0, null, null)));

            CommandResult result = driver.send(command);

            assertRejected(result, RejectionKind.INVALID, "PERMIT_DOES_NOT_FIT_FACILITY");
            assertThat(result.getViolations()).extracting(FieldViolation::getField)
                    .containsExactly("limits[1].sourceId");
        }

        @Test
        void limitsMustBePositiveAndValidityMustNotRunBackwards() {
            driver.send(register(F, FacilityCategory.I, true));
            IssuePermit command = issue(F, "KEP-1", LocalDate.of(2025, 6, 1), LocalDate.of(2025, 5, 1));
            command.setLimits(List.of(limit("STACK-1", Pollutant.SO2, 0.0, -3.0, null),
                    limit("STACK-1", Pollutant.NOX, null, null, null)));

            CommandResult result = driver.send(command);

            assertRejected(result, RejectionKind.INVALID, "INVALID_COMMAND");
            assertThat(result.getViolations()).extracting(FieldViolation::getField).containsExactlyInAnyOrder(
                    "validTo", "limits[0].gramsPerSecond", "limits[0].tonnesPerYear", "limits[1]");
        }

        @Test
        void aPermitThatWouldAlreadyHaveExpiredIsRejected() {
            driver.send(register(F, FacilityCategory.I, true));

            CommandResult result = driver.send(issue(F, "KEP-1", LocalDate.of(2020, 1, 1),
                    LocalDate.of(2025, 2, 28)));

            assertRejected(result, RejectionKind.INVALID, "PERMIT_DOES_NOT_FIT_FACILITY");
            assertThat(result.getViolations()).extracting(FieldViolation::getField).containsExactly("validTo");
        }

        @Test
        void aFacilityHoldsAtMostOneLivePermit() {
            registerAndIssue("KEP-1");

            CommandResult result = driver.send(issue(F, "KEP-2"));

            assertRejected(result, RejectionKind.CONFLICT, "LIVE_PERMIT_EXISTS");
            assertThat(driver.registry(F).getPermit().getPermitId()).isEqualTo("KEP-1");
            assertThat(driver.events()).isEmpty();
        }

        @Test
        void aSuspendedPermitAlsoBlocksANewOne() {
            registerAndIssue("KEP-1");
            driver.send(suspend(F, "KEP-1"));

            assertRejected(driver.send(issue(F, "KEP-2")), RejectionKind.CONFLICT, "LIVE_PERMIT_EXISTS");
        }

        @Test
        void afterARevocationANewPermitMayBeIssuedButNotUnderTheOldId() {
            registerAndIssue("KEP-1");
            driver.send(revoke(F, "KEP-1"));

            assertRejected(driver.send(issue(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_ID_IN_USE");
            assertAccepted(driver.send(issue(F, "KEP-2")));
            assertThat(driver.registry(F).getHistory()).extracting(h -> h.getPermitId() + ":" + h.getChange())
                    .containsExactly("KEP-1:ISSUED", "KEP-1:REVOKED", "KEP-2:ISSUED");
        }
    }

    /**
     * The transitional rule: a Category I facility may hold an environmental impact permit until it must hold a KEP,
     * the top-50 enterprises' facilities from 2025-01-01 (today, 2025-03-01, is past it), the others from 2031-01-01.
     */
    @Nested
    class TransitionalPermits {

        private IssuePermit eip(String permitId, LocalDate to) {
            IssuePermit command = issue(F, permitId, LocalDate.of(2024, 6, 1), to);
            command.setType(PermitType.ENVIRONMENTAL_IMPACT_PERMIT);
            return command;
        }

        @Test
        void aCategoryIFacilityOutsideTheTop50MayHoldAnImpactPermitEndingBeforeItsKepDeadline() {
            driver.send(register(F, FacilityCategory.I, false));
            driver.clearOutputs();

            CommandResult result = driver.send(eip("EIP-1", LocalDate.of(2030, 12, 31)));

            assertAccepted(result);
            Permit permit = driver.permits().get(0).value;
            assertThat(permit.getType()).isEqualTo(PermitType.ENVIRONMENTAL_IMPACT_PERMIT);
            assertThat(permit.getValidTo()).isEqualTo(LocalDate.of(2030, 12, 31));
            // a KEP stays what the category needs when no type is given
            driver.send(revoke(F, "EIP-1"));
            assertAccepted(driver.send(issue(F, "KEP-1")));
            assertThat(driver.registry(F).getPermit().getType()).isEqualTo(PermitType.KEP);
        }

        @Test
        void anImpactPermitRunningIntoTheKepDeadlineIsRefusedNamingValidToAndWritesNothing() {
            driver.send(register(F, FacilityCategory.I, false));
            driver.clearOutputs();

            CommandResult result = driver.send(eip("EIP-1", LocalDate.of(2031, 1, 1)));

            assertRejected(result, RejectionKind.INVALID, "PERMIT_DOES_NOT_FIT_FACILITY");
            assertThat(result.getViolations()).singleElement().satisfies(v -> {
                assertThat(v.getField()).isEqualTo("validTo");
                assertThat(v.getMessage()).contains("2031-01-01").contains("2030-12-31");
            });
            assertThat(driver.events()).isEmpty();
            assertThat(driver.permits()).isEmpty();
        }

        @Test
        void aTop50FacilityNeedsAKepSince2025() {
            driver.send(register(F, FacilityCategory.I, true));

            CommandResult result = driver.send(eip("EIP-1", LocalDate.of(2025, 12, 31)));

            assertRejected(result, RejectionKind.INVALID, "PERMIT_DOES_NOT_FIT_FACILITY");
            assertThat(result.getViolations()).extracting(FieldViolation::getField).containsExactly("validTo");
            assertThat(result.getViolations().get(0).getMessage()).contains("top-50").contains("2025-01-01");
        }

        @Test
        void otherCategoriesAreIssuedOnlyTheirOwnTypeNamingTheTypeField() {
            driver.send(register(F, FacilityCategory.II, false));
            IssuePermit kep = issue(F, "KEP-1");
            kep.setType(PermitType.KEP);

            CommandResult result = driver.send(kep);

            assertRejected(result, RejectionKind.INVALID, "PERMIT_DOES_NOT_FIT_FACILITY");
            assertThat(result.getViolations()).singleElement().satisfies(v -> {
                assertThat(v.getField()).isEqualTo("type");
                assertThat(v.getMessage()).contains("ENVIRONMENTAL_IMPACT_PERMIT").contains("not KEP");
            });
            assertThat(driver.permits()).isEmpty();
        }

        @Test
        void noAmendmentStretchesAnImpactPermitPastTheKepDeadline() {
            driver.send(register(F, FacilityCategory.I, false));
            assertAccepted(driver.send(eip("EIP-1", LocalDate.of(2029, 12, 31))));
            driver.clearOutputs();

            AmendPermit longer = AmendPermit.newBuilder().setFacilityId(F).setPermitId("EIP-1")
                    .setValidTo(LocalDate.of(2032, 12, 31)).build();
            CommandResult refused = driver.send(longer);

            assertRejected(refused, RejectionKind.INVALID, "AMENDMENT_DOES_NOT_FIT");
            assertThat(refused.getViolations()).extracting(FieldViolation::getField).containsExactly("validTo");
            assertThat(driver.events()).isEmpty();
            // up to the day before the deadline it may be extended
            longer.setValidTo(LocalDate.of(2030, 12, 31));
            assertAccepted(driver.send(longer));
            assertThat(driver.registry(F).getPermit().getValidTo()).isEqualTo(LocalDate.of(2030, 12, 31));
        }

        @Test
        void aFacilityOnAnImpactPermitCannotJoinTheTop50WhileThePermitRunsPastTheirDeadline() {
            RegisterFacility registered = register(F, FacilityCategory.I, false);
            driver.send(registered);
            assertAccepted(driver.send(eip("EIP-1", LocalDate.of(2030, 12, 31))));
            driver.clearOutputs();

            UpdateFacility joins = update(registered);
            joins.setTop50(true);
            CommandResult result = driver.send(joins);

            assertRejected(result, RejectionKind.CONFLICT, "CATEGORY_CONFLICTS_WITH_PERMIT");
            assertThat(result.getReason()).contains("EIP-1").contains("2025-01-01");
            assertThat(driver.registry(F).getFacility().getTop50()).isFalse();
            assertThat(driver.events()).isEmpty();
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void amendingChangesLimitsValidityAndBatReferences() {
            registerAndIssue("KEP-1");
            AmendPermit amend = amendLimits(F, "KEP-1", List.of(limit("STACK-1", Pollutant.SO2, 60.0, 1750.0,
                    250.0)));
            amend.setValidTo(LocalDate.of(2035, 12, 31));
            amend.setBatConclusions(List.of("BAT-KZ-ENERGY-2023", "BAT-KZ-LCP-2024"));

            CommandResult result = driver.send(amend);

            assertAccepted(result);
            PermitAmended event = (PermitAmended) driver.events().get(0).value;
            assertThat(event.getChangedFields()).containsExactly("validTo", "limits", "batConclusions");
            assertThat(event.getReason()).isEqualTo("new BAT conclusion");
            Permit permit = driver.permits().get(0).value;
            assertThat(permit.getAmendments()).isEqualTo(1);
            assertThat(permit.getLimits()).extracting(PermitLimit::getMgPerNm3).containsExactly(250.0);
            assertThat(permit.getValidTo()).isEqualTo(LocalDate.of(2035, 12, 31));
            assertThat(permit.getStatus()).isEqualTo(PermitStatus.ACTIVE);
        }

        @Test
        void anAmendmentMayNotNameAnUnknownSourceNorEndThePermitInThePast() {
            registerAndIssue("KEP-1");
            AmendPermit amend = amendLimits(F, "KEP-1", List.of(limit("STACK-7", Pollutant.SO2, 1.0, null, null)));
            amend.setValidTo(LocalDate.of(2025, 2, 1));

            CommandResult result = driver.send(amend);

            assertRejected(result, RejectionKind.INVALID, "AMENDMENT_DOES_NOT_FIT");
            assertThat(result.getViolations()).extracting(FieldViolation::getField)
                    .containsExactlyInAnyOrder("validTo", "limits[0].sourceId");
        }

        @Test
        void amendingAPermitThatIsNotTheCurrentOneIsNotFound() {
            registerAndIssue("KEP-1");

            assertRejected(driver.send(amendLimits(F, "KEP-0", Commands.limits())), RejectionKind.NOT_FOUND,
                    "PERMIT_NOT_FOUND");
        }

        @Test
        void suspendingAndReinstatingMovesThePermitOutOfForceAndBack() {
            registerAndIssue("KEP-1");

            assertAccepted(driver.send(suspend(F, "KEP-1")));
            assertThat(driver.permits()).singleElement()
                    .satisfies(p -> assertThat(p.value.getStatus()).isEqualTo(PermitStatus.SUSPENDED));
            assertThat(driver.events()).singleElement().satisfies(e -> assertThat(e.value)
                    .isInstanceOf(PermitSuspended.class));
            // a suspended permit may still be amended
            assertAccepted(driver.send(amendLimits(F, "KEP-1", List.of(limit("STACK-1", Pollutant.SO2, 50.0, null,
                    null)))));

            assertAccepted(driver.send(reinstate(F, "KEP-1")));
            assertThat(driver.registry(F).getPermit().getStatus()).isEqualTo(PermitStatus.ACTIVE);
            assertThat(driver.events()).extracting(e -> (Object) e.value.getClass())
                    .containsExactly(PermitAmended.class, PermitReinstated.class);
        }

        @Test
        void onlyAnActivePermitCanBeSuspended() {
            registerAndIssue("KEP-1");
            driver.send(suspend(F, "KEP-1"));

            assertRejected(driver.send(suspend(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_SUSPENDED");
        }

        @Test
        void onlyASuspendedPermitCanBeReinstated() {
            registerAndIssue("KEP-1");

            assertRejected(driver.send(reinstate(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_ACTIVE");
        }

        @Test
        void aRevokedPermitCannotBeReinstatedAmendedOrRevokedAgain() {
            registerAndIssue("KEP-1");
            assertAccepted(driver.send(revoke(F, "KEP-1")));
            assertThat(driver.events()).singleElement().satisfies(e -> assertThat(e.value)
                    .isInstanceOf(PermitRevoked.class));
            assertThat(driver.registry(F).getPermit().getStatus()).isEqualTo(PermitStatus.REVOKED);

            CommandResult reinstated = driver.send(reinstate(F, "KEP-1"));
            assertRejected(reinstated, RejectionKind.CONFLICT, "PERMIT_REVOKED");
            assertThat(reinstated.getReason()).contains("issue a new permit");
            assertRejected(driver.send(amendLimits(F, "KEP-1", Commands.limits())), RejectionKind.CONFLICT,
                    "PERMIT_REVOKED");
            assertRejected(driver.send(revoke(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_REVOKED");
            assertRejected(driver.send(suspend(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_REVOKED");
            assertThat(driver.events()).isEmpty();
        }

        @Test
        void aRepeatedCommandIdGetsTheFirstResultAndChangesNothing() {
            driver.send(register(F, FacilityCategory.I, true));
            CommandResult first = driver.send("cmd-42", issue(F, "KEP-1"));

            CommandResult again = driver.send("cmd-42", issue(F, "KEP-1"));

            assertAccepted(again);
            assertThat(again).isEqualTo(first);
            assertThat(driver.events()).filteredOn(e -> e.value instanceof PermitIssued).hasSize(1);
        }
    }

    @Nested
    class Expiry {

        @Test
        void aPermitExpiresOnceItsLastValidDayHasPassedInKazakhstanTime() {
            assertAccepted(driver.send(register(F, FacilityCategory.I, true)));
            // valid through 2 March: it expires at midnight 2/3 March in UTC+05:00 = 19:00 UTC on 2 March
            assertAccepted(driver.send(issue(F, "KEP-1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 2))));
            driver.clearOutputs();

            driver.advance(Duration.ofHours(36)); // 2 March, 18:00 UTC = 23:00 in Kazakhstan
            assertThat(driver.events()).isEmpty();

            driver.advance(Duration.ofHours(1).plus(CommandDriver.EXPIRY_CHECK));
            assertThat(driver.events()).singleElement().satisfies(e -> {
                PermitExpired expired = (PermitExpired) e.value;
                assertThat(expired.getPermitId()).isEqualTo("KEP-1");
                assertThat(expired.getValidTo()).isEqualTo(LocalDate.of(2025, 3, 2));
            });
            assertThat(driver.permits()).singleElement()
                    .satisfies(p -> assertThat(p.value.getStatus()).isEqualTo(PermitStatus.EXPIRED));
        }

        @Test
        void aSuspendedPermitExpiresTooAndAnExpiredPermitCannotBeAmendedOrReinstated() {
            driver.send(register(F, FacilityCategory.I, true));
            driver.send(issue(F, "KEP-1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1)));
            driver.send(suspend(F, "KEP-1"));

            driver.advance(Duration.ofDays(1));

            FacilityPermitState state = driver.registry(F);
            assertThat(state.getPermit().getStatus()).isEqualTo(PermitStatus.EXPIRED);
            assertRejected(driver.send(amendLimits(F, "KEP-1", Commands.limits())), RejectionKind.CONFLICT,
                    "PERMIT_EXPIRED");
            assertRejected(driver.send(reinstate(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_EXPIRED");
            // an expired permit no longer blocks a new one
            assertAccepted(driver.send(issue(F, "KEP-2")));
        }

        @Test
        void aSuspendedPermitWhoseLastValidDayHasPassedCannotBeReinstatedEvenBeforeTheExpiryCheckRuns() {
            // the expiry check runs once a minute, here at 30 s past each minute, so the day can change between two
            driver.close();
            driver = new CommandDriver(START.plusSeconds(30));
            driver.send(register(F, FacilityCategory.I, true));
            driver.send(issue(F, "KEP-1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 2)));
            assertAccepted(driver.send(suspend(F, "KEP-1")));
            driver.clearOutputs();

            // at 23:59:50 on 2 March in Kazakhstan (18:59:50 UTC; the last check at 23:59:30) the permit is still
            // valid; 20 s later the day has changed, and the next check is 20 s away
            driver.advance(Duration.ofHours(36).plusMinutes(59).plusSeconds(20));
            assertThat(driver.events()).isEmpty();
            driver.advance(Duration.ofSeconds(20));
            assertThat(driver.events()).isEmpty();
            assertThat(driver.registry(F).getPermit().getStatus()).isEqualTo(PermitStatus.SUSPENDED);
            assertRejected(driver.send(reinstate(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_VALIDITY_ENDED");
            assertThat(driver.events()).isEmpty();
            assertThat(driver.registry(F).getPermit().getStatus()).isEqualTo(PermitStatus.SUSPENDED);

            // the next check expires it; from then on it is refused as expired
            driver.advance(CommandDriver.EXPIRY_CHECK);
            assertThat(driver.events()).singleElement().satisfies(e -> assertThat(e.value).isInstanceOf(
                    PermitExpired.class));
            assertRejected(driver.send(reinstate(F, "KEP-1")), RejectionKind.CONFLICT, "PERMIT_EXPIRED");
        }

        @Test
        void aPermitStillValidIsNotExpiredAndExpiryHappensOnlyOnce() {
            driver.send(register(F, FacilityCategory.I, true));
            driver.send(issue(F, "KEP-1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1)));
            driver.send(register("KZ-55-0002", FacilityCategory.I, false));
            driver.send(issue("KZ-55-0002", "KEP-2"));
            driver.clearOutputs();

            driver.advance(Duration.ofDays(1));
            driver.advance(Duration.ofDays(1));

            List<KeyValue<String, SpecificRecord>> events = driver.events();
            assertThat(events).singleElement().satisfies(e -> assertThat(e.key).isEqualTo(F));
            assertThat(driver.registry("KZ-55-0002").getPermit().getStatus()).isEqualTo(PermitStatus.ACTIVE);
        }
    }

    /** The commands helper, imported for readability of limits(). */
    static final class Commands {
        static List<PermitLimit> limits() {
            return kz.taza.permit.support.Commands.limits();
        }
    }
}

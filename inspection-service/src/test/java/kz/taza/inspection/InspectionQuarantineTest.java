package kz.taza.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.InspectionCompleted;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.platform.test.QuarantineContract;
import kz.taza.platform.test.TestNames;

/** inspection-service quarantines every record it cannot read, on every topic it consumes, and goes on. */
class InspectionQuarantineTest extends QuarantineContract {

    @Override
    protected List<Sample<?>> samples() {
        String facilityId = TestNames.unique("KZ-62-quarantine");
        Instant at = Instant.parse("1995-06-01T00:00:00Z");
        InspectionCompleted completed = InspectionCompleted.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                        .setCorrelationId("quarantine-test").setProducer("inspection-service").build())
                .setFacilityId(facilityId).setRegionCode("62").setInspectionId("i-" + facilityId)
                .setType(InspectionType.RISK_BASED).setCompletedOn(LocalDate.of(1995, 6, 1))
                .setViolations(List.of()).build();
        return List.of(
                Sample.of(InspectionTopics.COMMANDS, facilityId, new ScheduleInspection(facilityId,
                        "i-" + facilityId, InspectionType.RISK_BASED, "quarantine test", null, null, null)),
                Sample.of(InspectionTopics.EVENTS, facilityId, completed),
                Sample.of(InspectionTopics.COMPLIANCE, facilityId,
                        FacilityCompliance.newBuilder().setFacilityId(facilityId).build()),
                Sample.of(PermitTopics.FACILITIES, facilityId,
                        InspectionFixtures.facility(facilityId, "62", FacilityCategory.II)),
                Sample.of(EmissionTopics.EXCEEDANCES, facilityId, InspectionFixtures.exceeded(facilityId, at, 1.2)));
    }
}

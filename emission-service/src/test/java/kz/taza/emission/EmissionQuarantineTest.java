package kz.taza.emission;

import java.time.Instant;
import java.util.List;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.PermitStatus;
import kz.taza.platform.test.QuarantineContract;
import kz.taza.platform.test.TestNames;

/**
 * emission-service quarantines every record it cannot read, on every topic it consumes (the facility and permit global
 * stores included), and goes on.
 */
class EmissionQuarantineTest extends QuarantineContract {

    @Override
    protected List<Sample<?>> samples() {
        String facilityId = TestNames.unique("KZ-62-quarantine");
        Instant start = Instant.parse("2025-11-03T06:00:00Z");
        return List.of(
                Sample.of(EmissionTopics.AMS_READINGS, facilityId,
                        EmissionFixtures.reading(facilityId, start, 100.0, ReadingStatus.VALID)),
                Sample.of(EmissionTopics.REPORTS, facilityId,
                        EmissionFixtures.report(facilityId, 1995, Pollutant.SO2, 12.5, start)),
                Sample.of(PermitTopics.FACILITIES, facilityId, EmissionFixtures.facility(facilityId)),
                Sample.of(PermitTopics.PERMITS, facilityId,
                        EmissionFixtures.permit(facilityId, PermitStatus.ACTIVE, 400.0)));
    }
}

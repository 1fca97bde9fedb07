package kz.taza.permit;

import java.time.Instant;
import java.util.List;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.permit.support.CommandDriver;
import kz.taza.permit.support.Commands;
import kz.taza.platform.test.QuarantineContract;
import kz.taza.platform.test.TestNames;

/**
 * permit-service quarantines every record it cannot read, on every topic it consumes, and goes on. The good records
 * are the real ones: the state the command processor publishes for a registered Category I facility with a KEP.
 */
class PermitQuarantineTest extends QuarantineContract {

    @Override
    protected List<Sample<?>> samples() {
        String facilityId = TestNames.unique("KZ-55-quarantine");
        try (CommandDriver driver = new CommandDriver(Instant.parse("2025-03-01T00:00:00Z"))) {
            RegisterFacility register = Commands.register(facilityId, FacilityCategory.I, true);
            driver.send(register);
            driver.send(Commands.issue(facilityId, facilityId + "-KEP"));
            return List.of(
                    Sample.of(PermitTopics.COMMANDS, facilityId, register),
                    Sample.of(PermitTopics.FACILITIES, facilityId, driver.facilities().get(0).value),
                    Sample.of(PermitTopics.PERMITS, facilityId, driver.permits().get(0).value),
                    Sample.of(PermitTopics.REGISTRY, facilityId, driver.registry(facilityId)));
        }
    }
}

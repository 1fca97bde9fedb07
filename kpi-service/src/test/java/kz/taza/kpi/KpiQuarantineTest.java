package kz.taza.kpi;

import java.time.Instant;
import java.util.List;

import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.kpi.support.KpiFixtures;
import kz.taza.kpi.support.KpiTestSettings;
import kz.taza.kpi.topology.ReportVersionKey;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.test.QuarantineContract;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;

/**
 * The KPI service quarantines every record it cannot read, on every topic it consumes (the KPI values, registrations
 * and report versions of its global stores, the AMS readings of its stream task), and goes on. The good records are
 * of 1995, a year no other test of this service looks at.
 */
@KpiTestSettings
class KpiQuarantineTest extends QuarantineContract {

    @Override
    protected List<Sample<?>> samples() {
        String facilityId = TestNames.unique("KZ-47-quarantine");
        Instant at = Instant.parse("1995-05-10T06:00:00Z");
        KpiValue tonnes = EmissionKpis.REPORTED_TONNES.value("REGION:47", KpiPeriods.year(1995), 12.5, null, null, 1,
                at, at);
        EmissionReportSubmitted report = KpiFixtures.reportVersion(facilityId, 1995, Pollutant.SO2, 12.5, at);
        return List.of(
                Sample.of(PlatformTopics.KPI_VALUES, KpiKeys.key(tonnes), tonnes),
                Sample.of(PermitTopics.FACILITIES, facilityId, KpiFixtures.facility(facilityId, "Quarantine plant",
                        "47")),
                Sample.of(EmissionTopics.REPORTS, facilityId, report).storedUnder(ReportVersionKey.of(report)),
                Sample.of(EmissionTopics.AMS_READINGS, facilityId,
                        KpiFixtures.interval(facilityId, at, 100.0, ReadingStatus.VALID)));
    }
}

package kz.taza.kpi.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.topic.PlatformTopics;

/** What the other services publish, as the KPI service's tests put it on the shared broker. */
public final class KpiFixtures {

    /** The metadata emission-service gives the reports it publishes. */
    private static final EventMetadataFactory EMISSION = new EventMetadataFactory("emission-service");

    private KpiFixtures() {
    }

    /** Publishes a KPI value as its owning topology would. */
    public static KpiValue publish(KpiDefinition kpi, String scope, KpiPeriod period, double value, Double changePct,
            long inputs, Instant dataAsOf) {
        KpiValue record = kpi.value(scope, period, value, null, changePct, inputs, dataAsOf, Instant.now());
        KafkaTestClients.send(PlatformTopics.KPI_VALUES, Map.entry(kpi.key(scope, period), record));
        return record;
    }

    /** Registers a facility on permit.facilities.v1. */
    public static Facility register(String facilityId, String name, String regionCode) {
        Facility facility = facility(facilityId, name, regionCode);
        KafkaTestClients.send(PermitTopics.FACILITIES, Map.entry(facilityId, facility));
        return facility;
    }

    /** A facility's registration, as permit-service publishes it. */
    public static Facility facility(String facilityId, String name, String regionCode) {
        Instant registered = Instant.parse("2020-01-15T06:00:00Z");
        return Facility.newBuilder()
                .setFacilityId(facilityId)
                .setOperatorBin("120340000111")
                .setOperatorName("Operator of " + name)
                .setFacilityName(name)
                .setRegionCode(regionCode)
                .setCategory(FacilityCategory.I)
                .setSector("energy")
                .setTop50(true)
                .setSources(List.of(EmissionSource.newBuilder().setSourceId("STACK-1").setName("Main stack")
                        .setAmsRequired(true).setAmsInstalled(true).build()))
                .setRegisteredAt(registered)
                .setUpdatedAt(registered)
                .build();
    }

    /** Submits a version of an annual report on emission.reports.v1. */
    public static EmissionReportSubmitted report(String facilityId, int year, Pollutant pollutant, double tonnes,
            Instant submittedAt) {
        EmissionReportSubmitted report = reportVersion(facilityId, year, pollutant, tonnes, submittedAt);
        KafkaTestClients.send(EmissionTopics.REPORTS, Map.entry(facilityId, report));
        return report;
    }

    /** A version of an annual report, as emission-service publishes it. */
    public static EmissionReportSubmitted reportVersion(String facilityId, int year, Pollutant pollutant,
            double tonnes, Instant submittedAt) {
        String reportId = UUID.randomUUID().toString();
        return EmissionReportSubmitted.newBuilder()
                .setMetadata(EMISSION.metadata(EventCause.of(reportId), 0, submittedAt))
                .setReportId(reportId)
                .setFacilityId(facilityId)
                .setYear(year)
                .setPollutant(pollutant)
                .setTonnes(tonnes)
                .setSubmittedAt(submittedAt)
                .build();
    }

    /** Sends an AMS interval of the facility's stack on emission.ams-readings.v1. */
    public static AmsReading reading(String facilityId, Instant start, double mgNm3, ReadingStatus status) {
        AmsReading reading = interval(facilityId, start, mgNm3, status);
        KafkaTestClients.send(EmissionTopics.AMS_READINGS, Map.entry(facilityId, reading));
        return reading;
    }

    /** An AMS interval of the facility's stack, as its gateway sends it. */
    public static AmsReading interval(String facilityId, Instant start, double mgNm3, ReadingStatus status) {
        return AmsReading.newBuilder()
                .setFacilityId(facilityId)
                .setSourceId("STACK-1")
                .setPollutant(Pollutant.SO2)
                .setIntervalStart(start)
                .setIntervalMinutes(20)
                .setConcentrationMgNm3(mgNm3)
                .setFlowNm3PerHour(300_000.0)
                .setStatus(status)
                .setGatewayId("gw-" + facilityId)
                .setMetadata(null)
                .build();
    }
}

package kz.taza.emission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import kz.taza.emission.topology.EmissionSettings;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitType;
import kz.taza.platform.test.SharedIdentityProvider;

/** Facilities, permits, readings and reports as the tests need them. */
public final class EmissionFixtures {

    public static final String STACK = "STACK-1";

    private EmissionFixtures() {
    }

    /** A Pavlodar power plant with one AMS-required stack. */
    /**
     * The settings the topology tests run with: Kazakhstan time, every pollutant but OTHER monitored and SO2 required,
     * 20-minute intervals, a gap after 60 minutes' silence checked every minute, KPI changes handed on every second
     * of wall clock, the registry's counts never reused (so every check sees its latest changes).
     */
    public static EmissionSettings topologySettings() {
        return new EmissionSettings(ZoneOffset.ofHours(5), Duration.ofMinutes(5),
                EnumSet.complementOf(EnumSet.of(Pollutant.OTHER)), EnumSet.of(Pollutant.SO2), 20,
                Duration.ofMinutes(60), Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ZERO, 20,
                EmissionSettings.DEFAULT_MAX_READING_LATENESS);
    }

    public static Facility facility(String facilityId) {
        return facility(facilityId, "55", FacilityCategory.I, "energy", true);
    }

    public static Facility facility(String facilityId, String region, FacilityCategory category, String sector,
            boolean top50) {
        Instant registered = Instant.parse("2024-01-01T00:00:00Z");
        return Facility.newBuilder()
                .setFacilityId(facilityId)
                .setOperatorBin(SharedIdentityProvider.OPERATOR_A)
                .setOperatorName("Ekibastuz Energy JSC")
                .setFacilityName("Power plant " + facilityId)
                .setRegionCode(region)
                .setCategory(category)
                .setSector(sector)
                .setTop50(top50)
                .setSources(List.of(EmissionSource.newBuilder().setSourceId(STACK).setName("Main stack")
                        .setAmsRequired(true).setAmsInstalled(true).build()))
                .setRegisteredAt(registered)
                .setUpdatedAt(registered)
                .build();
    }

    /** A permit with an mg/Nm3 limit for SO2 at the stack. */
    public static Permit permit(String facilityId, PermitStatus status, double so2Limit) {
        List<PermitLimit> limits = new ArrayList<>();
        limits.add(PermitLimit.newBuilder().setSourceId(STACK).setPollutant(Pollutant.SO2).setGramsPerSecond(null)
                .setTonnesPerYear(5000.0).setMgPerNm3(so2Limit).build());
        Instant issued = Instant.parse("2024-06-01T00:00:00Z");
        return Permit.newBuilder()
                .setPermitId("KEP-" + facilityId)
                .setFacilityId(facilityId)
                .setType(PermitType.KEP)
                .setStatus(status)
                .setValidFrom(LocalDate.of(2024, 6, 1))
                .setValidTo(LocalDate.of(2034, 5, 31))
                .setLimits(limits)
                .setIssuedAt(issued)
                .setUpdatedAt(issued)
                .build();
    }

    public static AmsReading reading(String facilityId, Instant start, double mgNm3, ReadingStatus status) {
        return reading(facilityId, Pollutant.SO2, start, mgNm3, 300_000.0, status);
    }

    public static AmsReading reading(String facilityId, Pollutant pollutant, Instant start, double mgNm3,
            double flow, ReadingStatus status) {
        return AmsReading.newBuilder()
                .setFacilityId(facilityId)
                .setSourceId(STACK)
                .setPollutant(pollutant)
                .setIntervalStart(start)
                .setIntervalMinutes(20)
                .setConcentrationMgNm3(mgNm3)
                .setFlowNm3PerHour(flow)
                .setStatus(status)
                .setGatewayId("gw-test")
                .setMetadata(null)
                .build();
    }

    public static EmissionReportSubmitted report(String facilityId, int year, Pollutant pollutant, double tonnes,
            Instant submittedAt) {
        return EmissionReportSubmitted.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(java.util.UUID.randomUUID().toString())
                        .setOccurredAt(submittedAt).setCorrelationId("test").setCausationId(null)
                        .setProducer("test").build())
                .setReportId(java.util.UUID.randomUUID().toString())
                .setFacilityId(facilityId)
                .setYear(year)
                .setPollutant(pollutant)
                .setTonnes(tonnes)
                .setSubmittedAt(submittedAt)
                .build();
    }
}

package kz.taza.inspection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;

/** Records other domains publish, as inspection-service reads them. */
public final class InspectionFixtures {

    private InspectionFixtures() {
    }

    /** A registered facility of the given region and category. */
    public static Facility facility(String facilityId, String regionCode, FacilityCategory category) {
        Instant at = Instant.parse("2021-07-01T00:00:00Z");
        return Facility.newBuilder()
                .setFacilityId(facilityId)
                .setOperatorBin("123456789012")
                .setOperatorName("Operator of " + facilityId)
                .setFacilityName("Plant " + facilityId)
                .setRegionCode(regionCode)
                .setCategory(category)
                .setSector("energy")
                .setTop50(category == FacilityCategory.I)
                .setSources(List.of(EmissionSource.newBuilder().setSourceId("STACK-1").setName("Main stack")
                        .setAmsRequired(true).setAmsInstalled(true).build()))
                .setRegisteredAt(at)
                .setUpdatedAt(at)
                .build();
    }

    /** The start of an exceedance episode at STACK-1 (SO2), with a fresh event id. */
    public static ThresholdExceeded exceeded(String facilityId, Instant start, double ratio) {
        return exceeded(UUID.randomUUID().toString(), facilityId, start, ratio);
    }

    public static ThresholdExceeded exceeded(String eventId, String facilityId, Instant start, double ratio) {
        return ThresholdExceeded.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(eventId).setOccurredAt(start)
                        .setCorrelationId(eventId).setProducer("emission-service").build())
                .setEpisodeId(UUID.nameUUIDFromBytes((facilityId + start).getBytes()).toString())
                .setFacilityId(facilityId)
                .setSourceId("STACK-1")
                .setPollutant(Pollutant.SO2)
                .setPermitId("KEP-" + facilityId)
                .setLimitMgNm3(400.0)
                .setMeasuredMgNm3(400.0 * ratio)
                .setRatio(ratio)
                .setIntervalStart(start)
                .setIntervalMinutes(20)
                .build();
    }
}

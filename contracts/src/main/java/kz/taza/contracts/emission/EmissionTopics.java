package kz.taza.contracts.emission;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.MonitoringGapDetected;
import kz.taza.events.emission.MonitoringResumed;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Every topic of the emission domain, owned by emission-service; all are public. Readers (inspection-service reads
 * {@link #EXCEEDANCES}, gateways write {@link #AMS_READINGS}) depend on this contract, not on emission-service. Every
 * topic is keyed by facilityId.
 */
public final class EmissionTopics implements TopicCatalogue {

    /** Partitions of the emission topics: the same as the permit topics, so facility-keyed data lines up. */
    public static final int PARTITIONS = PermitTopics.PARTITIONS;

    /**
     * AMS readings as gateways (and the REST ingestion endpoint) write them. Input from outside Taza's control:
     * records that cannot be decoded or fail validation go to {@code emission.ams-readings-rejected.v1} as their
     * original bytes with the reason in headers.
     */
    public static final Topic<String, AmsReading> AMS_READINGS = Topic.named("emission.ams-readings.v1")
            .values(AvroSerdes.of(AmsReading.class))
            .partitions(PARTITIONS)
            .retention(Duration.ofDays(30))
            .publicTopic()
            .deadLettered()
            .externalInput()
            .description("AMS averaging intervals per facility, source and pollutant; key facilityId")
            .build();

    /** Annual emission reports; the latest submission of a facility, year and pollutant replaces earlier ones. */
    public static final Topic<String, EmissionReportSubmitted> REPORTS = Topic.named("emission.reports.v1")
            .values(AvroSerdes.of(EmissionReportSubmitted.class))
            .partitions(PARTITIONS)
            .retention(Duration.ofDays(3650))
            .publicTopic()
            .deadLettered()
            .description("Annual emission reports per facility, year and pollutant; key facilityId")
            .build();

    /** Exceedance episodes of permit limits: ThresholdExceeded at the start, ExceedanceEnded at the end. */
    public static final Topic<String, SpecificRecord> EXCEEDANCES = Topic.named("emission.exceedances.v1")
            .values(AvroSerdes.anyOf(ThresholdExceeded.class, ExceedanceEnded.class))
            .partitions(PARTITIONS)
            .retention(Duration.ofDays(1825))
            .publicTopic()
            .deadLettered()
            .description("Starts and ends of AMS exceedance episodes against permit limits; key facilityId")
            .build();

    /** Monitoring gaps of AMS-required sources: MonitoringGapDetected, then MonitoringResumed. */
    public static final Topic<String, SpecificRecord> MONITORING = Topic.named("emission.monitoring.v1")
            .values(AvroSerdes.anyOf(MonitoringGapDetected.class, MonitoringResumed.class))
            .partitions(PARTITIONS)
            .retention(Duration.ofDays(1825))
            .publicTopic()
            .description("Monitoring gaps of AMS-required sources and their end; key facilityId")
            .build();

    /** Every topic emission-service owns. */
    public static List<Topic<?, ?>> owned() {
        return List.of(AMS_READINGS, REPORTS, EXCEEDANCES, MONITORING);
    }

    @Override
    public List<Topic<?, ?>> topics() {
        return owned();
    }
}

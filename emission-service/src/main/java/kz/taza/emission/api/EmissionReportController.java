package kz.taza.emission.api;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.emission.config.EmissionProperties;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.permit.Facility;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.security.ActorRecords;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.OperatorScope;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;
import kz.taza.platform.web.TazaOpenApiAutoConfiguration;

/**
 * Annual emission reports: an operator reports the tonnes of one pollutant its facility emitted in a year. A report
 * for a facility, year and pollutant reported before replaces the earlier one (the latest submission counts in the
 * reported-emission KPIs). The facility must be registered; the year must not be in the future.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Emission reports")
public class EmissionReportController {

    /** The first year a report may be for (the fees' read takes the same range). */
    static final int FIRST_YEAR = 2000;

    /**
     * The most one facility may report of one pollutant in a year, tonnes: a million, several times the largest
     * single emitter's whole annual emission and about half the national total of every pollutant together.
     */
    static final double MAX_TONNES = 1_000_000.0;

    private final Producer<String, byte[]> producer;
    private final EventMetadataFactory events;
    private final EmissionStoreQueries queries;
    private final EmissionProperties.Ingest ingest;
    private final ZoneId zone;

    public EmissionReportController(Producer<String, byte[]> ingestionProducer, EventMetadataFactory events,
            EmissionStoreQueries queries, EmissionProperties properties, TazaProperties taza) {
        this.producer = ingestionProducer;
        this.events = events;
        this.queries = queries;
        this.ingest = properties.getIngest();
        this.zone = taza.getZone();
    }

    /** An annual report. */
    @Schema(description = "Tonnes of one pollutant a facility emitted in one calendar year")
    public record ReportRequest(@Schema(example = "KZ-55-0001") String facilityId,
            @Schema(example = "2024") Integer year, @Schema(example = "SO2") String pollutant,
            @Schema(example = "12500.5") Double tonnes) {
    }

    /** What was recorded. */
    public record ReportAccepted(String reportId, String facilityId, int year, String pollutant, double tonnes,
            Instant submittedAt) {
    }

    @Allow(Role.OPERATOR)
    @PostMapping
    @Operation(summary = "Submit an annual emission report",
            description = "202 with the report id when written to emission.reports.v1; 422 naming each bad field.")
    @ApiResponse(responseCode = "202", description = "Written to emission.reports.v1: what was recorded")
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge the report (/problems/"
            + "ingestion-unavailable): nothing is known to be recorded, retry", content = @Content(
                    mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = TazaOpenApiAutoConfiguration.PROBLEM_REF)))
    public ResponseEntity<ReportAccepted> submit(@RequestBody ReportRequest request) {
        List<Map<String, String>> violations = new ArrayList<>();
        if (request.facilityId() == null || request.facilityId().isBlank()) {
            violations.add(Map.of("field", "facilityId", "message", "is required"));
        } else {
            Facility facility = queries.facility(request.facilityId().strip());
            if (facility == null) {
                violations.add(Map.of("field", "facilityId", "message",
                        "facility " + request.facilityId() + " is not registered"));
            } else {
                // An operator reports for its own facilities only (403 before anything is written).
                OperatorScope.requireMayActOn(facility.getFacilityId(), Optional.ofNullable(facility.getOperatorBin()));
            }
        }
        int currentYear = Year.now(zone).getValue();
        if (request.year() == null || request.year() < FIRST_YEAR || request.year() > currentYear) {
            violations.add(Map.of("field", "year", "message",
                    "must be a year from " + FIRST_YEAR + " to " + currentYear));
        }
        Pollutant pollutant = AmsIngestionController.parseEnum(Pollutant.class, request.pollutant(), "pollutant",
                violations);
        if (request.tonnes() == null || !(request.tonnes() >= 0) || request.tonnes().isInfinite()) {
            violations.add(Map.of("field", "tonnes", "message", "must be a number not below zero"));
        } else if (request.tonnes() > MAX_TONNES) {
            violations.add(Map.of("field", "tonnes", "message", "must be at most " + (long) MAX_TONNES
                    + " t (one facility's year of one pollutant)"));
        }
        if (!violations.isEmpty()) {
            return ProblemHandlers.unprocessableFields(violations);
        }
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        String reportId = UUID.randomUUID().toString();
        String facilityId = request.facilityId().strip();
        // The event is this version of the report: its id derives from the report id and the version's time.
        EventCause version = new EventCause("report:" + reportId + ":" + now.toEpochMilli(), reportId, null,
                ActorRecords.current().orElse(null));
        EmissionReportSubmitted report = EmissionReportSubmitted.newBuilder()
                .setMetadata(events.metadata(version, 0, now))
                .setReportId(reportId)
                .setFacilityId(facilityId)
                .setYear(request.year())
                .setPollutant(pollutant)
                .setTonnes(request.tonnes())
                .setSubmittedAt(now)
                .build();
        try {
            producer.send(new ProducerRecord<>(EmissionTopics.REPORTS.name(), facilityId,
                    EmissionTopics.REPORTS.valueSerde().serializer().serialize(EmissionTopics.REPORTS.name(), report)))
                    .get(ingest.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmsIngestionController.IngestionUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmsIngestionController.IngestionUnavailableException(e);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReportAccepted(reportId, facilityId,
                request.year(), pollutant.name(), request.tonnes(), now));
    }
}

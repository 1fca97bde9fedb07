package kz.taza.emission.api;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.emission.config.EmissionProperties;
import kz.taza.emission.domain.ReadingRules;
import kz.taza.emission.domain.ReadingViolation;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.Facility;
import kz.taza.platform.command.CommandResponses;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.security.Actor;
import kz.taza.platform.security.ActorRecords;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.OperatorScope;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;
import kz.taza.platform.web.TazaOpenApiAutoConfiguration;

/**
 * AMS readings over REST: a gateway posts a batch, every item is checked with the same rules as the Kafka path
 * ({@link ReadingRules}), accepted items are written to {@code emission.ams-readings.v1} by an idempotent producer and
 * the answer lists each item's outcome. Only an AMS gateway may post, and only readings of the facilities of the
 * operator its token is bound to: a batch with another operator's facility is refused whole (403, nothing written).
 * Each gateway (the token's subject, whatever headers say) may post a bounded number of readings per second
 * (resilience4j rate limiter); beyond that the whole batch is refused with 429 and nothing is written. The gateway is
 * recorded in each reading ({@code gatewayId}) and as the actor of its metadata.
 */
@RestController
@RequestMapping("/api/v1/ams/readings")
@Tag(name = "AMS readings")
public class AmsIngestionController {

    private static final Instant EPOCH_MILLIS_MIN = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant EPOCH_MILLIS_MAX = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final Producer<String, byte[]> producer;
    private final EventMetadataFactory events;
    private final EmissionStoreQueries queries;
    private final ReadingRules rules;
    private final EmissionProperties.Ingest ingest;
    private final GatewayRateLimits limits;

    public AmsIngestionController(Producer<String, byte[]> ingestionProducer, EventMetadataFactory events,
            EmissionStoreQueries queries, EmissionProperties properties) {
        this.producer = ingestionProducer;
        this.events = events;
        this.queries = queries;
        this.rules = new ReadingRules(properties.getFutureTolerance(), properties.getMonitoredPollutants());
        this.ingest = properties.getIngest();
        this.limits = new GatewayRateLimits(ingest.getReadingsPerSecond(), GatewayRateLimits.DEFAULT_MAX_GATEWAYS);
    }

    /** Per-item outcome. */
    public record ItemResult(int index, String outcome, List<Map<String, String>> violations) {
    }

    /** The answer to a batch. */
    public record BatchResult(int accepted, int rejected, List<ItemResult> results) {
    }

    @Allow(Role.GATEWAY)
    @PostMapping
    @Operation(summary = "Post a batch of AMS readings",
            description = "Each item is accepted (written to emission.ams-readings.v1) or rejected with the fields at "
                    + "fault. 429 when the client's rate is exceeded (nothing written); 422 for an empty or oversized "
                    + "batch; 503 when Kafka did not acknowledge (safe to retry: a repeated interval replaces itself).")
    @ApiResponse(responseCode = "200", description = "Each reading accepted or rejected with the fields at fault")
    @ApiResponse(responseCode = "429", description = "The gateway's rate is exceeded (/problems/rate-limited): none of "
            + "the batch was taken; retry after Retry-After", headers = @Header(name = HttpHeaders.RETRY_AFTER,
                    description = "seconds to wait", schema = @Schema(type = "integer")), content = @Content(
                    mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = TazaOpenApiAutoConfiguration.PROBLEM_REF)))
    @ApiResponse(responseCode = "503", description = "Kafka did not acknowledge (/problems/ingestion-unavailable): safe "
            + "to retry, a repeated interval replaces itself", content = @Content(
                    mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = TazaOpenApiAutoConfiguration.PROBLEM_REF)))
    public ResponseEntity<BatchResult> post(@RequestBody AmsReadingBatch batch) {
        List<AmsReadingRequest> items = batch == null ? null : batch.readings();
        if (items == null || items.isEmpty() || items.size() > ingest.getMaxBatch()) {
            return ProblemHandlers.unprocessableFields(List.of(Map.of(
                    "field", "readings", "message", "a batch holds 1 to " + ingest.getMaxBatch() + " readings")));
        }
        Actor gateway = Actor.current().orElseThrow();
        for (AmsReadingRequest item : items) {
            // Checked for the whole batch before anything is written: a refused batch leaves no reading behind.
            if (item != null && item.facilityId() != null) {
                Facility facility = queries.facility(item.facilityId().strip());
                if (facility != null) {
                    OperatorScope.requireMayActOn(facility.getFacilityId(),
                            Optional.ofNullable(facility.getOperatorBin()));
                }
            }
        }
        String client = gateway.subject();
        if (!limits.tryTake(client, Math.min(items.size(), ingest.getReadingsPerSecond()))) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "Gateway '"
                    + client + "' may post " + ingest.getReadingsPerSecond() + " readings per second; none of this "
                    + "batch was taken.");
            problem.setTitle("Rate limit exceeded");
            problem.setProperty("gateway", client);
            problem.setType(URI.create("/problems/rate-limited"));
            return CommandResponses.otherBody(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, "1").body(problem));
        }

        // One id per request: its readings' event ids derive from it and their position in the batch.
        String batchId = UUID.randomUUID().toString();
        EventCause batchCause = new EventCause(batchId, batchId, null, ActorRecords.record(gateway));
        long now = System.currentTimeMillis();
        List<ItemResult> results = new ArrayList<>(items.size());
        List<Future<RecordMetadata>> sent = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            List<Map<String, String>> violations = new ArrayList<>();
            AmsReading reading = toReading(items.get(i), client, violations);
            if (reading != null) {
                reading.setMetadata(events.metadata(batchCause, i, reading.getIntervalStart()));
                Facility facility = queries.facility(reading.getFacilityId());
                for (ReadingViolation v : rules.violations(reading, facility, now)) {
                    violations.add(Map.of("field", v.field(), "message", v.message(), "rule", v.rule().name()));
                }
            }
            if (violations.isEmpty()) {
                sent.add(producer.send(new ProducerRecord<>(EmissionTopics.AMS_READINGS.name(),
                        reading.getFacilityId(), EmissionTopics.AMS_READINGS.valueSerde().serializer()
                                .serialize(EmissionTopics.AMS_READINGS.name(), reading))));
                results.add(new ItemResult(i, "ACCEPTED", List.of()));
            } else {
                results.add(new ItemResult(i, "REJECTED", violations));
            }
        }
        awaitAcknowledgements(sent);
        int accepted = sent.size();
        return ResponseEntity.ok(new BatchResult(accepted, items.size() - accepted, results));
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> sent) {
        long deadline = System.nanoTime() + ingest.getSendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestionUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IngestionUnavailableException(e);
        }
    }

    /** The reading an item asks for, without its metadata; {@code null} when the item is malformed. */
    private static AmsReading toReading(AmsReadingRequest item, String client, List<Map<String, String>> violations) {
        if (item == null) {
            violations.add(Map.of("field", "reading", "message", "must not be null"));
            return null;
        }
        requireText(item.facilityId(), "facilityId", violations);
        requireText(item.sourceId(), "sourceId", violations);
        Pollutant pollutant = parseEnum(Pollutant.class, item.pollutant(), "pollutant", violations);
        ReadingStatus status = parseEnum(ReadingStatus.class, item.status(), "status", violations);
        if (status == ReadingStatus.UNKNOWN) {
            violations.add(Map.of("field", "status", "message", "UNKNOWN is not a status a sender may use"));
        }
        Instant start = null;
        if (item.intervalStart() == null) {
            violations.add(Map.of("field", "intervalStart", "message", "is required (ISO-8601 instant)"));
        } else {
            try {
                start = Instant.parse(item.intervalStart());
            } catch (DateTimeParseException e) {
                violations.add(Map.of("field", "intervalStart", "message",
                        "'" + item.intervalStart() + "' is not an ISO-8601 instant such as 2025-03-01T10:20:00Z"));
            }
            if (start != null && (start.isBefore(EPOCH_MILLIS_MIN) || start.isAfter(EPOCH_MILLIS_MAX))) {
                // Not a time a reading (or Kafka) can hold: milliseconds since 1970 in a long. The rules' window
                // would refuse it, but could not even compute its milliseconds.
                violations.add(Map.of("field", "intervalStart", "message", "'" + item.intervalStart()
                        + "' is outside the interval starts taken in (from " + ReadingRules.EARLIEST_INTERVAL_START
                        + ", not in the future)"));
                start = null;
            }
        }
        if (item.concentrationMgNm3() == null) {
            violations.add(Map.of("field", "concentrationMgNm3", "message", "is required"));
        }
        if (item.flowNm3PerHour() == null) {
            violations.add(Map.of("field", "flowNm3PerHour", "message", "is required"));
        }
        if (!violations.isEmpty()) {
            return null;
        }
        return AmsReading.newBuilder()
                .setFacilityId(item.facilityId().strip())
                .setSourceId(item.sourceId().strip())
                .setPollutant(pollutant)
                .setIntervalStart(start)
                .setIntervalMinutes(item.intervalMinutes() == null ? 20 : item.intervalMinutes())
                .setConcentrationMgNm3(item.concentrationMgNm3())
                .setFlowNm3PerHour(item.flowNm3PerHour())
                .setStatus(status)
                .setGatewayId(client)
                .build();
    }

    private static void requireText(String value, String field, List<Map<String, String>> violations) {
        if (value == null || value.isBlank()) {
            violations.add(Map.of("field", field, "message", "is required"));
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String field,
            List<Map<String, String>> violations) {
        if (value == null || value.isBlank()) {
            violations.add(Map.of("field", field, "message", "is required"));
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(Map.of("field", field, "message", "'" + value + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    /** Kafka did not acknowledge the accepted readings in time. */
    public static class IngestionUnavailableException extends RuntimeException {
        public IngestionUnavailableException(Throwable cause) {
            super(cause);
        }
    }
}

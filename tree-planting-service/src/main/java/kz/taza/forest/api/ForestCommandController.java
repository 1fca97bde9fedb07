package kz.taza.forest.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.forest.ContainFire;
import kz.taza.events.forest.CorrectPlantingMaterial;
import kz.taza.events.forest.ExtinguishFire;
import kz.taza.events.forest.InstallDetectionSystem;
import kz.taza.events.forest.PreparePlantingMaterial;
import kz.taza.events.forest.RecordPlanting;
import kz.taza.events.forest.RecordSurvivalSurvey;
import kz.taza.events.forest.ReportFire;
import kz.taza.forest.api.ForestRequests.DetectionSystemRequest;
import kz.taza.forest.api.ForestRequests.FireContainmentRequest;
import kz.taza.forest.api.ForestRequests.FireExtinguishmentRequest;
import kz.taza.forest.api.ForestRequests.FireReportRequest;
import kz.taza.forest.api.ForestRequests.PlanRequest;
import kz.taza.forest.api.ForestRequests.PlantingMaterialCorrectionRequest;
import kz.taza.forest.api.ForestRequests.PlantingMaterialRequest;
import kz.taza.forest.api.ForestRequests.PlantingBatchRequest;
import kz.taza.forest.api.ForestRequests.PlantingRequest;
import kz.taza.forest.api.ForestRequests.SurveyRequest;
import kz.taza.forest.config.ForestProperties;
import kz.taza.forest.domain.FireRules;
import kz.taza.forest.domain.ForestRules;
import kz.taza.forest.domain.MaterialRules;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandReceipt;
import kz.taza.platform.command.CommandResponses;
import kz.taza.platform.command.CommandStatusView;
import kz.taza.platform.command.ParsedRequest;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;

/**
 * What forestry offices send: yearly plans, plantings (one or a batch), survival surveys; fires reported, contained
 * and extinguished; early fire detection systems installed; lots of planting material prepared and corrected. Each request is checked
 * first, its own shape here and its command by the forest rules' validation in the command gateway (nothing is sent
 * when anything is wrong: 422 naming every reason, typed by the first one's code), then becomes a command on
 * {@code forest.commands.v1}, and the answer waits for its result (201/200, 404/422 from the processor, or 202 with a
 * status URL). A planting's command id derives from its plantingId and a survey's from its surveyId unless the client
 * sends an Idempotency-Key, so a repeated report gets the first answer and changes nothing; one naming the same id
 * with another body is refused 409 naming that id's field. Likewise a fire's report derives its id from the fireId and
 * a detection system's from its systemId; a containment's and an extinguishment's from their body, so that a retry
 * is one command and an extinguishment with another area is a new one (a correction). A lot of planting material
 * derives its id from the lotId, a lot's correction from its body.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "forest commands", description = "Plans, plantings and survival surveys of the tree-planting programme; "
        + "forest fires and early fire detection systems; nurseries' planting material")
public class ForestCommandController {

    /** Code of a batch with more plantings than one request may carry. */
    static final String BATCH_TOO_LARGE = "BATCH_TOO_LARGE";

    private final CommandGateway<SpecificRecord> commands;
    private final ForestProperties forest;

    public ForestCommandController(CommandGateway<SpecificRecord> forestCommands, ForestProperties forest) {
        this.commands = forestCommands;
        this.forest = forest;
    }

    /** The answer to a batch of plantings: one result per planting, in the order sent. */
    public record BatchResults(List<BatchItem> results) {
    }

    /**
     * One planting of a batch: its command's outcome (ACCEPTED, REJECTED or PENDING), the status URL while pending,
     * the problem document when rejected.
     */
    public record BatchItem(String plantingId, String commandId, String outcome,
            @JsonInclude(JsonInclude.Include.NON_NULL) String statusUrl,
            @JsonInclude(JsonInclude.Include.NON_NULL) ProblemDetail problem) {
    }

    @Allow(Role.FORESTER)
    @PutMapping("/regions/{regionCode}/plans/{year}")
    @Operation(summary = "Set (or replace) a region's planting plan for a year",
            description = "200 with the command's result; 422 for non-positive trees or hectares or an unknown region.")
    public ResponseEntity<CommandStatusView> setPlan(@PathVariable String regionCode, @PathVariable int year,
            @RequestBody PlanRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        CommandReceipt receipt = commands.send(ForestRules.planAggregateId(regionCode.strip(), year),
                RequestChecks.plan(regionCode, year, body), idempotencyKey);
        return CommandResponses.respond(receipt, HttpStatus.OK);
    }

    @Allow(Role.FORESTER)
    @PostMapping("/plantings")
    @Operation(summary = "Record a planting",
            description = "201 with Location /api/v1/plantings/{plantingId}; a repeated plantingId answers as the "
                    + "first time and changes nothing (409 naming plantingId when its body differs). 422 for non-positive counts or hectares, a density outside "
                    + "the plausible bounds, a future date, an unknown region or method.")
    @ApiResponse(responseCode = "201", description = "Recorded: the command's result; Location names the planting")
    public ResponseEntity<CommandStatusView> recordPlanting(@RequestBody PlantingRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        RecordPlanting command = commands.validated(RequestChecks.planting(body));
        return CommandResponses.respond(commands.send(command.getPlantingId(), command,
                plantingKey(command, idempotencyKey)), HttpStatus.CREATED, CommandStatusView::of,
                ForestCommandController::plantingUrl);
    }

    @Allow(Role.FORESTER)
    @PostMapping("/plantings/batch")
    @Operation(summary = "Record several plantings at once",
            description = "Every planting is checked first: if any is invalid the answer is 422 naming each one "
                    + "(plantings[i].field) and nothing is recorded. Otherwise 200 with one result per planting, in "
                    + "order (ACCEPTED, REJECTED with its reason, or PENDING with a status URL).")
    public ResponseEntity<BatchResults> recordPlantings(@RequestBody PlantingBatchRequest body) {
        if (body == null || body.plantings() == null || body.plantings().isEmpty()) {
            return ProblemHandlers.unprocessable(List.of(ForestRules.violation("plantings", ForestRules.REQUIRED,
                    "a batch needs at least one planting")));
        }
        if (body.plantings().size() > forest.getMaxBatchSize()) {
            return ProblemHandlers.unprocessable(List.of(ForestRules.violation("plantings", BATCH_TOO_LARGE,
                    "a batch carries at most " + forest.getMaxBatchSize() + " plantings, got "
                            + body.plantings().size())));
        }
        List<RecordPlanting> batch = new ArrayList<>();
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < body.plantings().size(); i++) {
            ParsedRequest<RecordPlanting> planting = RequestChecks.planting(body.plantings().get(i));
            String prefix = "plantings[" + i + "].";
            commands.violations(planting).forEach(v -> violations.add(
                    new FieldViolation(prefix + v.getField(), v.getMessage(), v.getCode())));
            batch.add(planting.command());
        }
        if (!violations.isEmpty()) {
            return ProblemHandlers.unprocessable(violations);
        }
        List<CommandReceipt> receipts = commands.sendAll(batch.stream()
                .map(command -> new CommandGateway.Batched<SpecificRecord>(command.getPlantingId(), command,
                        plantingKey(command, null)))
                .toList());
        List<BatchItem> results = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            CommandReceipt receipt = receipts.get(i);
            String plantingId = batch.get(i).getPlantingId();
            if (receipt.isPending()) {
                results.add(new BatchItem(plantingId, receipt.commandId(), "PENDING",
                        CommandResponses.statusUrl(receipt.commandId()).toString(), null));
            } else {
                CommandResult result = receipt.result().orElseThrow();
                results.add(new BatchItem(plantingId, receipt.commandId(), result.getOutcome().name(), null,
                        receipt.isAccepted() ? null : CommandResponses.problem(result)));
            }
        }
        return ResponseEntity.ok(new BatchResults(results));
    }

    @Allow(Role.FORESTER)
    @PostMapping("/plantings/{plantingId}/surveys")
    @Operation(summary = "Record a survival survey of a planting",
            description = "201; a repeated surveyId answers as the first time and changes nothing; a new surveyId for "
                    + "a survey year already surveyed is a recount that replaces it. 404 for an unknown planting; "
                    + "422 for a survey year other than 1 or 3, negative counts, alive + dead above the planted "
                    + "count, or a future date.")
    @ApiResponse(responseCode = "201", description = "Recorded: the command's result; Location names the planting")
    public ResponseEntity<CommandStatusView> recordSurvey(@PathVariable String plantingId,
            @RequestBody SurveyRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        RecordSurvivalSurvey command = commands.validated(RequestChecks.survey(plantingId, body));
        String key = idempotencyKey != null ? idempotencyKey
                : CommandGateway.idKey("surveyId", command.getSurveyId());
        CommandReceipt receipt = commands.send(plantingId, command, key);
        return CommandResponses.respond(receipt, HttpStatus.CREATED, CommandStatusView::of,
                result -> URI.create("/api/v1/plantings/" + plantingId));
    }

    @Allow(Role.FORESTER)
    @PostMapping("/fires")
    @Operation(summary = "Report a forest fire",
            description = "201 with Location /api/v1/fires/{fireId}; a repeated fireId answers as the first time and "
                    + "changes nothing (409 naming fireId when its body differs). 422 for non-positive hectares, an "
                    + "unknown region or cause, a future date.")
    @ApiResponse(responseCode = "201", description = "Recorded: the command's result; Location names the fire")
    public ResponseEntity<CommandStatusView> reportFire(@RequestBody FireReportRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ReportFire command = commands.validated(RequestChecks.fire(body));
        String key = idempotencyKey != null ? idempotencyKey : CommandGateway.idKey("fireId", command.getFireId());
        return CommandResponses.respond(commands.send(FireRules.fireAggregateId(command.getFireId()), command, key),
                HttpStatus.CREATED, CommandStatusView::of, result -> fireUrl(result.getResourceId()));
    }

    @Allow(Role.FORESTER)
    @PostMapping("/fires/{fireId}/containment")
    @Operation(summary = "Report a fire contained",
            description = "200; 404 UNKNOWN_FIRE for a fire never reported; 422 for a date before the report or in "
                    + "the future. The first containment is kept: a later one, or one after the fire was put out, "
                    + "changes nothing.")
    public ResponseEntity<CommandStatusView> containFire(@PathVariable String fireId,
            @RequestBody FireContainmentRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ContainFire command = commands.validated(RequestChecks.containment(fireId, body));
        String aggregate = FireRules.fireAggregateId(command.getFireId());
        return CommandResponses.respond(commands.send(aggregate, command, idempotencyKey != null ? idempotencyKey
                : commands.derivedKey(aggregate, command)), HttpStatus.OK);
    }

    @Allow(Role.FORESTER)
    @PostMapping("/fires/{fireId}/extinguishment")
    @Operation(summary = "Report a fire extinguished, with the final hectares burned",
            description = "200; allowed without a containment report. 404 UNKNOWN_FIRE for a fire never reported; "
                    + "422 for negative hectares or a date before the report (or containment) or in the future. The "
                    + "same area and day again change nothing; another area or day corrects the final area (also "
                    + "back to an earlier one).")
    public ResponseEntity<CommandStatusView> extinguishFire(@PathVariable String fireId,
            @RequestBody FireExtinguishmentRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        ExtinguishFire command = commands.validated(RequestChecks.extinguishment(fireId, body));
        String aggregate = FireRules.fireAggregateId(command.getFireId());
        // Without a key each request is a command of its own, not one derived from the body: a correction back to
        // an earlier area (350, 320, 350 ha) would otherwise be answered as the first request and not applied. A
        // retry is still harmless: the same area and day change nothing (FireRules).
        return CommandResponses.respond(commands.send(aggregate, command, idempotencyKey != null ? idempotencyKey
                : java.util.UUID.randomUUID().toString()), HttpStatus.OK);
    }

    @Allow(Role.FORESTER)
    @PostMapping("/detection-systems")
    @Operation(summary = "Record an early fire detection system put into service",
            description = "201; a repeated systemId answers as the first time and changes nothing (409 naming "
                    + "systemId when its body differs). 422 for non-positive hectares, an unknown region, a future "
                    + "date.")
    @ApiResponse(responseCode = "201", description = "Recorded: the command's result")
    public ResponseEntity<CommandStatusView> installDetectionSystem(@RequestBody DetectionSystemRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        InstallDetectionSystem command = commands.validated(RequestChecks.detection(body));
        String key = idempotencyKey != null ? idempotencyKey
                : CommandGateway.idKey("systemId", command.getSystemId());
        return CommandResponses.respond(commands.send(FireRules.detectionAggregateId(command.getSystemId()), command,
                key), HttpStatus.CREATED, CommandStatusView::of,
                result -> URI.create("/api/v1/detection-systems/" + result.getResourceId()));
    }

    @Allow(Role.FORESTER)
    @PostMapping("/planting-material")
    @Operation(summary = "Record a lot of planting material a nursery prepared for a coming year's planting",
            description = "201 with Location /api/v1/planting-material/{lotId}; a repeated lotId answers as the first "
                    + "time and changes nothing (409 naming lotId when its body differs: a changed figure is a "
                    + "correction). 422 for an unknown region or kind, a quantity that is not positive (or not whole "
                    + "pieces), a planting year before the preparation's year or more than five after it, a future "
                    + "date.")
    @ApiResponse(responseCode = "201", description = "Recorded: the command's result; Location names the lot")
    public ResponseEntity<CommandStatusView> preparePlantingMaterial(@RequestBody PlantingMaterialRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        PreparePlantingMaterial command = commands.validated(RequestChecks.material(body));
        String key = idempotencyKey != null ? idempotencyKey : CommandGateway.idKey("lotId", command.getLotId());
        return CommandResponses.respond(commands.send(MaterialRules.lotAggregateId(command.getLotId()), command,
                key), HttpStatus.CREATED, CommandStatusView::of,
                result -> URI.create("/api/v1/planting-material/" + result.getResourceId()));
    }

    @Allow(Role.FORESTER)
    @PostMapping("/planting-material/{lotId}/corrections")
    @Operation(summary = "Correct a lot of planting material: its quantity from now on",
            description = "200; the quantity replaces the lot's earlier figure (a recount, or material lost or "
                    + "culled). 404 UNKNOWN_LOT for a lot never recorded; 422 for a negative quantity, a fraction of "
                    + "a piece, an unknown reason, a date before the lot was prepared or in the future. The lot's "
                    + "latest quantity, reason and day again change nothing.")
    public ResponseEntity<CommandStatusView> correctPlantingMaterial(@PathVariable String lotId,
            @RequestBody PlantingMaterialCorrectionRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        CorrectPlantingMaterial command = commands.validated(RequestChecks.materialCorrection(lotId, body));
        String aggregate = MaterialRules.lotAggregateId(command.getLotId());
        return CommandResponses.respond(commands.send(aggregate, command, idempotencyKey != null ? idempotencyKey
                : commands.derivedKey(aggregate, command)), HttpStatus.OK);
    }

    private static URI fireUrl(String fireId) {
        return URI.create("/api/v1/fires/" + fireId);
    }

    /** A planting's command id derives from its plantingId unless the client sends an Idempotency-Key. */
    private static String plantingKey(RecordPlanting command, String idempotencyKey) {
        return idempotencyKey != null ? idempotencyKey
                : CommandGateway.idKey("plantingId", command.getPlantingId());
    }

    private static URI plantingUrl(CommandResult result) {
        return URI.create("/api/v1/plantings/" + result.getResourceId());
    }
}

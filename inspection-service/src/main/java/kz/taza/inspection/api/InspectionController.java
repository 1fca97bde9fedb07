package kz.taza.inspection.api;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.inspection.CompleteInspection;
import kz.taza.events.inspection.FineArticle;
import kz.taza.events.inspection.FineGround;
import kz.taza.events.inspection.FulfilOrder;
import kz.taza.events.inspection.ImposeFine;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.IssueOrder;
import kz.taza.events.inspection.OffenderSize;
import kz.taza.events.inspection.RecordPayment;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.events.inspection.ViolationFound;
import kz.taza.events.inspection.ViolationSeverity;
import kz.taza.inspection.domain.ComplianceRules;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandResponses;
import kz.taza.platform.command.CommandStatusView;
import kz.taza.platform.command.ParsedRequest;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;

/**
 * Officers' commands on a facility's inspections, fines and remediation orders, and its compliance history. Each
 * command goes through {@code inspection.commands.v1} to the single writer of the facility's record; the answer is
 * its result (201/200), a problem document naming the reason (404 unknown facility, inspection, fine or order; 409
 * against the current state, e.g. completing twice or a fine without violations; 422 bad fields), or 202 with a status
 * URL. Input that is bad on its face (the compliance rules' validation, run before sending), or a facility that is not
 * registered, is answered without writing anything.
 */
@RestController
@RequestMapping("/api/v1/facilities/{facilityId}")
@Tag(name = "inspections", description = "Inspections, violations, fines and remediation orders of a facility")
public class InspectionController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandGateway<SpecificRecord> commands;
    private final ComplianceView view;
    private final Clock clock;

    public InspectionController(CommandGateway<SpecificRecord> commands, ComplianceView view, Clock clock) {
        this.commands = commands;
        this.view = view;
        this.clock = clock;
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/inspections")
    @Operation(summary = "Schedule an inspection (RISK_BASED, UNSCHEDULED or PREVENTIVE_VISIT) with a reason")
    @ApiResponse(responseCode = "201", description = "Scheduled: the command's result; Location names the inspection")
    public ResponseEntity<CommandStatusView> schedule(@PathVariable String facilityId,
            @Valid @RequestBody InspectionRequests.ScheduleInspection body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        InspectionType type = body.type() == null ? null : InspectionType.valueOf(body.type().name());
        ScheduleInspection command = new ScheduleInspection(facilityId, "", type, body.reason(), body.plannedOn(),
                null, null);
        String key = keyOf(facilityId, idempotencyKey, command);
        command.setInspectionId(ComplianceRules.derivedId("inspection", facilityId, key));
        return send(facilityId, key, HttpStatus.CREATED, command, r -> location(facilityId, "inspections", r));
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/inspections/{inspectionId}/completion")
    @Operation(summary = "Complete an inspection with the violations found (article, description, severity)")
    public ResponseEntity<CommandStatusView> complete(@PathVariable String facilityId, @PathVariable String inspectionId,
            @Valid @RequestBody InspectionRequests.CompleteInspection body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        List<ViolationFound> violations = new ArrayList<>();
        for (InspectionRequests.Violation v : body.violations()) {
            violations.add(new ViolationFound("", v.article(), v.description(),
                    v.severity() == null ? null : ViolationSeverity.valueOf(v.severity().name())));
        }
        CompleteInspection command = new CompleteInspection(facilityId, inspectionId, orToday(body.completedOn()),
                violations);
        String key = keyOf(facilityId, idempotencyKey, command);
        for (int i = 0; i < violations.size(); i++) {
            violations.get(i).setViolationId(ComplianceRules.derivedId("violation", facilityId, inspectionId, key,
                    Integer.toString(i)));
        }
        return send(facilityId, key, HttpStatus.OK, command, null);
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/inspections/{inspectionId}/fines")
    @Operation(summary = "Impose a fine in MCI for the violations of a completed inspection: set by the officer, or "
            + "sized by its article (art. 324 flat by the offender's size; art. 328(1) from the excess mass, an assumption)")
    @ApiResponse(responseCode = "201", description = "Imposed: the command's result; Location names the fine")
    public ResponseEntity<CommandStatusView> imposeFine(@PathVariable String facilityId, @PathVariable String inspectionId,
            @Valid @RequestBody InspectionRequests.ImposeFine body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        ImposeFine command = new ImposeFine(facilityId, inspectionId, "",
                body.amountMci() == null ? 0L : body.amountMci(), body.offenceDate(),
                body.article() == null ? null : FineArticle.valueOf(body.article().name()),
                body.offenderSize() == null ? null : OffenderSize.valueOf(body.offenderSize().name()),
                body.excessPollutant(), body.excessTonnes(), FineGround.INSPECTION, null, null);
        return imposeFine(facilityId, command, List.of(), idempotencyKey);
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/fines")
    @Operation(summary = "Impose a fine that follows no inspection: for an AMS exceedance episode recorded for the "
            + "facility (art. 328(1)), or in an administrative case opened otherwise (a complaint, an incident, a desk "
            + "review), named by its reference; the amount as for a fine after an inspection")
    @ApiResponse(responseCode = "201", description = "Imposed: the command's result; Location names the fine")
    public ResponseEntity<CommandStatusView> imposeFineWithoutInspection(@PathVariable String facilityId,
            @Valid @RequestBody InspectionRequests.ImposeFineWithoutInspection body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        List<FieldViolation> request = body.ground() == null
                ? List.of(new FieldViolation("ground", "is required: AMS_EXCEEDANCE or ADMINISTRATIVE_CASE", null))
                : List.of();
        ImposeFine command = new ImposeFine(facilityId, "", "",
                body.amountMci() == null ? 0L : body.amountMci(), body.offenceDate(),
                body.article() == null ? null : FineArticle.valueOf(body.article().name()),
                body.offenderSize() == null ? null : OffenderSize.valueOf(body.offenderSize().name()),
                body.excessPollutant(), body.excessTonnes(),
                body.ground() == null ? FineGround.UNKNOWN : FineGround.valueOf(body.ground().name()),
                body.exceedanceEventId(), body.caseReference());
        return imposeFine(facilityId, command, request, idempotencyKey);
    }

    private ResponseEntity<CommandStatusView> imposeFine(String facilityId, ImposeFine command,
            List<FieldViolation> request, String idempotencyKey) {
        String key = keyOf(facilityId, idempotencyKey, command);
        command.setFineId(ComplianceRules.derivedId("fine", facilityId, key));
        return send(facilityId, key, HttpStatus.CREATED, new ParsedRequest<>(command, request),
                r -> location(facilityId, "fines", r));
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/fines/{fineId}/payments")
    @Operation(summary = "Record a payment towards a fine (partial payments add up; overpayment is refused)")
    @ApiResponse(responseCode = "201", description = "Recorded: the command's result")
    public ResponseEntity<CommandStatusView> pay(@PathVariable String facilityId, @PathVariable String fineId,
            @Valid @RequestBody InspectionRequests.RecordPayment body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        RecordPayment command = new RecordPayment(facilityId, fineId, "", body.amountKzt(), orToday(body.paidOn()));
        String key = keyOf(facilityId, idempotencyKey, command);
        command.setPaymentId(ComplianceRules.derivedId("payment", facilityId, key));
        return send(facilityId, key, HttpStatus.CREATED, command, null);
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/orders")
    @Operation(summary = "Issue a remediation order after a completed inspection, due after today")
    @ApiResponse(responseCode = "201", description = "Issued: the command's result; Location names the order")
    public ResponseEntity<CommandStatusView> issueOrder(@PathVariable String facilityId,
            @Valid @RequestBody InspectionRequests.IssueOrder body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        IssueOrder command = new IssueOrder(facilityId, body.inspectionId(), "", body.description(), body.dueOn());
        String key = keyOf(facilityId, idempotencyKey, command);
        command.setOrderId(ComplianceRules.derivedId("order", facilityId, key));
        return send(facilityId, key, HttpStatus.CREATED, command, r -> location(facilityId, "orders", r));
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/orders/{orderId}/fulfilment")
    @Operation(summary = "Mark a remediation order fulfilled (also after it became overdue)")
    public ResponseEntity<CommandStatusView> fulfilOrder(@PathVariable String facilityId, @PathVariable String orderId,
            @RequestBody(required = false) InspectionRequests.FulfilOrder body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return send(facilityId, idempotencyKey, HttpStatus.OK, new FulfilOrder(facilityId, orderId,
                orToday(body == null ? null : body.fulfilledOn())), null);
    }

    @Allow({Role.INSPECTOR, Role.OFFICER, Role.ANALYST, Role.AGENCY})
    @GetMapping("/compliance")
    @Operation(summary = "The facility's compliance history: notices, inspections, violations, fines, orders")
    public ResponseEntity<ComplianceHistory> compliance(@PathVariable String facilityId) {
        return view.find(facilityId)
                .filter(c -> c.getRegionCode() != null)
                .map(c -> ResponseEntity.ok(ComplianceHistory.of(c)))
                .orElseGet(() -> unknownFacility(facilityId));
    }

    /**
     * Sends a command once the compliance rules find nothing wrong with it on its face (422 otherwise) and this
     * instance knows the facility's registration (404 otherwise): in both cases nothing is written.
     */
    private ResponseEntity<CommandStatusView> send(String facilityId, String idempotencyKey, HttpStatus onAccepted,
            SpecificRecord command, Function<CommandResult, URI> location) {
        return send(facilityId, idempotencyKey, onAccepted, ParsedRequest.of(command), location);
    }

    private ResponseEntity<CommandStatusView> send(String facilityId, String idempotencyKey, HttpStatus onAccepted,
            ParsedRequest<? extends SpecificRecord> request, Function<CommandResult, URI> location) {
        SpecificRecord valid = commands.validated(request);
        if (!view.isRegistered(facilityId)) {
            return unknownFacility(facilityId);
        }
        return CommandResponses.respond(commands.send(facilityId, valid, idempotencyKey), onAccepted,
                CommandStatusView::of, location);
    }

    /** A day the officer may leave out: today, on the service's clock. */
    private LocalDate orToday(LocalDate day) {
        return day != null ? day : LocalDate.now(clock);
    }

    /**
     * The key a creating command is sent under, from which the ids of what it creates derive: the client's
     * Idempotency-Key, or without one a key derived from the command itself (its new ids still blank), so that a
     * retried request names the same entity and is one command. Two separate, identical fines (or payments, orders,
     * inspections) on one facility need distinct Idempotency-Keys.
     */
    private String keyOf(String facilityId, String idempotencyKey, SpecificRecord withoutNewIds) {
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            return idempotencyKey;
        }
        return commands.derivedKey(facilityId, withoutNewIds);
    }

    private static URI location(String facilityId, String collection, CommandResult result) {
        return URI.create("/api/v1/facilities/" + facilityId + "/" + collection + "/" + result.getResourceId());
    }

    private static <T> ResponseEntity<T> unknownFacility(String facilityId) {
        return CommandResponses.rejected(ComplianceRules.unknownFacility(facilityId));
    }
}

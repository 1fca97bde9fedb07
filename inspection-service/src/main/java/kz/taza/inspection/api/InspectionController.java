package kz.taza.inspection.api;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import kz.taza.events.common.CommandResult;
import kz.taza.events.inspection.CompleteInspection;
import kz.taza.events.inspection.FulfilOrder;
import kz.taza.events.inspection.ImposeFine;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.IssueOrder;
import kz.taza.events.inspection.RecordPayment;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.events.inspection.ViolationFound;
import kz.taza.events.inspection.ViolationSeverity;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandResponses;
import kz.taza.platform.command.CommandStatusView;
import kz.taza.platform.web.ProblemHandlers;

/**
 * Officers' commands on a facility's inspections, fines and remediation orders, and its compliance history. Each
 * command goes through {@code inspection.commands.v1} to the single writer of the facility's record; the answer is
 * its result (201/200), a problem document naming the reason (404 unknown facility, inspection, fine or order; 409
 * against the current state, e.g. completing twice or a fine without violations; 422 bad fields), or 202 with a status
 * URL. Input that is bad on its face, or a facility that is not registered, is answered without writing anything.
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

    @PostMapping("/inspections")
    @Operation(summary = "Schedule an inspection (RISK_BASED or UNSCHEDULED) with a reason")
    public ResponseEntity<Object> schedule(@PathVariable String facilityId,
            @Valid @RequestBody InspectionRequests.ScheduleInspection body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        LocalDate today = LocalDate.now(clock);
        if (body.plannedOn() != null && body.plannedOn().isBefore(today)) {
            return invalid("plannedOn", "must not be in the past (today is " + today + ")");
        }
        String inspectionId = newId(facilityId, idempotencyKey, "inspection");
        return send(facilityId, idempotencyKey, HttpStatus.CREATED, ScheduleInspection.newBuilder()
                .setFacilityId(facilityId)
                .setInspectionId(inspectionId)
                .setType(InspectionType.valueOf(body.type().name()))
                .setReason(body.reason())
                .setPlannedOn(body.plannedOn())
                .build(), r -> location(facilityId, "inspections", r));
    }

    @PostMapping("/inspections/{inspectionId}/completion")
    @Operation(summary = "Complete an inspection with the violations found (article, description, severity)")
    public ResponseEntity<Object> complete(@PathVariable String facilityId, @PathVariable String inspectionId,
            @Valid @RequestBody InspectionRequests.CompleteInspection body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        LocalDate today = LocalDate.now(clock);
        LocalDate completedOn = body.completedOn() == null ? today : body.completedOn();
        if (completedOn.isAfter(today)) {
            return invalid("completedOn", "must not be in the future (today is " + today + ")");
        }
        List<ViolationFound> violations = new ArrayList<>();
        for (InspectionRequests.Violation v : body.violations()) {
            violations.add(ViolationFound.newBuilder()
                    .setViolationId(UUID.randomUUID().toString())
                    .setArticle(v.article())
                    .setDescription(v.description())
                    .setSeverity(ViolationSeverity.valueOf(v.severity().name()))
                    .build());
        }
        return send(facilityId, idempotencyKey, HttpStatus.OK, CompleteInspection.newBuilder()
                .setFacilityId(facilityId)
                .setInspectionId(inspectionId)
                .setCompletedOn(completedOn)
                .setViolations(violations)
                .build(), null);
    }

    @PostMapping("/inspections/{inspectionId}/fines")
    @Operation(summary = "Impose a fine in MCI for the violations of a completed inspection")
    public ResponseEntity<Object> imposeFine(@PathVariable String facilityId, @PathVariable String inspectionId,
            @Valid @RequestBody InspectionRequests.ImposeFine body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return send(facilityId, idempotencyKey, HttpStatus.CREATED, ImposeFine.newBuilder()
                .setFacilityId(facilityId)
                .setInspectionId(inspectionId)
                .setFineId(newId(facilityId, idempotencyKey, "fine"))
                .setAmountMci(body.amountMci())
                .setOffenceDate(body.offenceDate())
                .build(), r -> location(facilityId, "fines", r));
    }

    @PostMapping("/fines/{fineId}/payments")
    @Operation(summary = "Record a payment towards a fine (partial payments add up; overpayment is refused)")
    public ResponseEntity<Object> pay(@PathVariable String facilityId, @PathVariable String fineId,
            @Valid @RequestBody InspectionRequests.RecordPayment body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        LocalDate today = LocalDate.now(clock);
        LocalDate paidOn = body.paidOn() == null ? today : body.paidOn();
        if (paidOn.isAfter(today)) {
            return invalid("paidOn", "must not be in the future (today is " + today + ")");
        }
        return send(facilityId, idempotencyKey, HttpStatus.CREATED, RecordPayment.newBuilder()
                .setFacilityId(facilityId)
                .setFineId(fineId)
                .setPaymentId(newId(facilityId, idempotencyKey, "payment"))
                .setAmountKzt(body.amountKzt())
                .setPaidOn(paidOn)
                .build(), null);
    }

    @PostMapping("/orders")
    @Operation(summary = "Issue a remediation order after a completed inspection, due after today")
    public ResponseEntity<Object> issueOrder(@PathVariable String facilityId,
            @Valid @RequestBody InspectionRequests.IssueOrder body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        LocalDate today = LocalDate.now(clock);
        if (!body.dueOn().isAfter(today)) {
            return invalid("dueOn", "must be after today (" + today + ")");
        }
        return send(facilityId, idempotencyKey, HttpStatus.CREATED, IssueOrder.newBuilder()
                .setFacilityId(facilityId)
                .setInspectionId(body.inspectionId())
                .setOrderId(newId(facilityId, idempotencyKey, "order"))
                .setDescription(body.description())
                .setDueOn(body.dueOn())
                .build(), r -> location(facilityId, "orders", r));
    }

    @PostMapping("/orders/{orderId}/fulfilment")
    @Operation(summary = "Mark a remediation order fulfilled (also after it became overdue)")
    public ResponseEntity<Object> fulfilOrder(@PathVariable String facilityId, @PathVariable String orderId,
            @RequestBody(required = false) InspectionRequests.FulfilOrder body,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        LocalDate today = LocalDate.now(clock);
        LocalDate fulfilledOn = body == null || body.fulfilledOn() == null ? today : body.fulfilledOn();
        if (fulfilledOn.isAfter(today)) {
            return invalid("fulfilledOn", "must not be in the future (today is " + today + ")");
        }
        return send(facilityId, idempotencyKey, HttpStatus.OK, FulfilOrder.newBuilder()
                .setFacilityId(facilityId)
                .setOrderId(orderId)
                .setFulfilledOn(fulfilledOn)
                .build(), null);
    }

    @GetMapping("/compliance")
    @Operation(summary = "The facility's compliance history: notices, inspections, violations, fines, orders")
    public ResponseEntity<Object> compliance(@PathVariable String facilityId) {
        return view.find(facilityId)
                .filter(c -> c.getRegionCode() != null)
                .<ResponseEntity<Object>>map(c -> ResponseEntity.ok(ComplianceHistory.of(c)))
                .orElseGet(() -> unknownFacility(facilityId));
    }

    private ResponseEntity<Object> send(String facilityId, String idempotencyKey, HttpStatus onAccepted,
            SpecificRecord command, Function<CommandResult, URI> location) {
        if (!view.isRegistered(facilityId)) {
            return unknownFacility(facilityId);
        }
        return CommandResponses.respond(commands.send(facilityId, command, idempotencyKey), onAccepted,
                CommandStatusView::of, location);
    }

    /** A new entity id; with an Idempotency-Key the same request always names the same entity. */
    private String newId(String facilityId, String idempotencyKey, String kind) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return UUID.randomUUID().toString();
        }
        return kz.taza.inspection.domain.ComplianceRules.derivedId(kind, facilityId, idempotencyKey);
    }

    private static URI location(String facilityId, String collection, CommandResult result) {
        return URI.create("/api/v1/facilities/" + facilityId + "/" + collection + "/" + result.getResourceId());
    }

    static ResponseEntity<Object> unknownFacility(String facilityId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "facility " + facilityId + " is not registered (no registration on permit.facilities.v1)");
        problem.setTitle("Unknown resource");
        problem.setType(URI.create("/problems/FACILITY_UNKNOWN"));
        problem.setProperty("reasonCode", "FACILITY_UNKNOWN");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    private static ResponseEntity<Object> invalid(String field, String message) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .body(ProblemHandlers.invalid(List.of(Map.of("field", field, "message", message))));
    }
}

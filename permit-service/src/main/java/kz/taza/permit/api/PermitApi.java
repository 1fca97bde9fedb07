package kz.taza.permit.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.permit.api.Views.FacilityPage;
import kz.taza.permit.api.Views.FacilityView;
import kz.taza.permit.api.Views.HistoryEntryView;
import kz.taza.permit.api.Views.PermitView;
import kz.taza.permit.domain.FacilityPermitRules;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandReceipt;
import kz.taza.platform.command.CommandResponses;
import kz.taza.platform.command.CommandStatusView;
import kz.taza.platform.command.ParsedRequest;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.OperatorScope;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;

/**
 * The registry and permit API for ministry officers. Commands are checked before they are sent (every bad field named,
 * nothing sent: the command gateway runs the permit rules' validation on what the request made), then decided by the
 * command processor; the request waits a bounded time for the result: 201/200 when
 * accepted, 404/409/422 with an RFC 9457 problem document when rejected, 202 with a status URL when the result is late.
 * An {@code Idempotency-Key} makes a retry return the first result. Reads come from this instance's copy of the
 * registry; after an accepted command, the answer waits (briefly) until that copy shows the change, so a client reads
 * its own writes on the same instance.
 */
@RestController
@RequestMapping("/api/v1/facilities")
@Tag(name = "facilities and permits")
public class PermitApi {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandGateway<SpecificRecord> commands;
    private final RegistryStore registry;
    private final Duration readYourWrites;

    public PermitApi(CommandGateway<SpecificRecord> commands, RegistryStore registry,
            @Value("${permit.read-your-writes-wait:PT2S}") Duration readYourWrites) {
        this.commands = commands;
        this.registry = registry;
        this.readYourWrites = readYourWrites;
    }

    @Allow(Role.OFFICER)
    @PostMapping
    @Operation(summary = "Register a facility", description = "201 with the command result; 409 if the facilityId "
            + "is taken; 422 naming each bad field; 202 with a status URL if the result is late")
    @ApiResponse(responseCode = "201", description = "Registered: the command's result; Location names the facility")
    public ResponseEntity<CommandStatusView> register(@RequestBody Requests.RegisterFacility request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return respond(commands.send(request.facilityId(), RequestCommands.register(request), idempotencyKey),
                HttpStatus.CREATED, r -> URI.create("/api/v1/facilities/" + r.getAggregateId()));
    }

    @Allow(Role.OFFICER)
    @PutMapping("/{facilityId}")
    @Operation(summary = "Replace the registration of a facility")
    public ResponseEntity<CommandStatusView> update(@PathVariable String facilityId,
            @RequestBody Requests.UpdateFacility request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return respond(commands.send(facilityId, RequestCommands.update(facilityId, request), idempotencyKey),
                HttpStatus.OK, null);
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.ANALYST, Role.AGENCY, Role.OPERATOR})
    @GetMapping("/{facilityId}")
    @Operation(summary = "A facility's registration")
    public ResponseEntity<FacilityView> facility(@PathVariable String facilityId) {
        requireOwnFacilityOfAnOperator(facilityId);
        return registry.find(facilityId).filter(s -> s.getFacility() != null)
                .map(s -> ResponseEntity.ok(FacilityView.of(s.getFacility())))
                .orElseGet(() -> unknownFacility(facilityId));
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.ANALYST, Role.AGENCY, Role.OPERATOR})
    @GetMapping
    @Operation(summary = "Facilities, filtered by region, category and top-50 membership, in facilityId order")
    public ResponseEntity<FacilityPage> facilities(
            @Parameter(description = "region code, e.g. 55") @RequestParam(required = false) String regionCode,
            @Parameter(description = "I, II, III or IV") @RequestParam(required = false) String category,
            @RequestParam(required = false) Boolean top50,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        List<Map<String, String>> bad = new ArrayList<>();
        if (category != null && !category.matches("I|II|III|IV")) {
            bad.add(Map.of("field", "category", "message", "must be I, II, III or IV"));
        }
        if (regionCode != null && kz.taza.schemas.Regions.byCode(regionCode).isEmpty()) {
            bad.add(Map.of("field", "regionCode", "message", "unknown region code '" + regionCode + "'"));
        }
        if (offset < 0) {
            bad.add(Map.of("field", "offset", "message", "must not be negative"));
        }
        if (limit < 1 || limit > 1000) {
            bad.add(Map.of("field", "limit", "message", "must be between 1 and 1000"));
        }
        if (!bad.isEmpty()) {
            return ProblemHandlers.unprocessableFields(bad);
        }
        List<FacilityView> matching = registry.all().stream().map(FacilityPermitState::getFacility)
                .filter(f -> f != null)
                .filter(f -> regionCode == null || f.getRegionCode().equals(regionCode))
                .filter(f -> category == null || f.getCategory().name().equals(category))
                .filter(f -> top50 == null || f.getTop50() == top50)
                // an operator sees its own facilities only
                .filter(f -> OperatorScope.mayActOn(f.getOperatorBin()))
                .sorted(Comparator.comparing(Facility::getFacilityId))
                .map(FacilityView::of).toList();
        List<FacilityView> page = matching.stream().skip(offset).limit(limit).toList();
        return ResponseEntity.ok(new FacilityPage(page, matching.size(), offset, limit));
    }

    @Allow(Role.OFFICER)
    @PostMapping("/{facilityId}/permits")
    @Operation(summary = "Issue a permit (KEP for Category I, environmental impact permit for II, declaration for "
            + "III)", description = "409 while the facility holds an ACTIVE or SUSPENDED permit; 422 for Category IV, "
            + "bad fields or limits naming unknown sources; 404 for an unknown facility")
    @ApiResponse(responseCode = "201", description = "Issued: the command's result; Location names the permit")
    public ResponseEntity<CommandStatusView> issue(@PathVariable String facilityId, @RequestBody Requests.IssuePermit request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        // With an Idempotency-Key the permit's id derives from it, so a retry is the same command (a re-used key
        // with another body is 409); without one a blind retry is refused by the permit rules (the facility already
        // holds the permit the first request issued), so nothing is issued twice either way.
        String permitId = request.permitId() != null ? request.permitId()
                : idempotencyKey != null && !idempotencyKey.isBlank()
                        ? "P-" + UUID.nameUUIDFromBytes(("permit|" + facilityId + '|' + idempotencyKey)
                                .getBytes(StandardCharsets.UTF_8)).toString().substring(0, 13)
                        : "P-" + UUID.randomUUID().toString().substring(0, 13);
        IssuePermit command = commands.validated(RequestCommands.issue(facilityId, permitId, request));
        Optional<ResponseEntity<CommandStatusView>> unknown = unknownFacilityOrSources(facilityId,
                command.getLimits());
        if (unknown.isPresent()) {
            return unknown.get();
        }
        return send(facilityId, command, idempotencyKey, HttpStatus.CREATED,
                r -> URI.create("/api/v1/facilities/" + r.getAggregateId() + "/permit"));
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.ANALYST, Role.AGENCY, Role.OPERATOR})
    @GetMapping("/{facilityId}/permit")
    @Operation(summary = "The facility's current (or last) permit with its limits")
    public ResponseEntity<PermitView> permit(@PathVariable String facilityId) {
        requireOwnFacilityOfAnOperator(facilityId);
        Optional<FacilityPermitState> state = registry.find(facilityId).filter(s -> s.getFacility() != null);
        if (state.isEmpty()) {
            return unknownFacility(facilityId);
        }
        if (state.get().getPermit() == null) {
            return ProblemHandlers.notFound("NO_PERMIT", "Facility " + facilityId + " has never held a permit");
        }
        return ResponseEntity.ok(PermitView.of(state.get().getPermit()));
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.ANALYST, Role.AGENCY, Role.OPERATOR})
    @GetMapping("/{facilityId}/permit/history")
    @Operation(summary = "Every permit change of the facility, oldest first, across all its permits")
    public ResponseEntity<List<HistoryEntryView>> history(@PathVariable String facilityId) {
        requireOwnFacilityOfAnOperator(facilityId);
        return registry.find(facilityId).filter(s -> s.getFacility() != null)
                .map(s -> ResponseEntity.ok(
                        s.getHistory().stream().map(HistoryEntryView::of).toList()))
                .orElseGet(() -> unknownFacility(facilityId));
    }

    @Allow(Role.OFFICER)
    @PostMapping("/{facilityId}/permits/{permitId}/amendments")
    @Operation(summary = "Amend limits, validity or BAT conclusion references of an ACTIVE or SUSPENDED permit")
    public ResponseEntity<CommandStatusView> amend(@PathVariable String facilityId, @PathVariable String permitId,
            @RequestBody Requests.AmendPermit request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        AmendPermit command = commands.validated(RequestCommands.amend(facilityId, permitId, request));
        Optional<ResponseEntity<CommandStatusView>> unknown = unknownFacilityOrSources(facilityId,
                command.getLimits() == null ? List.of() : command.getLimits());
        if (unknown.isPresent()) {
            return unknown.get();
        }
        return send(facilityId, command, idempotencyKey, HttpStatus.OK, null);
    }

    @Allow(Role.OFFICER)
    @PostMapping("/{facilityId}/permits/{permitId}/suspension")
    @Operation(summary = "Suspend an ACTIVE permit (reason required)")
    public ResponseEntity<CommandStatusView> suspend(@PathVariable String facilityId, @PathVariable String permitId,
            @RequestBody(required = false) Requests.Reason request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return statusChange(facilityId, RequestCommands.suspend(facilityId, permitId, request), idempotencyKey);
    }

    @Allow(Role.OFFICER)
    @PostMapping("/{facilityId}/permits/{permitId}/reinstatement")
    @Operation(summary = "Reinstate a SUSPENDED permit")
    public ResponseEntity<CommandStatusView> reinstate(@PathVariable String facilityId, @PathVariable String permitId,
            @RequestBody(required = false) Requests.Reason request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return statusChange(facilityId, RequestCommands.reinstate(facilityId, permitId, request), idempotencyKey);
    }

    @Allow(Role.OFFICER)
    @PostMapping("/{facilityId}/permits/{permitId}/revocation")
    @Operation(summary = "Revoke an ACTIVE or SUSPENDED permit for good (reason required)")
    public ResponseEntity<CommandStatusView> revoke(@PathVariable String facilityId, @PathVariable String permitId,
            @RequestBody(required = false) Requests.Reason request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        return statusChange(facilityId, RequestCommands.revoke(facilityId, permitId, request), idempotencyKey);
    }

    private ResponseEntity<CommandStatusView> statusChange(String facilityId, ParsedRequest<? extends SpecificRecord> request,
            String idempotencyKey) {
        SpecificRecord command = commands.validated(request);
        Optional<ResponseEntity<CommandStatusView>> unknown = unknownFacilityOrSources(facilityId, List.of());
        if (unknown.isPresent()) {
            return unknown.get();
        }
        return send(facilityId, command, idempotencyKey, HttpStatus.OK, null);
    }

    private ResponseEntity<CommandStatusView> send(String facilityId, SpecificRecord command, String idempotencyKey,
            HttpStatus onAccepted, Function<CommandResult, URI> location) {
        return respond(commands.send(facilityId, command, idempotencyKey), onAccepted, location);
    }

    /** The answer to a sent command, once this instance's registry shows an accepted one's change. */
    private ResponseEntity<CommandStatusView> respond(CommandReceipt receipt, HttpStatus onAccepted,
            Function<CommandResult, URI> location) {
        if (receipt.isAccepted()) {
            awaitReadModel(receipt.result().orElseThrow());
        }
        return CommandResponses.respond(receipt, onAccepted, CommandStatusView::of, location);
    }

    /** Waits, at most {@code permit.read-your-writes-wait}, until this instance's registry shows the change. */
    private void awaitReadModel(CommandResult result) {
        if (result.getEventIds().isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + readYourWrites.toNanos();
        while (System.nanoTime() < deadline && !shows(result)) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean shows(CommandResult result) {
        Instant processed = result.getProcessedAt();
        return registry.find(result.getAggregateId()).map(s ->
                (s.getFacility() != null && !s.getFacility().getUpdatedAt().isBefore(processed))
                        || (s.getPermit() != null && !s.getPermit().getUpdatedAt().isBefore(processed)))
                .orElse(false);
    }

    /**
     * An unknown facility (404) or limits naming sources it does not have (422), answered from this instance's
     * registry before anything is sent, with the rules' own rejection and violations. The command processor checks
     * both again against the authoritative state.
     */
    private <T> Optional<ResponseEntity<T>> unknownFacilityOrSources(String facilityId, List<PermitLimit> limits) {
        Optional<Facility> facility = registry.find(facilityId).map(FacilityPermitState::getFacility);
        if (facility.isEmpty()) {
            return Optional.of(unknownFacility(facilityId));
        }
        List<FieldViolation> bad = FacilityPermitRules.unknownSources(facility.get(), limits);
        return bad.isEmpty() ? Optional.empty() : Optional.of(ProblemHandlers.unprocessable(bad));
    }

    private static <T> ResponseEntity<T> unknownFacility(String facilityId) {
        return CommandResponses.rejected(FacilityPermitRules.facilityNotFound(facilityId));
    }

    /**
     * An operator reads its own facilities only (403 otherwise, also for a facility that is not registered: no one can
     * show it is theirs, and the answer must not tell another operator's facilities from unknown ones).
     */
    private void requireOwnFacilityOfAnOperator(String facilityId) {
        OperatorScope.requireMayActOn(facilityId, registry.find(facilityId)
                .map(FacilityPermitState::getFacility).map(Facility::getOperatorBin));
    }
}

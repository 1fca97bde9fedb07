package kz.taza.inspection.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.InspectionRecord;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.inspection.config.InspectionProperties;
import kz.taza.inspection.domain.ComplianceRules;
import kz.taza.inspection.domain.RiskScore;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandReceipt;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;

/**
 * The yearly risk-based inspection plan. {@code POST /api/v1/inspection-plans/{year}} ranks the registered facilities
 * by their {@link RiskScore} for that year and schedules a RISK_BASED inspection at the top ones, up to the capacity.
 * Running it again for the same year changes nothing and answers with the plan made the first time: once any facility
 * has an inspection of that plan year, the plan exists; and each facility's scheduling command carries an id derived
 * from the year (repeats get the first result) and is refused by the rules as a second plan inspection of the year.
 */
@RestController
@RequestMapping("/api/v1/inspection-plans")
@Tag(name = "inspection plans", description = "The yearly risk-based inspection plan")
public class InspectionPlanController {

    private final CommandGateway<SpecificRecord> commands;
    private final ComplianceView view;
    private final InspectionProperties properties;
    private final TazaProperties taza;

    public InspectionPlanController(CommandGateway<SpecificRecord> commands, ComplianceView view,
            InspectionProperties properties, TazaProperties taza) {
        this.commands = commands;
        this.view = view;
        this.properties = properties;
        this.taza = taza;
    }

    /** The plan of a year: which facilities, in which order, with which inspection. */
    public record Plan(int year, boolean created, List<Entry> inspections) {
    }

    /** One planned inspection; status ACCEPTED, PENDING (result not yet known), or the rejection's reason code. */
    public record Entry(int rank, String facilityId, double riskScore, String inspectionId, String status) {
    }

    @Allow(Role.INSPECTOR)
    @PostMapping("/{year}")
    @Operation(summary = "Make the year's risk-based plan: rank facilities by risk score, schedule the top ones "
            + "up to the capacity (running it again changes nothing)")
    @ApiResponse(responseCode = "201", description = "The plan made now, each inspection's status with it")
    @ApiResponse(responseCode = "200", description = "The plan made before: running it again changes nothing")
    public ResponseEntity<Plan> plan(@PathVariable @Min(2000) @Max(2100) int year,
            @RequestParam(required = false) @Min(1) @Max(100_000) Integer capacity) {
        List<FacilityCompliance> facilities = view.all();
        List<Entry> existing = existingPlan(facilities, year);
        if (!existing.isEmpty()) {
            return ResponseEntity.ok(new Plan(year, false, existing));
        }
        int limit = capacity == null ? properties.getPlanCapacity() : capacity;
        List<RiskScore.Ranked> ranked = RiskScore.plan(facilities, year, limit, taza.getZone());
        // one command per facility, sent a few at a time
        List<CommandReceipt> receipts = commands.sendAll(ranked.stream()
                .map(r -> new CommandGateway.Batched<SpecificRecord>(r.facilityId(), schedule(year, r),
                        "inspection-plan-" + year))
                .toList());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            entries.add(entry(year, ranked.get(i), receipts.get(i)));
        }
        return ResponseEntity.created(URI.create("/api/v1/inspection-plans/" + year))
                .body(new Plan(year, true, entries));
    }

    @Allow({Role.INSPECTOR, Role.OFFICER, Role.ANALYST})
    @GetMapping("/{year}")
    @Operation(summary = "The year's risk-based plan as scheduled")
    public ResponseEntity<Plan> get(@PathVariable @Min(2000) @Max(2100) int year) {
        return ResponseEntity.ok(new Plan(year, false, existingPlan(view.all(), year)));
    }

    private static String inspectionId(int year, RiskScore.Ranked r) {
        return ComplianceRules.derivedId("plan-inspection", Integer.toString(year), r.facilityId());
    }

    private static ScheduleInspection schedule(int year, RiskScore.Ranked r) {
        return ScheduleInspection.newBuilder()
                .setFacilityId(r.facilityId())
                .setInspectionId(inspectionId(year, r))
                .setType(InspectionType.RISK_BASED)
                .setReason(String.format(java.util.Locale.ROOT, "Risk-based plan %d: rank %d, risk score %.0f",
                        year, r.rank(), r.score()))
                .setPlanYear(year)
                .setRiskScore(r.score())
                .build();
    }

    private static Entry entry(int year, RiskScore.Ranked r, CommandReceipt receipt) {
        String inspectionId = inspectionId(year, r);
        String status = receipt.result()
                .map(result -> result.getOutcome().name().equals("ACCEPTED") ? "ACCEPTED" : result.getReasonCode())
                .orElse("PENDING");
        String id = receipt.result().map(result -> result.getResourceId() == null ? inspectionId
                : result.getResourceId()).orElse(inspectionId);
        return new Entry(r.rank(), r.facilityId(), r.score(), id, status);
    }

    private static List<Entry> existingPlan(List<FacilityCompliance> facilities, int year) {
        record Planned(FacilityCompliance facility, InspectionRecord inspection) {
        }
        List<Planned> planned = new ArrayList<>();
        for (FacilityCompliance f : facilities) {
            f.getInspections().stream().filter(i -> Integer.valueOf(year).equals(i.getPlanYear())).findFirst()
                    .ifPresent(i -> planned.add(new Planned(f, i)));
        }
        planned.sort(Comparator.comparingDouble((Planned p) -> -score(p.inspection()))
                .thenComparing(p -> p.facility().getFacilityId()));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            Planned p = planned.get(i);
            entries.add(new Entry(i + 1, p.facility().getFacilityId(), score(p.inspection()),
                    p.inspection().getInspectionId(), "ACCEPTED"));
        }
        return entries;
    }

    private static double score(InspectionRecord inspection) {
        return inspection.getRiskScore() == null ? 0.0 : inspection.getRiskScore();
    }
}

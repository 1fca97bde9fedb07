package kz.taza.forest.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.Region;
import kz.taza.events.forest.ContainFire;
import kz.taza.events.forest.CorrectPlantingMaterial;
import kz.taza.events.forest.ExtinguishFire;
import kz.taza.events.forest.FireCause;
import kz.taza.events.forest.InstallDetectionSystem;
import kz.taza.events.forest.PlantingMaterialCorrectionReason;
import kz.taza.events.forest.PlantingMaterialKind;
import kz.taza.events.forest.PlantingMethod;
import kz.taza.events.forest.PreparePlantingMaterial;
import kz.taza.events.forest.RecordPlanting;
import kz.taza.events.forest.RecordSurvivalSurvey;
import kz.taza.events.forest.ReportFire;
import kz.taza.events.forest.SetPlantingPlan;
import kz.taza.forest.api.ForestRequests.DetectionSystemRequest;
import kz.taza.forest.api.ForestRequests.FireContainmentRequest;
import kz.taza.forest.api.ForestRequests.FireExtinguishmentRequest;
import kz.taza.forest.api.ForestRequests.FireReportRequest;
import kz.taza.forest.api.ForestRequests.PlanRequest;
import kz.taza.forest.api.ForestRequests.PlantingMaterialCorrectionRequest;
import kz.taza.forest.api.ForestRequests.PlantingMaterialRequest;
import kz.taza.forest.api.ForestRequests.PlantingRequest;
import kz.taza.forest.api.ForestRequests.SurveyRequest;
import kz.taza.forest.domain.ForestRules;
import kz.taza.forest.domain.MaterialRules;
import kz.taza.platform.command.ParsedRequest;
import kz.taza.schemas.Regions;

/**
 * Turns request bodies into commands and lists what is wrong with the request itself: a missing body, a region code or
 * method that names nothing, a number or yes/no a command record cannot hold as missing (Avro primitives; the command
 * gets a placeholder that is never sent, because the request is refused). Everything else is a rule of
 * {@link ForestRules}, which the command gateway checks on the command made here; the command processor checks the
 * rules again, and the stateful ones (the planting exists, the survey does not count more trees than were planted).
 */
final class RequestChecks {

    /** Code of a method that is neither SEEDLINGS nor SEEDING. */
    static final String UNKNOWN_METHOD = "UNKNOWN_METHOD";
    /** Code of a fire cause that is none of {@link FireCause}'s symbols. */
    static final String UNKNOWN_CAUSE = "UNKNOWN_CAUSE";
    /** Code of a correction reason that is none of {@link PlantingMaterialCorrectionReason}'s symbols. */
    static final String UNKNOWN_REASON = "UNKNOWN_REASON";

    private RequestChecks() {
    }

    static ParsedRequest<SetPlantingPlan> plan(String regionCode, int year, PlanRequest body) {
        List<FieldViolation> violations = new ArrayList<>();
        Region region = region(regionCode, "regionCode", violations).orElse(null);
        long trees = required(body == null ? null : body.plannedTrees(), "plannedTrees", 0L, violations);
        double hectares = required(body == null ? null : body.plannedHectares(), "plannedHectares", 0.0, violations);
        return new ParsedRequest<>(new SetPlantingPlan(region, year, trees, hectares), violations);
    }

    static ParsedRequest<RecordPlanting> planting(PlantingRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "a planting is required")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        Region region = region(body.regionCode(), "regionCode", violations).orElse(null);
        long trees = required(body.treeCount(), "treeCount", 0L, violations);
        double hectares = required(body.hectares(), "hectares", 0.0, violations);
        boolean aral = required(body.aralSeabed(), "aralSeabed", false, violations);
        PlantingMethod method = method(body.method(), violations);
        return new ParsedRequest<>(new RecordPlanting(strip(body.plantingId()), region, body.forestryInstitution(),
                body.site(), body.species(), trees, hectares, body.plantedOn(), aral, method), violations);
    }

    static ParsedRequest<RecordSurvivalSurvey> survey(String plantingId, SurveyRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "a survey is required")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        int year = required(body.surveyYear(), "surveyYear", 0, violations);
        long alive = required(body.alive(), "alive", 0L, violations);
        long dead = required(body.dead(), "dead", 0L, violations);
        return new ParsedRequest<>(new RecordSurvivalSurvey(strip(body.surveyId()), plantingId, year, alive, dead,
                body.surveyedOn()), violations);
    }

    static ParsedRequest<ReportFire> fire(FireReportRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "a fire report is required")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        Region region = region(body.regionCode(), "regionCode", violations).orElse(null);
        double hectares = required(body.hectares(), "hectares", 0.0, violations);
        FireCause cause = cause(body.cause(), violations);
        return new ParsedRequest<>(new ReportFire(strip(body.fireId()), region, body.forestryInstitution(), hectares,
                cause, body.reportedOn()), violations);
    }

    static ParsedRequest<ContainFire> containment(String fireId, FireContainmentRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "a containment is required")));
        }
        return new ParsedRequest<>(new ContainFire(strip(fireId), body.containedOn()), List.of());
    }

    static ParsedRequest<ExtinguishFire> extinguishment(String fireId, FireExtinguishmentRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "an extinguishment is required")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        double burned = required(body.hectaresBurned(), "hectaresBurned", 0.0, violations);
        return new ParsedRequest<>(new ExtinguishFire(strip(fireId), burned, body.extinguishedOn()), violations);
    }

    static ParsedRequest<InstallDetectionSystem> detection(DetectionSystemRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "a detection system is required")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        Region region = region(body.regionCode(), "regionCode", violations).orElse(null);
        double hectares = required(body.coveredHectares(), "coveredHectares", 0.0, violations);
        return new ParsedRequest<>(new InstallDetectionSystem(strip(body.systemId()), region,
                body.forestryInstitution(), hectares, body.installedOn()), violations);
    }

    static ParsedRequest<PreparePlantingMaterial> material(PlantingMaterialRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "a lot of planting material is required")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        Region region = region(body.regionCode(), "regionCode", violations).orElse(null);
        int year = required(body.plantingYear(), "plantingYear", 0, violations);
        PlantingMaterialKind kind = kind(body.kind(), violations);
        double quantity = required(body.quantity(), "quantity", 0.0, violations);
        return new ParsedRequest<>(new PreparePlantingMaterial(strip(body.lotId()), region,
                body.forestryInstitution(), body.nursery(), year, body.species(), kind, quantity, body.preparedOn()),
                violations);
    }

    static ParsedRequest<CorrectPlantingMaterial> materialCorrection(String lotId,
            PlantingMaterialCorrectionRequest body) {
        if (body == null) {
            return new ParsedRequest<>(null, List.of(required("body", "a correction is required")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        double quantity = required(body.quantity(), "quantity", 0.0, violations);
        PlantingMaterialCorrectionReason reason = reason(body.reason(), violations);
        return new ParsedRequest<>(new CorrectPlantingMaterial(strip(lotId), quantity, reason, body.correctedOn()),
                violations);
    }

    /** A lot's kind: required, one of SEEDLING, SAPLING, SEED. */
    private static PlantingMaterialKind kind(String kind, List<FieldViolation> violations) {
        if (kind == null || kind.isBlank()) {
            violations.add(required("kind", "kind is required: SEEDLING, SAPLING or SEED"));
            return PlantingMaterialKind.UNKNOWN;
        }
        String name = kind.strip().toUpperCase(Locale.ROOT);
        for (PlantingMaterialKind known : PlantingMaterialKind.values()) {
            if (known != PlantingMaterialKind.UNKNOWN && known.name().equals(name)) {
                return known;
            }
        }
        violations.add(ForestRules.violation("kind", MaterialRules.UNKNOWN_KIND,
                "kind must be SEEDLING, SAPLING or SEED, got '" + kind + "'"));
        return PlantingMaterialKind.UNKNOWN;
    }

    /** A correction's reason: UNKNOWN when absent. */
    private static PlantingMaterialCorrectionReason reason(String reason, List<FieldViolation> violations) {
        if (reason == null || reason.isBlank()) {
            return PlantingMaterialCorrectionReason.UNKNOWN;
        }
        try {
            return PlantingMaterialCorrectionReason.valueOf(reason.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAReason) {
            violations.add(ForestRules.violation("reason", UNKNOWN_REASON, "reason must be one of "
                    + java.util.Arrays.toString(PlantingMaterialCorrectionReason.values()) + ", got '" + reason
                    + "'"));
            return PlantingMaterialCorrectionReason.UNKNOWN;
        }
    }

    /** A fire's cause: UNKNOWN when absent (often not established when the fire is reported). */
    private static FireCause cause(String cause, List<FieldViolation> violations) {
        if (cause == null || cause.isBlank()) {
            return FireCause.UNKNOWN;
        }
        try {
            return FireCause.valueOf(cause.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notACause) {
            violations.add(ForestRules.violation("cause", UNKNOWN_CAUSE, "cause must be one of "
                    + java.util.Arrays.toString(FireCause.values()) + ", got '" + cause + "'"));
            return FireCause.UNKNOWN;
        }
    }

    static Optional<Region> region(String code, String field, List<FieldViolation> violations) {
        if (code == null || code.isBlank()) {
            violations.add(required(field, field + " is required"));
            return Optional.empty();
        }
        Optional<Region> region = Regions.byCode(code);
        if (region.isEmpty()) {
            violations.add(ForestRules.violation(field, ForestRules.UNKNOWN_REGION, "'" + code
                    + "' is not a region code of Kazakhstan; use one of " + String.join(", ", Regions.codes())));
        }
        return region;
    }

    private static PlantingMethod method(String method, List<FieldViolation> violations) {
        if (method == null || method.isBlank()) {
            violations.add(required("method", "method is required: SEEDLINGS or SEEDING"));
            return null;
        }
        return switch (method.strip().toUpperCase(Locale.ROOT)) {
            case "SEEDLINGS" -> PlantingMethod.SEEDLINGS;
            case "SEEDING" -> PlantingMethod.SEEDING;
            default -> {
                violations.add(ForestRules.violation("method", UNKNOWN_METHOD,
                        "method must be SEEDLINGS or SEEDING, got '" + method + "'"));
                yield null;
            }
        };
    }

    /** The value, or the placeholder when it is missing (reported, so the command is never sent). */
    private static <T> T required(T value, String field, T placeholder, List<FieldViolation> violations) {
        if (value == null) {
            violations.add(required(field, field + " is required"));
            return placeholder;
        }
        return value;
    }

    private static FieldViolation required(String field, String message) {
        return ForestRules.violation(field, ForestRules.REQUIRED, message);
    }

    private static String strip(String id) {
        return id == null ? null : id.strip();
    }
}

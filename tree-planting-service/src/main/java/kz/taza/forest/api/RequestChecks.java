package kz.taza.forest.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import kz.taza.events.common.Region;
import kz.taza.events.forest.PlantingMethod;
import kz.taza.events.forest.RecordPlanting;
import kz.taza.events.forest.RecordSurvivalSurvey;
import kz.taza.events.forest.SetPlantingPlan;
import kz.taza.forest.api.ForestRequests.PlanRequest;
import kz.taza.forest.api.ForestRequests.PlantingRequest;
import kz.taza.forest.api.ForestRequests.SurveyRequest;
import kz.taza.forest.domain.ForestRules;
import kz.taza.forest.domain.Violation;
import kz.taza.schemas.Regions;

/**
 * Turns request bodies into commands, or into the list of everything wrong with them: missing fields, unknown regions
 * or methods, and every stateless rule of {@link ForestRules}. A request with any violation is answered 422 and sends
 * nothing; the command processor checks the rules again, and the stateful ones (the planting exists, the survey does
 * not count more trees than were planted).
 */
final class RequestChecks {

    private RequestChecks() {
    }

    /** A command, or the reasons there is none. */
    record Checked<C>(C command, List<Violation> violations) {
        boolean valid() {
            return violations.isEmpty();
        }
    }

    static Checked<SetPlantingPlan> plan(String regionCode, int year, PlanRequest body, ForestRules rules) {
        List<Violation> violations = new ArrayList<>();
        Optional<Region> region = region(regionCode, "regionCode", violations);
        required(body == null ? null : body.plannedTrees(), "plannedTrees", violations);
        required(body == null ? null : body.plannedHectares(), "plannedHectares", violations);
        if (violations.isEmpty()) {
            violations.addAll(rules.checkPlan(year, body.plannedTrees(), body.plannedHectares()));
        }
        if (!violations.isEmpty()) {
            return new Checked<>(null, violations);
        }
        return new Checked<>(SetPlantingPlan.newBuilder().setRegion(region.orElseThrow()).setYear(year)
                .setPlannedTrees(body.plannedTrees()).setPlannedHectares(body.plannedHectares()).build(), List.of());
    }

    static Checked<RecordPlanting> planting(PlantingRequest body, ForestRules rules, LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        if (body == null) {
            return new Checked<>(null, List.of(new Violation("body", Violation.REQUIRED, "a planting is required")));
        }
        violations.addAll(ForestRules.checkId("plantingId", body.plantingId()));
        Optional<Region> region = region(body.regionCode(), "regionCode", violations);
        text(body.forestryInstitution(), "forestryInstitution", violations);
        text(body.site(), "site", violations);
        text(body.species(), "species", violations);
        required(body.treeCount(), "treeCount", violations);
        required(body.hectares(), "hectares", violations);
        required(body.plantedOn(), "plantedOn", violations);
        required(body.aralSeabed(), "aralSeabed", violations);
        PlantingMethod method = method(body.method(), violations);
        if (body.treeCount() != null && body.hectares() != null && body.plantedOn() != null) {
            violations.addAll(rules.checkPlanting(body.treeCount(), body.hectares(), body.plantedOn(), today));
        }
        if (!violations.isEmpty()) {
            return new Checked<>(null, violations);
        }
        return new Checked<>(RecordPlanting.newBuilder().setPlantingId(body.plantingId().strip())
                .setRegion(region.orElseThrow()).setForestryInstitution(body.forestryInstitution())
                .setSite(body.site()).setSpecies(body.species()).setTreeCount(body.treeCount())
                .setHectares(body.hectares()).setPlantedOn(body.plantedOn()).setAralSeabed(body.aralSeabed())
                .setMethod(method).build(), List.of());
    }

    static Checked<RecordSurvivalSurvey> survey(String plantingId, SurveyRequest body, ForestRules rules,
            LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        if (body == null) {
            return new Checked<>(null, List.of(new Violation("body", Violation.REQUIRED, "a survey is required")));
        }
        violations.addAll(ForestRules.checkId("surveyId", body.surveyId()));
        required(body.surveyYear(), "surveyYear", violations);
        required(body.alive(), "alive", violations);
        required(body.dead(), "dead", violations);
        required(body.surveyedOn(), "surveyedOn", violations);
        if (body.surveyYear() != null && body.alive() != null && body.dead() != null && body.surveyedOn() != null) {
            violations.addAll(rules.checkSurvey(body.surveyYear(), body.alive(), body.dead(), body.surveyedOn(),
                    today));
        }
        if (!violations.isEmpty()) {
            return new Checked<>(null, violations);
        }
        return new Checked<>(RecordSurvivalSurvey.newBuilder().setSurveyId(body.surveyId().strip())
                .setPlantingId(plantingId).setSurveyYear(body.surveyYear()).setAlive(body.alive())
                .setDead(body.dead()).setSurveyedOn(body.surveyedOn()).build(), List.of());
    }

    static Optional<Region> region(String code, String field, List<Violation> violations) {
        if (code == null || code.isBlank()) {
            violations.add(new Violation(field, Violation.REQUIRED, field + " is required"));
            return Optional.empty();
        }
        Optional<Region> region = Regions.byCode(code);
        if (region.isEmpty()) {
            violations.add(new Violation(field, Violation.UNKNOWN_REGION, "'" + code
                    + "' is not a region code of Kazakhstan; use one of " + String.join(", ", Regions.codes())));
        }
        return region;
    }

    private static PlantingMethod method(String method, List<Violation> violations) {
        if (method == null || method.isBlank()) {
            violations.add(new Violation("method", Violation.REQUIRED, "method is required: SEEDLINGS or SEEDING"));
            return null;
        }
        return switch (method.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "SEEDLINGS" -> PlantingMethod.SEEDLINGS;
            case "SEEDING" -> PlantingMethod.SEEDING;
            default -> {
                violations.add(new Violation("method", "UNKNOWN_METHOD",
                        "method must be SEEDLINGS or SEEDING, got '" + method + "'"));
                yield null;
            }
        };
    }

    private static void text(String value, String field, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, Violation.REQUIRED, field + " is required"));
        }
    }

    private static void required(Object value, String field, List<Violation> violations) {
        if (value == null) {
            violations.add(new Violation(field, Violation.REQUIRED, field + " is required"));
        }
    }
}

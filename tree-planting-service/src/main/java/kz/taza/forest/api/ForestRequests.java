package kz.taza.forest.api;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** JSON bodies of the forestry offices' requests. Every field is checked; a missing one is named in the answer. */
public final class ForestRequests {

    private ForestRequests() {
    }

    @Schema(description = "A region's planting plan for a calendar year")
    public record PlanRequest(
            @Schema(description = "Trees to plant in the year", example = "370000000") Long plannedTrees,
            @Schema(description = "Hectares to plant in the year", example = "120000") Double plannedHectares) {
    }

    @Schema(description = "One planting, as reported by a forestry institution")
    public record PlantingRequest(
            @Schema(description = "Id of the planting, unique nationwide; a repeat is the same planting",
                    example = "KZL-2025-000187") String plantingId,
            @Schema(description = "Region code (ISO 3166-2:KZ / KATO prefix)", example = "43") String regionCode,
            @Schema(example = "Kazaly forestry institution") String forestryInstitution,
            @Schema(example = "Aral seabed, block 12") String site,
            @Schema(example = "saxaul") String species,
            @Schema(description = "Trees planted", example = "2500000") Long treeCount,
            @Schema(description = "Hectares planted", example = "1200.5") Double hectares,
            @Schema(description = "Day of the planting, Kazakhstan time; not in the future", example = "2025-04-10")
            LocalDate plantedOn,
            @Schema(description = "On the dried Aral seabed") Boolean aralSeabed,
            @Schema(description = "SEEDLINGS or SEEDING", example = "SEEDING") String method) {
    }

    @Schema(description = "Several plantings at once; all are checked first, and none is recorded if any is invalid")
    public record PlantingBatchRequest(List<PlantingRequest> plantings) {
    }

    @Schema(description = "A survival count of a planting in its 1st or 3rd year")
    public record SurveyRequest(
            @Schema(description = "Id of the survey; a repeat is the same survey", example = "KZL-2025-000187-Y1")
            String surveyId,
            @Schema(description = "1 or 3", example = "1") Integer surveyYear,
            @Schema(description = "Trees counted alive", example = "1600000") Long alive,
            @Schema(description = "Trees counted dead", example = "700000") Long dead,
            @Schema(description = "Day of the survey, Kazakhstan time; not in the future", example = "2026-04-12")
            LocalDate surveyedOn) {
    }
}

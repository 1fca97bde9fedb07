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

    @Schema(description = "A fire in the forest fund, as reported by a forestry institution")
    public record FireReportRequest(
            @Schema(description = "Id of the fire, unique nationwide; a repeat is the same fire",
                    example = "ABY-2025-F-0042") String fireId,
            @Schema(description = "Region code (ISO 3166-2:KZ / KATO prefix)", example = "10") String regionCode,
            @Schema(example = "Semey Ormany state forest nature reserve") String forestryInstitution,
            @Schema(description = "Hectares burning or burned when reported", example = "120.5") Double hectares,
            @Schema(description = "LIGHTNING, CARELESS_FIRE_USE, AGRICULTURAL_BURNING, POWER_LINE, ARSON, OTHER or "
                    + "UNKNOWN (the default when absent)", example = "LIGHTNING") String cause,
            @Schema(description = "Day of the report, Kazakhstan time; not in the future", example = "2025-07-14")
            LocalDate reportedOn) {
    }

    @Schema(description = "A reported fire is contained (no longer spreads)")
    public record FireContainmentRequest(
            @Schema(description = "Day of containment, Kazakhstan time; not before the report", example = "2025-07-15")
            LocalDate containedOn) {
    }

    @Schema(description = "A reported fire is extinguished; a later one with another area or day corrects it")
    public record FireExtinguishmentRequest(
            @Schema(description = "Final hectares burned; zero or more", example = "340.0") Double hectaresBurned,
            @Schema(description = "Day the fire was put out, Kazakhstan time; not before the report or containment",
                    example = "2025-07-17") LocalDate extinguishedOn) {
    }

    @Schema(description = "An early fire detection system put into service")
    public record DetectionSystemRequest(
            @Schema(description = "Id of the system, unique nationwide; a repeat is the same system",
                    example = "ABY-EDS-07") String systemId,
            @Schema(description = "Region code (ISO 3166-2:KZ / KATO prefix)", example = "10") String regionCode,
            @Schema(example = "Semey Ormany state forest nature reserve") String forestryInstitution,
            @Schema(description = "Forest-fund hectares the system watches", example = "250000") Double coveredHectares,
            @Schema(description = "Day put into service, Kazakhstan time; not in the future", example = "2025-04-01")
            LocalDate installedOn) {
    }

    @Schema(description = "A lot of planting material a nursery prepared for a coming year's planting")
    public record PlantingMaterialRequest(
            @Schema(description = "Id of the lot, unique nationwide; a repeat is the same lot",
                    example = "KZL-2025-PM-0007") String lotId,
            @Schema(description = "Region code (ISO 3166-2:KZ / KATO prefix)", example = "43") String regionCode,
            @Schema(example = "Kazaly forestry institution") String forestryInstitution,
            @Schema(description = "The nursery (or seed store) where the lot was prepared",
                    example = "Kazaly forest nursery") String nursery,
            @Schema(description = "The planting year the lot is for: from the year of preparedOn to five years "
                    + "after it", example = "2026") Integer plantingYear,
            @Schema(description = "Species or species group", example = "saxaul") String species,
            @Schema(description = "SEEDLING or SAPLING (quantity in pieces) or SEED (quantity in kilograms)",
                    example = "SEEDLING") String kind,
            @Schema(description = "Pieces (a whole number) for seedlings and saplings, kilograms for seed; positive",
                    example = "250000") Double quantity,
            @Schema(description = "Day the lot was ready, Kazakhstan time; not in the future", example = "2025-10-20")
            LocalDate preparedOn) {
    }

    @Schema(description = "A lot's quantity from now on: a recount, or material lost or culled")
    public record PlantingMaterialCorrectionRequest(
            @Schema(description = "The lot's quantity from now on, in its unit; zero or more", example = "231000")
            Double quantity,
            @Schema(description = "RECOUNT, LOSS, CULLING, OTHER or UNKNOWN (the default when absent)",
                    example = "LOSS") String reason,
            @Schema(description = "Day of the correction, Kazakhstan time; not before the lot was prepared",
                    example = "2026-02-10") LocalDate correctedOn) {
    }
}

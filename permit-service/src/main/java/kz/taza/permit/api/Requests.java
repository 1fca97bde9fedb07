package kz.taza.permit.api;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** JSON request bodies of the permit API. Types are loose on purpose so that every bad field can be named. */
public final class Requests {

    private Requests() {
    }

    @Schema(description = "A facility to enter in the registry")
    public record RegisterFacility(
            @Schema(example = "KZ-55-0001") String facilityId,
            @Schema(description = "BIN of the operator, 12 digits", example = "990240001234") String operatorBin,
            @Schema(example = "Pavlodar Energy JSC") String operatorName,
            @Schema(example = "Pavlodar CHP-2") String facilityName,
            @Schema(description = "ISO 3166-2:KZ / KATO region code", example = "55") String regionCode,
            @Schema(description = "I, II, III or IV", example = "I") String category,
            @Schema(example = "energy") String sector,
            @Schema(description = "belongs to one of the 50 largest enterprises") Boolean top50,
            List<Source> sources) {
    }

    @Schema(description = "The new registration of a facility (replaces the current one)")
    public record UpdateFacility(String operatorBin, String operatorName, String facilityName, String regionCode,
            String category, String sector, Boolean top50, List<Source> sources) {
    }

    @Schema(description = "A stationary emission source, with what the AMS obligation rule reads")
    public record Source(@Schema(example = "STACK-1") String sourceId, String name,
            @Schema(description = "whether the source must have AMS; when absent, what the obligation rule decides "
                    + "(Category I: a wastewater discharge, an organised source of at least 500 t/yr declared, or "
                    + "of a power plant of at least 50 MW on solid or liquid fuel or 500 MW on gas); false is refused "
                    + "for a source the rule obliges")
            Boolean amsRequired,
            Boolean amsInstalled,
            @Schema(description = "ORGANISED (a stack, the default), UNORGANISED or WASTEWATER_DISCHARGE")
            String kind,
            @Schema(description = "the source's declared annual mass of all pollutants, t/yr", example = "1200")
            Double declaredTonnesPerYear,
            @Schema(description = "rated capacity of the power plant the source belongs to, MW")
            Double powerPlantCapacityMw,
            @Schema(description = "the power plant's fuel: SOLID, LIQUID, GAS or OTHER; required with the capacity")
            String powerPlantFuel) {
    }

    @Schema(description = "A permit to issue; its type follows the facility's category unless given")
    public record IssuePermit(
            @Schema(description = "Id of the new permit; generated when absent", example = "KEP-2025-0001")
            String permitId,
            LocalDate validFrom, LocalDate validTo, List<Limit> limits, List<String> batConclusions,
            @Schema(description = "KEP, ENVIRONMENTAL_IMPACT_PERMIT or DECLARATION; when absent, the type the "
                    + "facility's category needs. A Category I facility may be issued an ENVIRONMENTAL_IMPACT_PERMIT "
                    + "that ends before it must hold a KEP (2025-01-01 for the 50 largest enterprises' facilities, "
                    + "a configured date for the others)", example = "KEP")
            String type) {
    }

    @Schema(description = "An emission limit for one pollutant at one source; at least one value")
    public record Limit(String sourceId,
            @Schema(description = "SO2, NOX, CO, DUST, H2S, NH3, VOC or OTHER") String pollutant,
            Double gramsPerSecond, Double tonnesPerYear, Double mgPerNm3) {
    }

    @Schema(description = "Changes to a permit; a field left out keeps its value")
    public record AmendPermit(LocalDate validFrom, LocalDate validTo, List<Limit> limits,
            List<String> batConclusions, String reason) {
    }

    @Schema(description = "Why the permit's status changes")
    public record Reason(String reason) {
    }
}

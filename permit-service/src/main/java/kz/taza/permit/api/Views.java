package kz.taza.permit.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import kz.taza.contracts.permit.AmsObligation;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitHistoryEntry;
import kz.taza.events.permit.PermitLimit;
import kz.taza.schemas.Regions;

/** JSON views of the registry's records. */
public final class Views {

    private Views() {
    }

    public record FacilityView(String facilityId, String operatorBin, String operatorName, String facilityName,
            String regionCode, String regionName, String category, String sector, boolean top50,
            List<SourceView> sources, Instant registeredAt, Instant updatedAt) {

        static FacilityView of(Facility f) {
            return new FacilityView(f.getFacilityId(), f.getOperatorBin(), f.getOperatorName(), f.getFacilityName(),
                    f.getRegionCode(), Regions.byCode(f.getRegionCode()).map(Regions::displayName).orElse(null),
                    f.getCategory().name(), f.getSector(), f.getTop50(),
                    f.getSources().stream().map(s -> SourceView.of(s, f.getCategory())).toList(), f.getRegisteredAt(), f.getUpdatedAt());
        }
    }

    /** A source; amsObligation is the ground on which the rule obliges it to have AMS, or NOT_OBLIGED. */
    public record SourceView(String sourceId, String name, boolean amsRequired, boolean amsInstalled, String kind,
            Double declaredTonnesPerYear, Double powerPlantCapacityMw, String powerPlantFuel, String amsObligation) {
        static SourceView of(EmissionSource s, FacilityCategory category) {
            return new SourceView(s.getSourceId(), s.getName(), s.getAmsRequired(), s.getAmsInstalled(),
                    AmsObligation.kindOf(s).name(), s.getDeclaredTonnesPerYear(), s.getPowerPlantCapacityMw(),
                    s.getPowerPlantFuel() == null ? null : s.getPowerPlantFuel().name(),
                    AmsObligation.ground(category, s).name());
        }
    }

    public record FacilityPage(List<FacilityView> items, int total, int offset, int limit) {
    }

    public record PermitView(String permitId, String facilityId, String type, String status, LocalDate validFrom,
            LocalDate validTo, List<LimitView> limits, List<String> batConclusions, Instant issuedAt,
            Instant updatedAt, int amendments, String statusReason) {

        static PermitView of(Permit p) {
            return new PermitView(p.getPermitId(), p.getFacilityId(), p.getType().name(), p.getStatus().name(),
                    p.getValidFrom(), p.getValidTo(), p.getLimits().stream().map(LimitView::of).toList(),
                    List.copyOf(p.getBatConclusions()), p.getIssuedAt(), p.getUpdatedAt(), p.getAmendments(),
                    p.getStatusReason());
        }
    }

    public record LimitView(String sourceId, String pollutant, Double gramsPerSecond, Double tonnesPerYear,
            Double mgPerNm3) {
        static LimitView of(PermitLimit l) {
            return new LimitView(l.getSourceId(), l.getPollutant().name(), l.getGramsPerSecond(),
                    l.getTonnesPerYear(), l.getMgPerNm3());
        }
    }

    public record HistoryEntryView(String eventId, Instant occurredAt, String permitId, String change,
            String status, LocalDate validTo, String reason) {
        static HistoryEntryView of(PermitHistoryEntry e) {
            return new HistoryEntryView(e.getEventId(), e.getOccurredAt(), e.getPermitId(), e.getChange().name(),
                    e.getStatus().name(), e.getValidTo(), e.getReason());
        }
    }
}

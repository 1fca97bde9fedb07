package kz.taza.permit.support;

import java.time.LocalDate;
import java.util.List;

import kz.taza.events.common.Pollutant;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.ReinstatePermit;
import kz.taza.events.permit.RevokePermit;
import kz.taza.events.permit.SuspendPermit;
import kz.taza.events.permit.UpdateFacility;

/** Plausible commands for tests: a Pavlodar power plant with two stacks, and permits for it. */
public final class Commands {

    public static final LocalDate FROM = LocalDate.of(2025, 1, 1);
    public static final LocalDate TO = LocalDate.of(2034, 12, 31);

    private Commands() {
    }

    public static List<EmissionSource> stacks() {
        return List.of(new EmissionSource("STACK-1", "Boiler house stack 1", true, true, null, null, null, null),
                new EmissionSource("STACK-2", "Boiler house stack 2", true, false, null, null, null, null));
    }

    public static RegisterFacility register(String facilityId, FacilityCategory category, boolean top50) {
        return RegisterFacility.newBuilder()
                .setFacilityId(facilityId)
                .setOperatorBin("990240001234")
                .setOperatorName("Pavlodar Energy JSC")
                .setFacilityName("Pavlodar CHP-2")
                .setRegionCode("55")
                .setCategory(category)
                .setSector("energy")
                .setTop50(top50)
                .setSources(stacks())
                .build();
    }

    public static UpdateFacility update(RegisterFacility registered) {
        return UpdateFacility.newBuilder()
                .setFacilityId(registered.getFacilityId())
                .setOperatorBin(registered.getOperatorBin())
                .setOperatorName(registered.getOperatorName())
                .setFacilityName(registered.getFacilityName())
                .setRegionCode(registered.getRegionCode())
                .setCategory(registered.getCategory())
                .setSector(registered.getSector())
                .setTop50(registered.getTop50())
                .setSources(registered.getSources())
                .build();
    }

    public static PermitLimit limit(String sourceId, Pollutant pollutant, Double gs, Double tpy, Double mg) {
        return new PermitLimit(sourceId, pollutant, gs, tpy, mg);
    }

    public static List<PermitLimit> limits() {
        return List.of(limit("STACK-1", Pollutant.SO2, 120.0, 3500.0, 500.0),
                limit("STACK-1", Pollutant.DUST, 15.0, 400.0, 50.0),
                limit("STACK-2", Pollutant.NOX, 80.0, 2100.0, null));
    }

    public static IssuePermit issue(String facilityId, String permitId) {
        return issue(facilityId, permitId, FROM, TO);
    }

    public static IssuePermit issue(String facilityId, String permitId, LocalDate from, LocalDate to) {
        return IssuePermit.newBuilder()
                .setFacilityId(facilityId)
                .setPermitId(permitId)
                .setValidFrom(from)
                .setValidTo(to)
                .setLimits(limits())
                .setBatConclusions(List.of("BAT-KZ-ENERGY-2023"))
                .build();
    }

    public static AmendPermit amendLimits(String facilityId, String permitId, List<PermitLimit> limits) {
        return AmendPermit.newBuilder().setFacilityId(facilityId).setPermitId(permitId).setLimits(limits)
                .setReason("new BAT conclusion").build();
    }

    public static SuspendPermit suspend(String facilityId, String permitId) {
        return new SuspendPermit(facilityId, permitId, "court decision No. 2-123/2025");
    }

    public static ReinstatePermit reinstate(String facilityId, String permitId) {
        return new ReinstatePermit(facilityId, permitId, "violations remedied");
    }

    public static RevokePermit revoke(String facilityId, String permitId) {
        return new RevokePermit(facilityId, permitId, "repeated gross violations");
    }
}

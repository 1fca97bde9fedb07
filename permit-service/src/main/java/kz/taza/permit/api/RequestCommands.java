package kz.taza.permit.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import kz.taza.contracts.permit.AmsObligation;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.Pollutant;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitType;
import kz.taza.events.permit.PowerPlantFuel;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.ReinstatePermit;
import kz.taza.events.permit.RevokePermit;
import kz.taza.events.permit.SourceKind;
import kz.taza.events.permit.SuspendPermit;
import kz.taza.events.permit.UpdateFacility;
import kz.taza.platform.command.ParsedRequest;

/**
 * Turns request bodies into command records and lists what is wrong with the request itself: enum names it cannot
 * parse, yes/no fields missing. Everything else about a command is checked by the permit rules' validation, which the
 * command gateway runs on the record made here. Command records are built with their all-arguments constructors, which
 * accept nulls, so a missing field is reported rather than thrown.
 */
final class RequestCommands {

    private RequestCommands() {
    }

    static ParsedRequest<RegisterFacility> register(Requests.RegisterFacility r) {
        List<FieldViolation> bad = new ArrayList<>();
        FacilityCategory category = category(r.category(), bad);
        RegisterFacility command = new RegisterFacility(r.facilityId(), r.operatorBin(), r.operatorName(),
                r.facilityName(), regionCode(r.regionCode()), category, r.sector(),
                flag(r.top50(), "top50", bad),
                sources(r.sources(), category, bad));
        return new ParsedRequest<>(command, bad);
    }

    /**
     * A region code as the registry keeps it: without surrounding spaces, as the region catalogue reads it (" 55 " is
     * region 55, and is stored as "55", so that the facility counts towards REGION:55).
     */
    private static String regionCode(String code) {
        return code == null ? null : code.strip();
    }

    static ParsedRequest<UpdateFacility> update(String facilityId, Requests.UpdateFacility r) {
        List<FieldViolation> bad = new ArrayList<>();
        FacilityCategory category = category(r.category(), bad);
        UpdateFacility command = new UpdateFacility(facilityId, r.operatorBin(), r.operatorName(), r.facilityName(),
                regionCode(r.regionCode()), category, r.sector(), flag(r.top50(), "top50", bad),
                sources(r.sources(), category, bad));
        return new ParsedRequest<>(command, bad);
    }

    static ParsedRequest<IssuePermit> issue(String facilityId, String permitId, Requests.IssuePermit r) {
        List<FieldViolation> bad = new ArrayList<>();
        IssuePermit command = new IssuePermit(facilityId, permitId, r.validFrom(), r.validTo(),
                limits(r.limits(), bad), r.batConclusions() == null ? List.of() : r.batConclusions(),
                r.type() == null ? null : parse(r.type(), "type", PermitType::valueOf, PermitType.UNKNOWN,
                        "must be KEP, ENVIRONMENTAL_IMPACT_PERMIT or DECLARATION", bad));
        return new ParsedRequest<>(command, bad);
    }

    static ParsedRequest<AmendPermit> amend(String facilityId, String permitId, Requests.AmendPermit r) {
        List<FieldViolation> bad = new ArrayList<>();
        AmendPermit command = new AmendPermit(facilityId, permitId, r.validFrom(), r.validTo(),
                limits(r.limits(), bad), r.batConclusions(), r.reason());
        return new ParsedRequest<>(command, bad);
    }

    static ParsedRequest<SuspendPermit> suspend(String facilityId, String permitId, Requests.Reason r) {
        return ParsedRequest.of(new SuspendPermit(facilityId, permitId, r == null ? null : r.reason()));
    }

    static ParsedRequest<ReinstatePermit> reinstate(String facilityId, String permitId, Requests.Reason r) {
        return ParsedRequest.of(new ReinstatePermit(facilityId, permitId, r == null ? null : r.reason()));
    }

    static ParsedRequest<RevokePermit> revoke(String facilityId, String permitId, Requests.Reason r) {
        return ParsedRequest.of(new RevokePermit(facilityId, permitId, r == null ? null : r.reason()));
    }

    private static FacilityCategory category(String value, List<FieldViolation> bad) {
        return parse(value, "category", FacilityCategory::valueOf, FacilityCategory.UNKNOWN,
                "must be I, II, III or IV", bad);
    }

    /**
     * The sources with their AMS attributes. A source sent without {@code amsRequired} gets what the obligation rule
     * ({@link AmsObligation}) decides for it in the facility's category; one sent with it keeps it, and the rules'
     * validation refuses {@code false} for a source the rule obliges.
     */
    private static List<EmissionSource> sources(List<Requests.Source> sources, FacilityCategory category,
            List<FieldViolation> bad) {
        if (sources == null) {
            return null;
        }
        List<EmissionSource> out = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Requests.Source s = sources.get(i);
            String path = "sources[" + i + "]";
            if (s == null) {
                out.add(null);
                continue;
            }
            EmissionSource source = new EmissionSource(s.sourceId(), s.name(), false,
                    flag(s.amsInstalled(), path + ".amsInstalled", bad),
                    parse(s.kind(), path + ".kind", SourceKind::valueOf, SourceKind.UNKNOWN,
                            "must be ORGANISED, UNORGANISED or WASTEWATER_DISCHARGE", bad),
                    s.declaredTonnesPerYear(), s.powerPlantCapacityMw(),
                    parse(s.powerPlantFuel(), path + ".powerPlantFuel", PowerPlantFuel::valueOf, PowerPlantFuel.UNKNOWN,
                            "must be SOLID, LIQUID, GAS or OTHER", bad));
            source.setAmsRequired(s.amsRequired() != null ? s.amsRequired()
                    : category != null && AmsObligation.obliged(category, source));
            out.add(source);
        }
        return out;
    }

    /**
     * A yes/no field. Avro keeps booleans as primitives, so a missing one is reported here (the record cannot hold
     * null) and replaced by false, which is never sent because the request is refused.
     */
    private static boolean flag(Boolean value, String field, List<FieldViolation> bad) {
        if (value == null) {
            bad.add(new FieldViolation(field, "is required", null));
            return false;
        }
        return value;
    }

    private static List<PermitLimit> limits(List<Requests.Limit> limits, List<FieldViolation> bad) {
        if (limits == null) {
            return null;
        }
        List<PermitLimit> out = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            Requests.Limit l = limits.get(i);
            if (l == null) {
                out.add(null);
                continue;
            }
            Pollutant pollutant = parse(l.pollutant(), "limits[" + i + "].pollutant",
                    p -> Pollutant.valueOf(p.toUpperCase(Locale.ROOT)), null,
                    "must be one of SO2, NOX, CO, DUST, H2S, NH3, VOC, OTHER", bad);
            out.add(new PermitLimit(l.sourceId(), pollutant, l.gramsPerSecond(), l.tonnesPerYear(), l.mgPerNm3()));
        }
        return out;
    }

    private static <E extends Enum<E>> E parse(String value, String field, Function<String, E> parser, E forbidden,
            String message, List<FieldViolation> bad) {
        if (value == null) {
            return null; // reported as missing by the rules' validation
        }
        try {
            E parsed = parser.apply(value.strip());
            if (parsed != forbidden) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // fall through: reported below
        }
        bad.add(new FieldViolation(field, message + " (was '" + value + "')", null));
        return null;
    }
}

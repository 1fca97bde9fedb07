package kz.taza.permit.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.contracts.permit.AmsObligation;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PowerPlantFuel;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.ReinstatePermit;
import kz.taza.events.permit.RevokePermit;
import kz.taza.events.permit.SourceKind;
import kz.taza.events.permit.SuspendPermit;
import kz.taza.events.permit.UpdateFacility;
import kz.taza.schemas.Regions;

/**
 * The checks a command must pass on its own, before any state is consulted: required fields present, a BIN of 12
 * digits, a known region code, names of bounded length, unique source ids, limits greater than zero with at least one
 * value each and one limit per source and pollutant, validity days from {@link #EARLIEST_DAY} to {@link #LATEST_DAY}
 * with validTo not before validFrom, a reason where one is required.
 *
 * <p>The REST API runs these before sending a command (bad input is answered without writing anything), and the
 * command processor runs them again, because commands may arrive from elsewhere. Fields may be null here: a command
 * built from a request is checked before it is ever serialised. Field paths are those of the JSON request bodies,
 * e.g. {@code limits[2].tonnesPerYear}.
 */
public final class CommandValidation {

    /** Longest name (operator, facility, source) accepted. */
    public static final int MAX_NAME = 200;
    /** Longest free text (reasons) accepted. */
    public static final int MAX_TEXT = 1000;
    /** Most sources per facility, and most limits per permit, accepted. */
    public static final int MAX_ITEMS = 1000;
    /**
     * First and last day a permit's validity may name: the registry's era, as for the other domains' dates. A day far
     * outside (a typing error, year 20250) would be kept wrong: Avro holds a date as an int of days since 1970.
     */
    public static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST_DAY = LocalDate.of(2100, 12, 31);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern BIN = Pattern.compile("[0-9]{12}");
    private static final Pattern SECTOR = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private CommandValidation() {
    }

    /** Every bad field of a command; empty when it may go to the rules. */
    public static List<FieldViolation> violations(SpecificRecord command) {
        Checks c = new Checks();
        if (command instanceof RegisterFacility r) {
            registration(c, r.getFacilityId(), r.getOperatorBin(), r.getOperatorName(), r.getFacilityName(),
                    r.getRegionCode(), r.getCategory(), r.getSector(), r.getTop50(), r.getSources());
        } else if (command instanceof UpdateFacility u) {
            registration(c, u.getFacilityId(), u.getOperatorBin(), u.getOperatorName(), u.getFacilityName(),
                    u.getRegionCode(), u.getCategory(), u.getSector(), u.getTop50(), u.getSources());
        } else if (command instanceof IssuePermit i) {
            c.id("facilityId", i.getFacilityId());
            c.id("permitId", i.getPermitId());
            c.required("validFrom", i.getValidFrom());
            c.required("validTo", i.getValidTo());
            validity(c, i.getValidFrom(), i.getValidTo());
            if (c.required("limits", i.getLimits())) {
                limits(c, i.getLimits());
            }
            batConclusions(c, i.getBatConclusions());
        } else if (command instanceof AmendPermit a) {
            c.id("facilityId", a.getFacilityId());
            c.id("permitId", a.getPermitId());
            if (a.getValidFrom() == null && a.getValidTo() == null && a.getLimits() == null
                    && a.getBatConclusions() == null) {
                c.add("limits", "an amendment changes at least one of limits, validFrom, validTo, batConclusions");
            }
            validity(c, a.getValidFrom(), a.getValidTo());
            if (a.getLimits() != null) {
                limits(c, a.getLimits());
            }
            batConclusions(c, a.getBatConclusions());
            c.optionalText("reason", a.getReason(), MAX_TEXT);
        } else if (command instanceof SuspendPermit s) {
            statusChange(c, s.getFacilityId(), s.getPermitId(), s.getReason(), true);
        } else if (command instanceof ReinstatePermit r) {
            statusChange(c, r.getFacilityId(), r.getPermitId(), r.getReason(), false);
        } else if (command instanceof RevokePermit r) {
            statusChange(c, r.getFacilityId(), r.getPermitId(), r.getReason(), true);
        } else {
            c.add("type", "unknown command " + command.getSchema().getFullName());
        }
        return c.violations;
    }

    private static void registration(Checks c, String facilityId, String bin, String operatorName,
            String facilityName, String regionCode, FacilityCategory category, String sector, Boolean top50,
            List<EmissionSource> sources) {
        c.id("facilityId", facilityId);
        if (c.required("operatorBin", bin) && !BIN.matcher(bin).matches()) {
            c.add("operatorBin", "must be a BIN of exactly 12 digits");
        }
        c.text("operatorName", operatorName, MAX_NAME);
        c.text("facilityName", facilityName, MAX_NAME);
        if (c.required("regionCode", regionCode) && Regions.byCode(regionCode).isEmpty()) {
            c.add("regionCode", "unknown region code '" + regionCode + "'; one of " + Regions.codes());
        }
        if (c.required("category", category) && category == FacilityCategory.UNKNOWN) {
            c.add("category", "must be I, II, III or IV");
        }
        if (c.required("sector", sector) && !SECTOR.matcher(sector).matches()) {
            c.add("sector", "must be a lower-case word of at most 64 letters, digits or _, e.g. energy");
        }
        c.required("top50", top50);
        if (c.required("sources", sources)) {
            if (sources.size() > MAX_ITEMS) {
                c.add("sources", "at most " + MAX_ITEMS + " sources");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < sources.size(); i++) {
                String path = "sources[" + i + "]";
                EmissionSource source = sources.get(i);
                if (!c.required(path, source)) {
                    continue;
                }
                if (c.id(path + ".sourceId", source.getSourceId()) && !seen.add(source.getSourceId())) {
                    c.add(path + ".sourceId", "duplicate sourceId '" + source.getSourceId() + "'");
                }
                c.text(path + ".name", source.getName(), MAX_NAME);
                c.required(path + ".amsRequired", source.getAmsRequired());
                c.required(path + ".amsInstalled", source.getAmsInstalled());
                amsAttributes(c, path, category, source);
            }
        }
    }

    /**
     * The attributes the AMS obligation rule reads, and the rule itself: a source it obliges ({@link AmsObligation})
     * cannot be registered as not requiring AMS. A source may require AMS that the rule does not oblige (a permit's
     * condition, a voluntary installation).
     */
    private static void amsAttributes(Checks c, String path, FacilityCategory category, EmissionSource source) {
        if (source.getKind() == SourceKind.UNKNOWN) {
            c.add(path + ".kind", "must be ORGANISED, UNORGANISED or WASTEWATER_DISCHARGE");
        }
        Double tonnes = source.getDeclaredTonnesPerYear();
        if (tonnes != null && !(tonnes >= 0 && Double.isFinite(tonnes))) {
            c.add(path + ".declaredTonnesPerYear", "must be zero or more tonnes per year");
        }
        c.positive(path + ".powerPlantCapacityMw", source.getPowerPlantCapacityMw());
        if (source.getPowerPlantFuel() == PowerPlantFuel.UNKNOWN) {
            c.add(path + ".powerPlantFuel", "must be SOLID, LIQUID, GAS or OTHER");
        } else if ((source.getPowerPlantCapacityMw() == null) != (source.getPowerPlantFuel() == null)) {
            c.add(source.getPowerPlantFuel() == null ? path + ".powerPlantFuel" : path + ".powerPlantCapacityMw",
                    "is required with " + (source.getPowerPlantFuel() == null ? "powerPlantCapacityMw"
                            : "powerPlantFuel") + " (the obligation of a power plant's sources reads both)");
        }
        if (category != null && category != FacilityCategory.UNKNOWN && !c.failed(path)
                && Boolean.FALSE.equals(source.getAmsRequired())) {
            AmsObligation.Ground ground = AmsObligation.ground(category, source);
            if (ground.obliged()) {
                c.add(path + ".amsRequired", "must be true: the source is obliged to have AMS (" + ground
                        + ", Environmental Code art. 186(4))");
            }
        }
    }

    private static void validity(Checks c, LocalDate from, LocalDate to) {
        c.day("validFrom", from);
        c.day("validTo", to);
        if (from != null && to != null && to.isBefore(from)) {
            c.add("validTo", "must not be before validFrom (" + from + ")");
        }
    }

    private static void limits(Checks c, List<PermitLimit> limits) {
        if (limits.isEmpty()) {
            c.add("limits", "at least one limit is required");
        } else if (limits.size() > MAX_ITEMS) {
            c.add("limits", "at most " + MAX_ITEMS + " limits");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < limits.size(); i++) {
            String path = "limits[" + i + "]";
            PermitLimit limit = limits.get(i);
            if (!c.required(path, limit)) {
                continue;
            }
            boolean source = c.id(path + ".sourceId", limit.getSourceId());
            boolean pollutant = c.required(path + ".pollutant", limit.getPollutant());
            if (source && pollutant && !seen.add(limit.getSourceId() + "|" + limit.getPollutant())) {
                c.add(path, "a second limit for source " + limit.getSourceId() + " and " + limit.getPollutant());
            }
            c.positive(path + ".gramsPerSecond", limit.getGramsPerSecond());
            c.positive(path + ".tonnesPerYear", limit.getTonnesPerYear());
            c.positive(path + ".mgPerNm3", limit.getMgPerNm3());
            if (limit.getGramsPerSecond() == null && limit.getTonnesPerYear() == null && limit.getMgPerNm3() == null) {
                c.add(path, "sets none of gramsPerSecond, tonnesPerYear, mgPerNm3");
            }
        }
    }

    private static void batConclusions(Checks c, List<String> references) {
        if (references == null) {
            return;
        }
        for (int i = 0; i < references.size(); i++) {
            c.text("batConclusions[" + i + "]", references.get(i), MAX_NAME);
        }
    }

    private static void statusChange(Checks c, String facilityId, String permitId, String reason,
            boolean reasonRequired) {
        c.id("facilityId", facilityId);
        c.id("permitId", permitId);
        if (reasonRequired) {
            c.text("reason", reason, MAX_TEXT);
        } else {
            c.optionalText("reason", reason, MAX_TEXT);
        }
    }

    /** Collects violations; each check returns whether the value may be checked further. */
    private static final class Checks {
        private final List<FieldViolation> violations = new ArrayList<>();

        void add(String field, String message) {
            violations.add(new FieldViolation(field, message, null));
        }

        /** Whether a violation was recorded for the field or a field under it. */
        boolean failed(String prefix) {
            return violations.stream().anyMatch(v -> v.getField().equals(prefix)
                    || v.getField().startsWith(prefix + "."));
        }

        boolean required(String field, Object value) {
            if (value == null) {
                add(field, "is required");
                return false;
            }
            return true;
        }

        boolean id(String field, String value) {
            if (!required(field, value)) {
                return false;
            }
            if (!ID.matcher(value).matches()) {
                add(field, "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                return false;
            }
            return true;
        }

        void text(String field, String value, int max) {
            if (!required(field, value)) {
                return;
            }
            if (value.isBlank()) {
                add(field, "must not be blank");
            } else {
                optionalText(field, value, max);
            }
        }

        void optionalText(String field, String value, int max) {
            if (value != null && value.length() > max) {
                add(field, "must be at most " + max + " characters (is " + value.length() + ")");
            }
        }

        void day(String field, LocalDate value) {
            if (value != null && (value.isBefore(EARLIEST_DAY) || value.isAfter(LATEST_DAY))) {
                add(field, "must be a day from " + EARLIEST_DAY + " to " + LATEST_DAY);
            }
        }

        void positive(String field, Double value) {
            if (value != null && !(value > 0 && Double.isFinite(value))) {
                add(field, "must be greater than zero");
            }
        }
    }
}

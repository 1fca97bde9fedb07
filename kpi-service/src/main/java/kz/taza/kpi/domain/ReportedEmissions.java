package kz.taza.kpi.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import kz.taza.contracts.emission.ReportVersions;
import kz.taza.events.common.Region;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.permit.Facility;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.Regions;

/**
 * The reported series taken apart: which report versions a year's national figure is made of, and how they fall into
 * regions and facilities. The rule is the emission contract's: of the versions of one facility, year and pollutant,
 * the latest counts ({@link ReportVersions}); the figure is the sum of the counted versions' tonnes, its inputs their
 * number, its {@code dataAsOf} the newest counted submission — as emission-service computes
 * {@code emissions.reported.tonnes}.
 *
 * <p>A facility is put in the region of its current registration; a facility that is not registered, or whose region
 * code is not one of Kazakhstan's, is in {@link #UNKNOWN_REGION}. Sums are exact: each version's tonnes are rounded
 * once to the gram, as emission-service adds them to its totals ({@link Micros}), and summed in decimal, so the parts
 * add up to the whole exactly and the whole is the exact total behind the published figure; each figure is then shown
 * rounded half-up to {@link #DECIMALS} decimals (1 kg), and the rounded parts may differ from the rounded whole by at
 * most half a unit of that rounding per part ({@link Breakdown#roundingTolerance}).
 */
public final class ReportedEmissions {

    /** The "region" of facilities without a known region. */
    public static final String UNKNOWN_REGION = "UNKNOWN";
    /** Decimals of the tonnes shown. */
    public static final int DECIMALS = 3;
    private static final BigDecimal HALF_UNIT = new BigDecimal("5").movePointLeft(DECIMALS + 1);

    private final List<EmissionReportSubmitted> counted;
    private final Set<String> countedIds;
    private final Function<String, Facility> registrations;

    /**
     * @param versions      every report version of the year (or of a facility), in any order
     * @param registrations a facility's current registration, or {@code null} when it has none
     */
    public ReportedEmissions(Iterable<EmissionReportSubmitted> versions, Function<String, Facility> registrations) {
        this.counted = List.copyOf(latest(versions).values());
        this.countedIds = counted.stream().map(EmissionReportSubmitted::getReportId).collect(Collectors.toSet());
        this.registrations = registrations;
    }

    /** A figure: exact tonnes, how many counted versions it has, the newest counted submission. */
    public record Figure(BigDecimal exactTonnes, long inputs, Instant dataAsOf) {

        static final Figure NONE = new Figure(BigDecimal.ZERO, 0, null);

        /** The tonnes as shown: rounded half-up to {@link #DECIMALS} decimals. */
        public BigDecimal tonnes() {
            return exactTonnes.setScale(DECIMALS, RoundingMode.HALF_UP);
        }

        Figure plus(EmissionReportSubmitted report) {
            Instant submitted = report.getSubmittedAt();
            return new Figure(exactTonnes.add(Micros.toBigDecimal(Micros.of(report.getTonnes()))), inputs + 1,
                    dataAsOf == null || submitted.isAfter(dataAsOf) ? submitted : dataAsOf);
        }

        Figure plus(Figure other) {
            Instant newest = dataAsOf == null ? other.dataAsOf
                    : other.dataAsOf == null || dataAsOf.isAfter(other.dataAsOf) ? dataAsOf : other.dataAsOf;
            return new Figure(exactTonnes.add(other.exactTonnes), inputs + other.inputs, newest);
        }
    }

    /** One part of a whole: a region (code and name) or a facility (id and name). */
    public record Part(String id, String name, Figure figure) {
    }

    /** A whole and its parts, largest first; the parts' exact tonnes sum to the whole's. */
    public record Breakdown(Figure whole, List<Part> parts) {

        /** The most the rounded parts can differ from the rounded whole: half a unit per part and of the whole. */
        public BigDecimal roundingTolerance() {
            return HALF_UNIT.multiply(BigDecimal.valueOf(parts.size() + 1L));
        }
    }

    /** The counted versions, the latest of each facility, year and pollutant. */
    public List<EmissionReportSubmitted> counted() {
        return counted;
    }

    /** Whether this version is the one that counts for its facility, year and pollutant. */
    public boolean counts(EmissionReportSubmitted version) {
        return countedIds.contains(version.getReportId());
    }

    /** The region a facility is counted in: its code, or {@link #UNKNOWN_REGION}. */
    public String regionOf(String facilityId) {
        return region(registrations.apply(facilityId)).map(Regions::code).orElse(UNKNOWN_REGION);
    }

    /** The counted versions of the year by region, facilities without a known region as {@link #UNKNOWN_REGION}. */
    public Breakdown byRegion(int year) {
        Map<String, Figure> regions = new TreeMap<>();
        for (EmissionReportSubmitted report : ofYear(year)) {
            regions.merge(regionOf(report.getFacilityId()), Figure.NONE.plus(report), Figure::plus);
        }
        List<Part> parts = new ArrayList<>();
        regions.forEach((code, figure) -> parts.add(new Part(code, regionName(code), figure)));
        return breakdown(parts);
    }

    /** The counted versions of the year in one region ({@link #UNKNOWN_REGION} included), by facility. */
    public Breakdown byFacility(int year, String regionCode) {
        Map<String, Figure> facilities = new TreeMap<>();
        for (EmissionReportSubmitted report : ofYear(year)) {
            if (regionOf(report.getFacilityId()).equals(regionCode)) {
                facilities.merge(report.getFacilityId(), Figure.NONE.plus(report), Figure::plus);
            }
        }
        List<Part> parts = new ArrayList<>();
        facilities.forEach((id, figure) -> {
            Facility facility = registrations.apply(id);
            parts.add(new Part(id, facility == null ? "(not registered)" : facility.getFacilityName(), figure));
        });
        return breakdown(parts);
    }

    /** The years that have a counted version, newest first. */
    public List<Integer> years() {
        return counted.stream().map(EmissionReportSubmitted::getYear).distinct()
                .sorted(Comparator.reverseOrder()).toList();
    }

    /** The name of a region code as people read it, or the unknown region's. */
    public static String regionName(String code) {
        return UNKNOWN_REGION.equals(code) ? "Region not known (facility not registered or no valid region)"
                : Regions.byCode(code).map(Regions::displayName).orElse(code);
    }

    private List<EmissionReportSubmitted> ofYear(int year) {
        return counted.stream().filter(r -> r.getYear() == year).toList();
    }

    private static Optional<Region> region(Facility facility) {
        return facility == null ? Optional.empty() : Regions.byCode(facility.getRegionCode());
    }

    private static Breakdown breakdown(List<Part> parts) {
        Figure whole = Figure.NONE;
        for (Part part : parts) {
            whole = whole.plus(part.figure());
        }
        List<Part> largestFirst = new ArrayList<>(parts);
        largestFirst.sort(Comparator.comparing((Part p) -> p.figure().exactTonnes()).reversed()
                .thenComparing(Part::id));
        return new Breakdown(whole, List.copyOf(largestFirst));
    }

    private static Map<String, EmissionReportSubmitted> latest(Iterable<EmissionReportSubmitted> versions) {
        Map<String, EmissionReportSubmitted> latest = new LinkedHashMap<>();
        for (EmissionReportSubmitted version : versions) {
            String key = version.getFacilityId() + '|' + version.getYear() + '|' + version.getPollutant();
            EmissionReportSubmitted current = latest.get(key);
            if (current == null || ReportVersions.replaces(version.getSubmittedAt().toEpochMilli(),
                    version.getReportId(), current.getSubmittedAt().toEpochMilli(), current.getReportId())) {
                latest.put(key, version);
            }
        }
        return latest;
    }
}

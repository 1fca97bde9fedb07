package kz.taza.kpi.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.emission.EmissionMass;
import kz.taza.events.common.KpiValue;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.EmissionReportSubmitted;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.Facility;
import kz.taza.kpi.domain.ReportedEmissions;
import kz.taza.kpi.domain.ReportedEmissions.Breakdown;
import kz.taza.kpi.domain.ReportedEmissions.Figure;
import kz.taza.kpi.domain.ReportedEmissions.Part;
import kz.taza.kpi.topology.AmsIntervalTopology;
import kz.taza.kpi.topology.KpiStores;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * Where a reported-emission figure comes from: the national figure of a year and its regions, a region's facilities,
 * a facility's report versions (which one counts, which were replaced) and its AMS intervals as far back as they are
 * kept. Every figure says how many inputs it has and when the newest was submitted ({@code dataAsOf}); beside the
 * drill-down's own sum stands the value on {@code kpi.values.v1} for the same scope, which emission-service computes
 * from the same versions (its regions are the facility's registration when each report arrived; the drill-down's, the
 * registration now). The rounding rule is {@link ReportedEmissions}'.
 */
@RestController
@KpiReaders
@RequestMapping("/api/v1/drill-down")
@Tag(name = "Drill-down")
public class DrillDownController {

    private final KpiReads reads;
    private final StateQueries state;
    private final AmsIntervalTopology amsIntervals;

    public DrillDownController(KpiReads reads, StateQueries state, AmsIntervalTopology amsIntervals) {
        this.reads = reads;
        this.state = state;
        this.amsIntervals = amsIntervals;
    }

    /** A figure as shown: tonnes rounded, its inputs, its newest input. */
    public record FigureView(BigDecimal tonnes, long inputs, Instant dataAsOf) {
        static FigureView of(Figure figure) {
            return new FigureView(figure.tonnes(), figure.inputs(), figure.dataAsOf());
        }
    }

    /** The same scope's value on the KPI topic, or {@code null} when there is none. */
    public record KpiTopicView(String key, double tonnes, long inputEvents, Instant dataAsOf) {
        static KpiTopicView of(String key, KpiValue value) {
            return value == null ? null
                    : new KpiTopicView(key, value.getValue(), value.getInputEvents(), value.getDataAsOf());
        }
    }

    /** One part (a region, a facility) of a figure. */
    public record PartView(String id, String name, FigureView figure, double sharePct, KpiTopicView kpiTopic) {
    }

    /** How the figures are rounded and how far the rounded parts may be from the rounded whole. */
    public record Rounding(String unit, int decimals, BigDecimal partsSumTolerance, BigDecimal partsSum) {
    }

    /** A figure and its parts. */
    public record DrillDown(String kpiId, int year, String scope, String scopeName, FigureView total,
            KpiTopicView kpiTopic, Rounding rounding, List<PartView> parts, List<Integer> years) {
    }

    /** A facility and every version of its reports, newest first. */
    public record FacilityView(String facilityId, String facilityName, String operatorName, String regionCode,
            String regionName, String category, String sector, boolean top50, List<VersionView> reportVersions) {
    }

    /** One report version: whether it is the one that counts for its facility, year and pollutant. */
    public record VersionView(String reportId, int year, String pollutant, double tonnes, Instant submittedAt,
            boolean counted) {
    }

    /** A facility's AMS intervals in a time range, newest first. */
    public record IntervalsView(String facilityId, Instant from, Instant to, Duration keptFor, int count,
            List<IntervalView> intervals) {
    }

    /** One AMS interval; {@code tonnes} for VALID intervals only (the measured series counts no other). */
    public record IntervalView(String sourceId, String pollutant, Instant intervalStart, int intervalMinutes,
            String status, double concentrationMgNm3, double flowNm3PerHour, Double tonnes) {
    }

    @GetMapping("/emissions-reported")
    @Operation(summary = "The national reported emissions of a year, by region (facilities without a known region "
            + "as UNKNOWN)", description = "year (default: the latest with reports); format=csv for the regions")
    public ResponseEntity<DrillDown> national(@RequestParam(required = false) String year,
            @RequestParam(required = false) String format, HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        Integer chosen = params.year("year", year);
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        ReportedEmissions reported = new ReportedEmissions(reads.reportVersions(), reads::facility);
        int y = chosen != null ? chosen : reported.years().stream().findFirst().orElse(Instant.now().atZone(
                java.time.ZoneOffset.UTC).getYear());
        Breakdown regions = reported.byRegion(y);
        List<PartView> parts = new ArrayList<>();
        for (Part part : regions.parts()) {
            String scope = ReportedEmissions.UNKNOWN_REGION.equals(part.id()) ? null : "REGION:" + part.id();
            parts.add(part(part, regions.whole(), scope == null ? null : kpiTopic(scope, y)));
        }
        DrillDown answer = new DrillDown(EmissionKpis.REPORTED_TONNES.id(), y, KpiScopes.NATIONAL, "Kazakhstan",
                FigureView.of(regions.whole()), kpiTopic(KpiScopes.NATIONAL, y), rounding(regions), parts,
                reported.years());
        return Export.answer(csv, "emissions-reported_" + y + "_regions", answer, partsTable(answer));
    }

    @GetMapping("/emissions-reported/regions/{regionCode}")
    @Operation(summary = "A region's reported emissions of a year, by facility (UNKNOWN: facilities without a "
            + "known region)")
    public ResponseEntity<DrillDown> region(@PathVariable String regionCode, @RequestParam(required = false) String year,
            @RequestParam(required = false) String format, HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        Integer chosen = params.year("year", year);
        boolean csv = Export.wantsCsv(params, format, request);
        if (!ReportedEmissions.UNKNOWN_REGION.equals(regionCode) && Regions.byCode(regionCode).isEmpty()) {
            throw new InvalidParametersException(org.springframework.http.HttpStatus.NOT_FOUND, List.of(
                    ProblemHandlers.violation("regionCode", "UNKNOWN_REGION", "'" + regionCode + "' is not a region "
                            + "code (" + String.join(", ", Regions.codes()) + ", or " + ReportedEmissions.UNKNOWN_REGION
                            + ")")));
        }
        params.check();
        ReportedEmissions reported = new ReportedEmissions(reads.reportVersions(), reads::facility);
        int y = chosen != null ? chosen : reported.years().stream().findFirst().orElse(Instant.now().atZone(
                java.time.ZoneOffset.UTC).getYear());
        Breakdown facilities = reported.byFacility(y, regionCode);
        List<PartView> parts = facilities.parts().stream().map(p -> part(p, facilities.whole(), null)).toList();
        boolean unknown = ReportedEmissions.UNKNOWN_REGION.equals(regionCode);
        DrillDown answer = new DrillDown(EmissionKpis.REPORTED_TONNES.id(), y,
                unknown ? ReportedEmissions.UNKNOWN_REGION : "REGION:" + regionCode,
                ReportedEmissions.regionName(regionCode), FigureView.of(facilities.whole()),
                unknown ? null : kpiTopic("REGION:" + regionCode, y), rounding(facilities), parts,
                reported.years());
        return Export.answer(csv, "emissions-reported_" + y + "_region-" + regionCode, answer, partsTable(answer));
    }

    @GetMapping("/facilities/{facilityId}")
    @Operation(summary = "A facility's registration and every version of its annual reports (which one counts)")
    public ResponseEntity<FacilityView> facility(@PathVariable String facilityId,
            @RequestParam(required = false) String format, HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        Facility facility = reads.facility(facilityId);
        List<EmissionReportSubmitted> versions = reads.reportVersions(facilityId);
        if (facility == null && versions.isEmpty()) {
            throw new InvalidParametersException(org.springframework.http.HttpStatus.NOT_FOUND, List.of(
                    ProblemHandlers.violation("facilityId", "UNKNOWN_FACILITY", "no facility " + facilityId
                            + " is registered or has reported")));
        }
        ReportedEmissions reported = new ReportedEmissions(versions, id -> facility);
        List<VersionView> views = versions.stream()
                .sorted(Comparator.comparing(EmissionReportSubmitted::getYear).reversed()
                        .thenComparing(r -> r.getPollutant().name())
                        .thenComparing(EmissionReportSubmitted::getSubmittedAt, Comparator.reverseOrder()))
                .map(r -> new VersionView(r.getReportId(), r.getYear(), r.getPollutant().name(), r.getTonnes(),
                        r.getSubmittedAt(), reported.counts(r))).toList();
        String region = reported.regionOf(facilityId);
        FacilityView answer = new FacilityView(facilityId, facility == null ? null : facility.getFacilityName(),
                facility == null ? null : facility.getOperatorName(), region, ReportedEmissions.regionName(region),
                facility == null ? null : facility.getCategory().name(), facility == null ? null
                        : facility.getSector(), facility != null && facility.getTop50(), views);
        Export.Table table = Export.Table.of("facilityId", "reportId", "year", "pollutant", "tonnes", "submittedAt",
                "counted");
        views.forEach(v -> table.row(facilityId, v.reportId(), v.year(), v.pollutant(), v.tonnes(), v.submittedAt(),
                v.counted()));
        return Export.answer(csv, "facility_" + facilityId + "_reports", answer, table);
    }

    @GetMapping("/facilities/{facilityId}/ams-intervals")
    // Another instance forwards the read here with its own token when this one holds the facility's partition.
    @Allow({Role.ANALYST, Role.AGENCY, Role.SERVICE})
    @Operation(summary = "A facility's AMS intervals, newest first, as far back as they are kept",
            description = "from/to: ISO instants (default: every interval kept, taza.kpi.ams-retention back from "
                    + "the newest reading); any instance answers, forwarding to the one holding the facility's "
                    + "partition")
    public ResponseEntity<IntervalsView> intervals(@PathVariable String facilityId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        Instant toInstant = params.instant("to", to);
        Instant fromInstant = params.instant("from", from);
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        return state.answer(KpiStores.AMS_INTERVALS, facilityId, request, () -> {
            Instant end = toInstant != null ? toInstant : Instant.now().plus(AmsIntervalTopology.FUTURE_TOLERANCE);
            // The store has dropped what is older than its retention (counted back from its newest reading): from the
            // epoch on is every interval kept, also when the newest readings are a replay's, long before now.
            Instant start = fromInstant != null ? fromInstant : Instant.EPOCH;
            List<IntervalView> intervals = new ArrayList<>();
            ReadOnlyWindowStore<String, AmsReading> store = state.store(KpiStores.AMS_INTERVALS,
                    QueryableStoreTypes.<String, AmsReading>windowStore());
            String prefix = AmsIntervalTopology.facilityPrefix(facilityId);
            try (KeyValueIterator<Windowed<String>, AmsReading> it = store.fetch(prefix, prefix + '\uffff', start,
                    end)) {
                it.forEachRemaining(entry -> intervals.add(interval(entry.value)));
            }
            intervals.sort(Comparator.comparing(IntervalView::intervalStart).reversed()
                    .thenComparing(IntervalView::sourceId).thenComparing(IntervalView::pollutant));
            IntervalsView answer = new IntervalsView(facilityId, start, end, amsIntervals.retention(),
                    intervals.size(), intervals);
            Export.Table table = Export.Table.of("facilityId", "sourceId", "pollutant", "intervalStart",
                    "intervalMinutes", "status", "concentrationMgNm3", "flowNm3PerHour", "tonnes");
            intervals.forEach(i -> table.row(facilityId, i.sourceId(), i.pollutant(), i.intervalStart(),
                    i.intervalMinutes(), i.status(), i.concentrationMgNm3(), i.flowNm3PerHour(), i.tonnes()));
            return Export.answer(csv, "facility_" + facilityId + "_ams-intervals", answer, table);
        });
    }

    private static IntervalView interval(AmsReading r) {
        boolean valid = r.getStatus() == ReadingStatus.VALID;
        return new IntervalView(r.getSourceId(), r.getPollutant().name(), r.getIntervalStart(),
                r.getIntervalMinutes(), r.getStatus().name(), r.getConcentrationMgNm3(), r.getFlowNm3PerHour(),
                valid ? tonnesOrNull(r) : null);
    }

    /** The interval's mass; none for a reading whose mass is not a number (emission-service refused it). */
    private static Double tonnesOrNull(AmsReading r) {
        try {
            return EmissionMass.tonnes(r.getConcentrationMgNm3(), r.getFlowNm3PerHour(), r.getIntervalMinutes());
        } catch (ArithmeticException notFinite) {
            return null;
        }
    }

    private KpiTopicView kpiTopic(String scope, int year) {
        String key = EmissionKpis.REPORTED_TONNES.key(scope, KpiPeriods.year(year));
        return KpiTopicView.of(key, reads.value(key));
    }

    private static PartView part(Part part, Figure whole, KpiTopicView kpiTopic) {
        double share = whole.exactTonnes().signum() == 0 ? 0
                : part.figure().exactTonnes().doubleValue() * 100.0 / whole.exactTonnes().doubleValue();
        return new PartView(part.id(), part.name(), FigureView.of(part.figure()), Math.round(share * 100) / 100.0,
                kpiTopic);
    }

    private static Rounding rounding(Breakdown breakdown) {
        BigDecimal sum = breakdown.parts().stream().map(p -> p.figure().tonnes()).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        return new Rounding("t", ReportedEmissions.DECIMALS, breakdown.roundingTolerance(), sum);
    }

    private static Export.Table partsTable(DrillDown answer) {
        Export.Table table = Export.Table.of("year", "scope", "partId", "partName", "tonnes", "inputs", "dataAsOf",
                "sharePct");
        answer.parts().forEach(p -> table.row(answer.year(), answer.scope(), p.id(), p.name(), p.figure().tonnes(),
                p.figure().inputs(), p.figure().dataAsOf(), p.sharePct()));
        return table;
    }
}

package kz.taza.kpi.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import kz.taza.contracts.Headline;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.kpi.api.KpiViews.Value;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.web.ProblemHandlers;
import kz.taza.schemas.KpiScopes;

/**
 * KPI values: the history of a KPI for a scope over periods, its current value, the breakdown of one period over the
 * scopes of one kind (regions, pollutants, ...), and the national headline. Every query answers as JSON or CSV
 * ({@code format}); a bad parameter is a problem document naming it.
 */
@RestController
@KpiReaders
@RequestMapping("/api/v1")
@Tag(name = "KPI values")
public class KpiValuesController {

    private final KpiReads reads;

    public KpiValuesController(KpiReads reads) {
        this.reads = reads;
    }

    /** A KPI's values for one scope at one granularity, oldest period first. */
    public record History(String kpiId, String scope, String granularity, String unit, List<Value> values) {
    }

    /** One period's values over the scopes of one kind, largest first. */
    public record Breakdown(String kpiId, String kind, String granularity, LocalDate periodStart, String unit,
            List<Value> values) {
    }

    /** A tile of the headline: its label, what it reads, and the value it shows ({@code null} before any). */
    public record Tile(String label, String kpiId, String scope, String kind, Value value) {
    }

    @GetMapping("/kpis/{kpiId}/values")
    @Operation(summary = "History of a KPI for a scope over periods",
            description = "scope (default NATIONAL, or the KPI's first scope), granularity (default YEAR where "
                    + "published), from/to (ISO dates, periods starting in [from, to]); format=csv for CSV")
    public ResponseEntity<History> history(@PathVariable String kpiId, @RequestParam(required = false) String scope,
            @RequestParam(required = false) String granularity, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        Series series = Series.of(params, kpiId, scope, granularity);
        KpiDefinition kpi = series.kpi();
        String chosenScope = series.scope();
        KpiGranularity chosen = series.granularity();
        LocalDate fromDate = params.date("from", from);
        LocalDate toDate = params.date("to", to);
        params.range("from", fromDate, "to", toDate);
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        List<Value> values = reads.series(kpi.id(), chosenScope, chosen).stream()
                .filter(v -> fromDate == null || !v.getPeriod().getStart().isBefore(fromDate))
                .filter(v -> toDate == null || !v.getPeriod().getStart().isAfter(toDate))
                .map(Value::of).toList();
        return Export.answer(csv, fileName(kpi.id(), chosenScope, chosen.name()),
                new History(kpi.id(), chosenScope, chosen.name(), kpi.unit().wire(), values),
                KpiViews.valueTable(values));
    }

    @GetMapping("/kpis/{kpiId}/current")
    @Operation(summary = "Current value of a KPI for a scope: its latest period at the granularity",
            description = "404 while the KPI has no value for the scope and granularity")
    public ResponseEntity<Value> current(@PathVariable String kpiId, @RequestParam(required = false) String scope,
            @RequestParam(required = false) String granularity, @RequestParam(required = false) String format,
            HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        Series series = Series.of(params, kpiId, scope, granularity);
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        List<KpiValue> values = reads.series(series.kpi().id(), series.scope(), series.granularity());
        if (values.isEmpty()) {
            return ProblemHandlers.notFound("NO_VALUE_YET", series.kpi().id() + " has no " + series.granularity()
                    + " value for " + series.scope() + " yet");
        }
        Value latest = Value.of(values.get(values.size() - 1));
        return Export.answer(csv, fileName(series.kpi().id(), series.scope(), "current"), latest,
                KpiViews.valueTable(List.of(latest)));
    }

    @GetMapping("/kpis/{kpiId}/breakdown")
    @Operation(summary = "One period of a KPI over the scopes of one kind (REGION, POLLUTANT, SECTOR, ...)",
            description = "kind (default REGION), granularity, periodStart (default: the latest period with values)")
    public ResponseEntity<Breakdown> breakdown(@PathVariable String kpiId, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String granularity, @RequestParam(required = false) String periodStart,
            @RequestParam(required = false) String format, HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        KpiDefinition kpi = params.kpi("kpiId", kpiId);
        List<String> kinds = kpi == null ? List.of() : kinds(kpi);
        String chosenKind = params.oneOf("kind", kind, kinds, kinds.contains("REGION") ? "REGION"
                : kinds.isEmpty() ? null : kinds.get(0));
        KpiGranularity chosen = params.granularity("granularity", granularity, kpi);
        LocalDate start = params.date("periodStart", periodStart);
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        if (chosenKind == null) {
            throw new InvalidParametersException(org.springframework.http.HttpStatus.BAD_REQUEST, List.of(
                    ProblemHandlers.violation("kind", "NO_BREAKDOWN", kpi.id() + " is published for "
                            + kpi.scopes() + " only: there is nothing to break down")));
        }
        List<KpiValue> ofKind = reads.allOf(kpi.id()).stream()
                .filter(v -> v.getPeriod().getGranularity() == chosen)
                .filter(v -> v.getScope().startsWith(chosenKind + ":")).toList();
        LocalDate period = start != null ? start : ofKind.stream().map(v -> v.getPeriod().getStart())
                .max(Comparator.naturalOrder()).orElse(null);
        List<Value> values = ofKind.stream().filter(v -> v.getPeriod().getStart().equals(period))
                .sorted(Comparator.comparingDouble(KpiValue::getValue).reversed()).map(Value::of).toList();
        return Export.answer(csv, fileName(kpi.id(), chosenKind, period == null ? "none" : period.toString()),
                new Breakdown(kpi.id(), chosenKind, chosen.name(), period, kpi.unit().wire(), values),
                KpiViews.valueTable(values));
    }

    @GetMapping("/headline")
    @Operation(summary = "The national headline: each tile's KPI, scope and the value it shows")
    public ResponseEntity<List<Tile>> headline(@RequestParam(required = false) String format,
            HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        List<Tile> tiles = new ArrayList<>();
        for (Headline.Tile tile : Headline.TILES) {
            KpiValue shown = tile.pick(reads.allOf(tile.kpi().id()));
            tiles.add(new Tile(tile.label(), tile.kpi().id(), tile.scope(), tile.kind().name(),
                    shown == null ? null : Value.of(shown)));
        }
        Export.Table table = Export.Table.of("label", "kpiId", "scope", "granularity", "periodStart", "value",
                "unit", "target", "changePct", "inputEvents", "dataAsOf");
        tiles.forEach(t -> table.row(t.label(), t.kpiId(), t.scope(),
                t.value() == null ? null : t.value().granularity(), t.value() == null ? null : t.value().periodStart(),
                t.value() == null ? null : t.value().value(), t.value() == null ? null : t.value().unit(),
                t.value() == null ? null : t.value().target(), t.value() == null ? null : t.value().changePct(),
                t.value() == null ? null : t.value().inputEvents(), t.value() == null ? null : t.value().dataAsOf()));
        return Export.answer(csv, "headline", tiles, table);
    }

    /** The series a query names: a KPI, one of its scopes and one of its granularities (each may be wrong). */
    private record Series(KpiDefinition kpi, String scope, KpiGranularity granularity) {

        static Series of(QueryParameters params, String kpiId, String scope, String granularity) {
            KpiDefinition kpi = params.kpi("kpiId", kpiId);
            return new Series(kpi, params.scope("scope", scope, kpi, kpi == null ? null : defaultScope(kpi)),
                    params.granularity("granularity", granularity, kpi));
        }
    }

    /** NATIONAL where the KPI is published for it, else its first exact scope (KEP coverage: CATEGORY:I). */
    static String defaultScope(KpiDefinition kpi) {
        if (kpi.declaresScope(KpiScopes.NATIONAL)) {
            return KpiScopes.NATIONAL;
        }
        return kpi.scopes().stream().filter(s -> !s.endsWith(":*")).findFirst().orElse(kpi.scopes().get(0));
    }

    /** The kinds of scope a KPI can be broken down by: those it is published for as {@code KIND:*}. */
    static List<String> kinds(KpiDefinition kpi) {
        return kpi.scopes().stream().filter(s -> s.endsWith(":*"))
                .map(s -> s.substring(0, s.length() - 2).toUpperCase(Locale.ROOT)).toList();
    }

    private static String fileName(String... parts) {
        return String.join("_", parts).replaceAll("[^A-Za-z0-9._-]", "-");
    }
}

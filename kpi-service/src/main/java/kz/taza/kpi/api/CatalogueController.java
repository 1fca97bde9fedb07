package kz.taza.kpi.api;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import kz.taza.contracts.KpiCatalogue;
import kz.taza.events.common.KpiValue;
import kz.taza.kpi.api.KpiViews.Definition;
import kz.taza.platform.kpi.KpiDefinition;

/**
 * The KPI catalogue: what each KPI means, its unit, the granularities and scopes it is published at, its targets and
 * the service that publishes it ({@link KpiCatalogue}, the definitions the topologies build their values with).
 */
@RestController
@KpiReaders
@RequestMapping("/api/v1/kpis")
@Tag(name = "KPI catalogue")
public class CatalogueController {

    private final KpiReads reads;

    public CatalogueController(KpiReads reads) {
        this.reads = reads;
    }

    /** One KPI, with the scopes that have values now. */
    public record Entry(Definition definition, List<String> scopesWithValues, long values) {
    }

    @GetMapping
    @Operation(summary = "Every KPI of the catalogue", description = "format=csv for a CSV download")
    public ResponseEntity<List<Definition>> catalogue(@RequestParam(required = false) String format,
            HttpServletRequest request) {
        QueryParameters params = new QueryParameters();
        boolean csv = Export.wantsCsv(params, format, request);
        params.check();
        List<Definition> all = KpiCatalogue.all().stream().map(Definition::of).toList();
        Export.Table table = Export.Table.of("id", "meaning", "unit", "granularities", "scopes", "targets", "owner");
        all.forEach(d -> table.row(d.id(), d.meaning(), d.unit(), String.join(" ", d.granularities()),
                String.join(" ", d.scopes()), String.join(" ", d.targets().stream().map(t -> t.value()
                        + (t.scope() == null ? "" : "@" + t.scope())
                        + (t.granularity() == null ? "" : "/" + t.granularity())).toList()), d.owner()));
        return Export.answer(csv, "kpi-catalogue", all, table);
    }

    @GetMapping("/{kpiId}")
    @Operation(summary = "One KPI of the catalogue, and the scopes it has values for")
    public ResponseEntity<Entry> kpi(@PathVariable String kpiId) {
        QueryParameters params = new QueryParameters();
        KpiDefinition kpi = params.kpi("kpiId", kpiId);
        params.check();
        List<KpiValue> values = reads.allOf(kpi.id());
        Set<String> scopes = new TreeSet<>();
        values.forEach(v -> scopes.add(v.getScope()));
        return ResponseEntity.ok(new Entry(Definition.of(kpi), List.copyOf(scopes), values.size()));
    }
}

package kz.taza.kpi.api;

import java.util.function.Predicate;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;

/**
 * Live updates: a server-sent event stream of the KPI values published from now on, optionally of one KPI and one
 * scope. An {@code EventSource} in a browser (with the session's cookie) or any HTTP client with a bearer token reads
 * it; each event {@code kpis} is a JSON list of values.
 */
@RestController
@KpiReaders
@RequestMapping("/api/v1/kpis")
@Tag(name = "KPI values")
public class KpiStreamController {

    private final LiveKpis live;

    public KpiStreamController(LiveKpis live) {
        this.live = live;
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: every KPI value published from now on (kpiId, scope to filter)")
    public SseEmitter stream(@RequestParam(required = false) String kpiId,
            @RequestParam(required = false) String scope) {
        QueryParameters params = new QueryParameters();
        KpiDefinition kpi = kpiId == null || kpiId.isBlank() ? null : params.kpi("kpiId", kpiId);
        String chosenScope = params.scope("scope", scope, kpi, null);
        params.check();
        Predicate<KpiValue> filter = value -> (kpi == null || kpi.id().equals(value.getKpiId()))
                && (chosenScope == null || chosenScope.equals(value.getScope()));
        return live.subscribe(filter);
    }
}

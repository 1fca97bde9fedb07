package kz.taza.emission.api;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.state.HostInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import kz.taza.emission.topology.ExceedanceRecord;

/**
 * A facility's recent exceedance episodes and the monitoring status of its sources. The state lives on the instance
 * owning the facility's partition; any instance answers, forwarding to the owner when it is another one
 * ({@link OwnerForwarder}). A forwarded request is answered locally or refused, never forwarded again.
 */
@RestController
@RequestMapping("/api/v1/facilities/{facilityId}")
@Tag(name = "Facility emission state")
public class FacilityReadController {

    private final EmissionStoreQueries queries;
    private final OwnerForwarder forwarder;

    public FacilityReadController(EmissionStoreQueries queries, OwnerForwarder forwarder) {
        this.queries = queries;
        this.forwarder = forwarder;
    }

    /** Recent exceedance episodes, newest first. */
    public record ExceedancesView(String facilityId, List<EpisodeView> episodes) {
    }

    /** One episode. */
    public record EpisodeView(String episodeId, String sourceId, String pollutant, String permitId,
            double limitMgNm3, double firstMeasuredMgNm3, Instant startedAt, Instant endedAt, int intervalsAbove,
            double peakMgNm3, String endReason, boolean open) {

        static EpisodeView of(ExceedanceRecord e) {
            return new EpisodeView(e.episodeId(), e.sourceId(), e.pollutant(), e.permitId(), e.limitMgNm3(),
                    e.firstMeasuredMgNm3(), Instant.ofEpochMilli(e.startedAt()),
                    e.endedAt() == null ? null : Instant.ofEpochMilli(e.endedAt()), e.intervalsAbove(),
                    e.peakMgNm3(), e.endReason(), e.endedAt() == null);
        }
    }

    /** Monitoring status of each source that has sent readings. */
    public record MonitoringView(String facilityId, List<SourceStatus> sources) {
    }

    @GetMapping("/exceedances")
    @Operation(summary = "Recent exceedance episodes of a facility (open and ended), newest first")
    public ExceedancesView exceedances(@PathVariable String facilityId,
            @RequestHeader(name = OwnerForwarder.FORWARDED_HEADER, required = false) String forwarded) {
        HostInfo owner = forwarded == null ? queries.owner(facilityId) : null;
        if (owner != null) {
            return forwarder.get(owner, "/api/v1/facilities/{facilityId}/exceedances", facilityId,
                    ExceedancesView.class);
        }
        return new ExceedancesView(facilityId, queries.recentExceedances(facilityId).episodes().stream()
                .map(EpisodeView::of).toList());
    }

    @GetMapping("/monitoring")
    @Operation(summary = "Monitoring status of a facility's sources: last reading, last VALID reading, open gap")
    public MonitoringView monitoring(@PathVariable String facilityId,
            @RequestHeader(name = OwnerForwarder.FORWARDED_HEADER, required = false) String forwarded) {
        HostInfo owner = forwarded == null ? queries.owner(facilityId) : null;
        if (owner != null) {
            return forwarder.get(owner, "/api/v1/facilities/{facilityId}/monitoring", facilityId,
                    MonitoringView.class);
        }
        return new MonitoringView(facilityId, queries.monitoring(facilityId));
    }
}

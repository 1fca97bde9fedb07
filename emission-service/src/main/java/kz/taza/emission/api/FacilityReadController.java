package kz.taza.emission.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import kz.taza.emission.topology.EmissionStores;
import kz.taza.emission.topology.ExceedanceRecord;
import kz.taza.events.permit.Facility;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.OperatorScope;
import kz.taza.platform.security.Role;

/**
 * A facility's recent exceedance episodes and the monitoring status of its sources. The state lives on the instance
 * owning the facility's partition; any instance answers, forwarding to the owner when it is another one
 * ({@link StateQueries}). A forwarded request is answered locally or refused, never forwarded again.
 */
@RestController
@RequestMapping("/api/v1/facilities/{facilityId}")
@Tag(name = "Facility emission state")
public class FacilityReadController {

    /** Both stores are keyed by facility and co-partitioned: the source store names the owner of either. */
    private static final String FACILITY_KEYED_STORE = EmissionStores.SOURCES;

    private final EmissionStoreQueries queries;
    private final StateQueries state;

    public FacilityReadController(EmissionStoreQueries queries, StateQueries state) {
        this.queries = queries;
        this.state = state;
    }

    /** Recent exceedance episodes, newest first. */
    public record ExceedancesView(String facilityId, List<EpisodeView> episodes) {
    }

    /**
     * One episode. {@code limitKind} says which limit (CONCENTRATION, MASS_RATE, ANNUAL_MASS); {@code limit} and
     * {@code peak} are in its unit (mg/Nm3, g/s, t/yr: for the annual mass the peak is the year's tonnes);
     * {@code excessTonnes} is the tonnes above the limit so far (null for the concentration).
     */
    public record EpisodeView(String episodeId, String sourceId, String pollutant, String permitId,
            double limitMgNm3, double firstMeasuredMgNm3, Instant startedAt, Instant endedAt, int intervalsAbove,
            double peakMgNm3, String endReason, boolean open, String limitKind, double limit, double peak,
            Double excessTonnes) {

        static EpisodeView of(ExceedanceRecord e) {
            return new EpisodeView(e.episodeId(), e.sourceId(), e.pollutant(), e.permitId(), e.limitMgNm3(),
                    e.firstMeasuredMgNm3(), Instant.ofEpochMilli(e.startedAt()),
                    e.endedAt() == null ? null : Instant.ofEpochMilli(e.endedAt()), e.intervalsAbove(),
                    e.peakMgNm3(), e.endReason(), e.endedAt() == null, e.limitKind(), e.limit(), e.peak(),
                    e.excessTonnes());
        }
    }

    /** Monitoring status of each source that has sent readings. */
    public record MonitoringView(String facilityId, List<SourceStatus> sources) {
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.ANALYST, Role.AGENCY, Role.OPERATOR, Role.SERVICE})
    @GetMapping("/exceedances")
    @Operation(summary = "Recent exceedance episodes of a facility (open and ended), newest first")
    public ResponseEntity<ExceedancesView> exceedances(@PathVariable String facilityId, HttpServletRequest request) {
        requireOwnFacilityOfAnOperator(facilityId);
        return state.answer(FACILITY_KEYED_STORE, facilityId, request, () -> new ExceedancesView(facilityId,
                queries.recentExceedances(facilityId).episodes().stream().map(EpisodeView::of).toList()));
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.ANALYST, Role.AGENCY, Role.OPERATOR, Role.SERVICE})
    @GetMapping("/monitoring")
    @Operation(summary = "Monitoring status of a facility's sources: last reading, last VALID reading, open gap")
    public ResponseEntity<MonitoringView> monitoring(@PathVariable String facilityId, HttpServletRequest request) {
        requireOwnFacilityOfAnOperator(facilityId);
        return state.answer(FACILITY_KEYED_STORE, facilityId, request,
                () -> new MonitoringView(facilityId, queries.monitoring(facilityId)));
    }

    /** An operator reads its own facilities only; the registry (on every instance) says whose a facility is. */
    private void requireOwnFacilityOfAnOperator(String facilityId) {
        Facility facility = queries.facility(facilityId);
        OperatorScope.requireMayActOn(facilityId,
                Optional.ofNullable(facility == null ? null : facility.getOperatorBin()));
    }
}

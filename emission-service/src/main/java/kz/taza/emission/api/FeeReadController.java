package kz.taza.emission.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import kz.taza.emission.topology.EmissionStores;
import kz.taza.emission.topology.ReportVersion;
import kz.taza.events.permit.Facility;
import kz.taza.platform.command.CommandResponses;
import kz.taza.platform.kafka.TazaProperties;
import kz.taza.platform.kpi.Micros;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.OperatorScope;
import kz.taza.platform.security.Role;
import kz.taza.platform.web.ProblemHandlers;

/**
 * A facility's emission fees of a year, from the latest version of each of its annual reports, exactly as they are
 * counted in {@code emissions.fees.due_kzt} and {@code emissions.fees.kep_redirected_kzt}: per pollutant the tonnes,
 * the rate and MCI applied, the fee and whether it is redirected to modernisation (the facility held a KEP in the
 * year), and the totals. The reports live on the instance owning the facility's partition; any instance answers,
 * forwarding to the owner when it is another one ({@link StateQueries}).
 */
@RestController
@RequestMapping("/api/v1/facilities/{facilityId}/fees")
@Tag(name = "Facility emission state")
public class FeeReadController {

    /** The first year a report may be for: the reports' own rule. */
    private static final int FIRST_YEAR = EmissionReportController.FIRST_YEAR;

    private final EmissionStoreQueries queries;
    private final StateQueries state;
    private final ZoneId zone;

    public FeeReadController(EmissionStoreQueries queries, StateQueries state, TazaProperties taza) {
        this.queries = queries;
        this.state = state;
        this.zone = taza.getZone();
    }

    /** The fees of one facility and year. */
    @Schema(description = "Emission fees of a facility for a year, from its latest annual reports")
    public record FeesView(String facilityId, int year,
            @Schema(description = "Every reported pollutant of the year, charged or not") List<PollutantFee> pollutants,
            @Schema(description = "Fees due, tenge (the redirected part included)") double dueKzt,
            @Schema(description = "The part of dueKzt redirected to modernisation, tenge") double redirectedKzt,
            @Schema(description = "Whether the facility's fees of the year are redirected (it held a KEP in the "
                    + "year)") boolean redirected) {
    }

    /** The fee of one pollutant's report. */
    public record PollutantFee(String pollutant, String reportId, Instant submittedAt,
            @Schema(description = "Tonnes reported (the latest version), to the gram") double tonnes,
            @Schema(description = "Whether a fee is computed: the pollutant has a rate and the year an MCI")
            boolean charged,
            @Schema(description = "Rate applied, MCI per tonne (Tax Code art. 576); null when not charged")
            BigDecimal rateMciPerTonne,
            @Schema(description = "MCI of the year applied, tenge; null when not charged") Long mciKzt,
            @Schema(description = "Fee due, tenge: tonnes x rate x MCI; 0 when not charged") double dueKzt,
            @Schema(description = "Whether the fee is redirected to modernisation") boolean redirected) {

        static PollutantFee of(String pollutant, ReportVersion v) {
            return new PollutantFee(pollutant, v.reportId(), Instant.ofEpochMilli(v.submittedAt()),
                    Micros.toDouble(v.grams()), v.charged(), v.rateMciPerTonne(), v.charged() ? v.mciKzt() : null,
                    Micros.toDouble(v.feeMicroKzt()), v.redirected());
        }
    }

    @Allow({Role.OFFICER, Role.INSPECTOR, Role.ANALYST, Role.AGENCY, Role.OPERATOR, Role.SERVICE})
    @GetMapping
    @Operation(summary = "Emission fees of a facility for a year, per pollutant and in total, and the part "
            + "redirected to modernisation (KEP holders)",
            description = "422 naming year when it is missing or not from 2000 to the current year; 404 for a "
                    + "facility that is not registered.")
    public ResponseEntity<FeesView> fees(@PathVariable String facilityId, @RequestParam(required = false) Integer year,
            HttpServletRequest request) {
        int currentYear = Year.now(zone).getValue();
        if (year == null || year < FIRST_YEAR || year > currentYear) {
            return ProblemHandlers.unprocessableFields(List.of(ProblemHandlers.violation("year", null,
                    "must be a year from " + FIRST_YEAR + " to " + currentYear)));
        }
        Facility facility = queries.facility(facilityId);
        // An operator reads its own facilities only; an unknown facility is no operator's.
        OperatorScope.requireMayActOn(facilityId,
                Optional.ofNullable(facility == null ? null : facility.getOperatorBin()));
        if (facility == null) {
            String message = "facility " + facilityId + " is not registered";
            ResponseEntity<ProblemDetail> notFound = ProblemHandlers.notFound("UNKNOWN_FACILITY",
                    "facilityId: " + message);
            // named as a refused field is, so a client reads both answers alike
            notFound.getBody().setProperty("violations",
                    List.of(ProblemHandlers.violation("facilityId", "UNKNOWN_FACILITY", message)));
            return CommandResponses.otherBody(notFound);
        }
        return state.answer(EmissionStores.REPORTS, facilityId, request, () -> view(facilityId, year,
                queries.reports(facilityId, year)));
    }

    static FeesView view(String facilityId, int year, Map<String, ReportVersion> reports) {
        List<PollutantFee> pollutants = new ArrayList<>();
        long due = 0;
        long redirected = 0;
        for (Map.Entry<String, ReportVersion> report : reports.entrySet()) {
            ReportVersion version = report.getValue();
            pollutants.add(PollutantFee.of(report.getKey(), version));
            due = Micros.plus(due, version.feeMicroKzt());
            if (version.redirected()) {
                redirected = Micros.plus(redirected, version.feeMicroKzt());
            }
        }
        boolean anyRedirected = pollutants.stream().anyMatch(PollutantFee::redirected);
        return new FeesView(facilityId, year, pollutants, Micros.toDouble(due), Micros.toDouble(redirected),
                anyRedirected);
    }
}

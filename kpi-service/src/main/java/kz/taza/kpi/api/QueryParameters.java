package kz.taza.kpi.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.springframework.http.HttpStatus;

import kz.taza.contracts.KpiCatalogue;
import kz.taza.events.common.KpiGranularity;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.web.ProblemHandlers;

/**
 * Reads the parameters of one request, collecting every problem before answering: a request with three bad parameters
 * hears of all three. {@link #check()} throws when any was bad. Each reader returns a usable placeholder after a
 * problem so the others can still be read.
 */
final class QueryParameters {

    private final List<Map<String, String>> violations = new ArrayList<>();
    private HttpStatus status = HttpStatus.BAD_REQUEST;

    /** The catalogue entry named by a path parameter; an unknown id is a 404. */
    KpiDefinition kpi(String name, String id) {
        return KpiCatalogue.byId(id).orElseGet(() -> {
            status = HttpStatus.NOT_FOUND;
            violations.add(ProblemHandlers.violation(name, "UNKNOWN_KPI", "'" + id + "' is not in the KPI "
                    + "catalogue (GET /api/v1/kpis lists it)"));
            return null;
        });
    }

    /** A scope the KPI is published for; {@code null} when absent and no default is given. */
    String scope(String name, String value, KpiDefinition kpi, String defaultScope) {
        String scope = value == null || value.isBlank() ? defaultScope : value.strip();
        if (kpi != null && scope != null && !kpi.declaresScope(scope)) {
            violations.add(ProblemHandlers.violation(name, "UNKNOWN_SCOPE", kpi.id() + " is not published for '"
                    + scope + "'; its scopes are " + kpi.scopes()));
        }
        return scope;
    }

    /** A granularity the KPI is published at; without one, {@link #firstLook}. */
    KpiGranularity granularity(String name, String value, KpiDefinition kpi) {
        if (value == null || value.isBlank()) {
            return kpi == null ? null : firstLook(kpi);
        }
        KpiGranularity granularity = Arrays.stream(KpiGranularity.values())
                .filter(g -> g != KpiGranularity.UNKNOWN && g.name().equals(value.strip().toUpperCase(Locale.ROOT)))
                .findFirst().orElse(null);
        if (granularity == null) {
            violations.add(ProblemHandlers.violation(name, "UNKNOWN_GRANULARITY", "'" + value + "' is not a "
                    + "granularity; one of DAY, MONTH, YEAR, PROGRAMME"));
        } else if (kpi != null && !kpi.declaresGranularity(granularity)) {
            violations.add(ProblemHandlers.violation(name, "UNKNOWN_GRANULARITY", kpi.id() + " is not published at "
                    + granularity + "; its granularities are " + kpi.granularities()));
            return null;
        }
        return granularity;
    }

    /** An ISO date ({@code 2024-01-01}), or {@code null} when absent. */
    LocalDate date(String name, String value) {
        return parsed(name, value, LocalDate::parse, "INVALID_DATE", "a date (YYYY-MM-DD)");
    }

    /** An ISO instant ({@code 2025-11-03T00:00:00Z}), or {@code null} when absent. */
    Instant instant(String name, String value) {
        return parsed(name, value, Instant::parse, "INVALID_INSTANT", "an instant (e.g. 2025-11-03T00:00:00Z)");
    }

    private <T> T parsed(String name, String value, Function<String, T> parser, String code, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (DateTimeParseException e) {
            violations.add(ProblemHandlers.violation(name, code, "'" + value + "' is not " + what));
            return null;
        }
    }

    /** A year between 1900 and 2999, or {@code null} when absent. */
    Integer year(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int year = Integer.parseInt(value.strip());
            if (year >= 1900 && year <= 2999) {
                return year;
            }
        } catch (NumberFormatException e) {
            // answered below with the other wrong values
        }
        violations.add(ProblemHandlers.violation(name, "INVALID_YEAR", "'" + value + "' is not a year (e.g. 2024)"));
        return null;
    }

    /** {@code from} must not be after {@code to}. */
    void range(String fromName, LocalDate from, String toName, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            violations.add(ProblemHandlers.violation(fromName, "EMPTY_RANGE", fromName + " " + from + " is after "
                    + toName + " " + to));
        }
    }

    /** A value among the allowed ones (compared in upper case); {@code defaultValue} when absent. */
    String oneOf(String name, String value, List<String> allowed, String defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            violations.add(ProblemHandlers.violation(name, "UNKNOWN_VALUE", "'" + value + "' is not one of "
                    + allowed));
            return defaultValue;
        }
        return upper;
    }

    /** Throws the collected problems, if any. */
    void check() {
        if (!violations.isEmpty()) {
            throw new InvalidParametersException(status, violations);
        }
    }

    /** What a first look at a KPI shows: its years where it has them, else its programme, months or days. */
    static KpiGranularity firstLook(KpiDefinition kpi) {
        List<KpiGranularity> order = List.of(KpiGranularity.YEAR, KpiGranularity.PROGRAMME, KpiGranularity.MONTH,
                KpiGranularity.DAY);
        return order.stream().filter(kpi::declaresGranularity).findFirst().orElseThrow();
    }
}

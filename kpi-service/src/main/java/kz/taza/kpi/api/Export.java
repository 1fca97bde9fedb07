package kz.taza.kpi.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every query answers as JSON or as CSV: {@code ?format=csv} (or {@code Accept: text/csv}) gives the query's rows as a
 * CSV download (RFC 4180: a header line, fields with a comma, quote or line break quoted), {@code ?format=json} or
 * nothing the JSON document. The rows of a query are its {@link Table}: the JSON document's main list, flat.
 */
final class Export {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private static final List<String> FORMATS = List.of("JSON", "CSV");

    private Export() {
    }

    /** A query's rows: the column names and, per row, one value per column ({@code null} is an empty field). */
    record Table(List<String> columns, List<List<Object>> rows) {

        static Table of(String... columns) {
            return new Table(List.of(columns), new ArrayList<>());
        }

        Table row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
            }
            rows.add(java.util.Arrays.asList(values));
            return this;
        }

        String csv() {
            StringBuilder csv = new StringBuilder();
            line(csv, new ArrayList<>(columns));
            rows.forEach(row -> line(csv, row));
            return csv.toString();
        }

        private static void line(StringBuilder csv, List<?> fields) {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                Object field = fields.get(i);
                String text = field == null ? "" : field.toString();
                if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                        || text.indexOf('\r') >= 0) {
                    text = '"' + text.replace("\"", "\"\"") + '"';
                }
                csv.append(text);
            }
            csv.append("\r\n");
        }
    }

    /** Reads the requested format ({@code format} parameter, else the Accept header): true for CSV. */
    static boolean wantsCsv(QueryParameters params, String format, HttpServletRequest request) {
        String chosen = params.oneOf("format", format, FORMATS, null);
        if (chosen != null) {
            return chosen.equals("CSV");
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/csv");
    }

    /**
     * The answer: the table as a CSV download named {@code <name>.csv}, or the JSON document. Typed by the JSON
     * document (the handler's schema); the CSV body is written as the text it is, and declared in the OpenAPI
     * document by {@link CsvExportDocumentation}.
     */
    @SuppressWarnings("unchecked")
    static <T> ResponseEntity<T> answer(boolean csv, String name, T json, Table table) {
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return (ResponseEntity<T>) (ResponseEntity<?>) ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .body(table.csv());
    }
}

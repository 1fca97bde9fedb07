package kz.taza.platform.test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * JSON request bodies for property tests of the REST APIs: a valid body as a tree of maps and lists, values a client
 * may put in any field instead (missing, null, the wrong JSON type, numbers at and beyond their documented bounds, NaN
 * and infinities as strings, very long and unusual text, impossible and far-off dates), bodies that are not JSON at
 * all, and, independently of the services' code, what such a value means to the API: the value it reads, or that it
 * cannot read it (a 400 naming the field).
 *
 * <p>The reading rules are the platform's JSON binding as documented for clients: a text field takes a JSON string;
 * a count or amount takes a JSON integer within its Java type (a fraction is not a count); a measure takes any JSON
 * number, and also the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, and a number beyond a double
 * is infinite; a yes/no field takes {@code true}, {@code false} or those words as strings; a date takes an ISO
 * {@code yyyy-MM-dd} string (extended years with a sign too), nothing else; an empty string is read as absent for
 * numbers and yes/no fields.
 */
public final class RequestBodies {

    /** A field left out of the body. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    /** JSON text put into the body as it is (an object where a string belongs, a number no double holds). */
    public record Raw(String json) {
        @Override
        public String toString() {
            return json;
        }
    }

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    private RequestBodies() {
    }

    // ---------------------------------------------------------------- bodies

    /** A mutable copy of a body, its maps and lists copied too. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> copy(Map<String, Object> body) {
        return (Map<String, Object>) deepCopy(body);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    /**
     * The body with the value at {@code path} replaced ({@link #MISSING} removes it). A path is dotted with indices,
     * as the problem documents name fields: {@code sources[0].amsRequired}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> with(Map<String, Object> body, String path, Object value) {
        Map<String, Object> copy = copy(body);
        Object parent = copy;
        String[] steps = path.replace("[", ".[").split("\\.");
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            if (step.startsWith("[")) {
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                List<Object> list = (List<Object>) parent;
                if (last) {
                    if (value == MISSING) {
                        list.remove(index);
                    } else {
                        list.set(index, value);
                    }
                } else {
                    parent = list.get(index);
                }
            } else {
                Map<String, Object> map = (Map<String, Object>) parent;
                if (last) {
                    if (value == MISSING) {
                        map.remove(step);
                    } else {
                        map.put(step, value);
                    }
                } else {
                    parent = map.get(step);
                }
            }
        }
        return copy;
    }

    /** The value at a path of a body; {@link #MISSING} when it is not there. */
    public static Object at(Object body, String path) {
        Object current = body;
        for (String step : path.replace("[", ".[").split("\\.")) {
            if (step.isEmpty()) {
                continue;
            }
            if (step.startsWith("[")) {
                int index = Integer.parseInt(step.substring(1, step.length() - 1));
                if (!(current instanceof List<?> list) || index >= list.size()) {
                    return MISSING;
                }
                current = list.get(index);
            } else {
                if (!(current instanceof Map<?, ?> map) || !map.containsKey(step)) {
                    return MISSING;
                }
                current = map.get(step);
            }
        }
        return current;
    }

    /** The body as JSON text. */
    public static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d + ": use a string or Raw");
            }
            out.append(d);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof LocalDate date) {
            quote(out, date.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() == MISSING) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, e.getKey().toString());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    // control characters and lone surrogates escaped, so the body is valid UTF-8 JSON
                    if (c < 0x20 || Character.isSurrogate(c) && !wellPaired(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean wellPaired(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    // ---------------------------------------------------------------- values a client may send

    private static Arbitrary<Object> absent() {
        return Arbitraries.of(MISSING, null);
    }

    private static Arbitrary<Object> notAScalar() {
        return Arbitraries.of(new Raw("{}"), new Raw("[]"), new Raw("{\"value\":1}"), new Raw("[\"x\"]"));
    }

    /** Text: empty, blank, long, in other scripts, with control and direction characters, or not text at all. */
    public static Arbitrary<Object> texts() {
        Arbitrary<Object> unusual = Arbitraries.of("", " ", "\t\n", "Павлодарская ТЭЦ-2", "Қарағанды облысы",
                "Ақтөбе 🌲🌳", "\u202Eevil\u202C", "e\u0301\u0301", "nul\u0000byte", "'; DROP TABLE facilities;--",
                "<script>alert(1)</script>", "\uD83D", "  padded  ", "%00", "${jndi:ldap://x}");
        Arbitrary<Object> long_ = Arbitraries.of(1, 63, 64, 65, 99, 100, 101, 199, 200, 201, 999, 1000, 1001, 5000)
                .flatMap(n -> Arbitraries.of('x', 'ж', 'ә').map(c -> (Object) String.valueOf(c).repeat(n)));
        Arbitrary<Object> any = Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s);
        return Arbitraries.oneOf(absent(), notAScalar(), unusual, long_, any);
    }

    /** Identifiers: as {@link #texts()}, and near-misses of the id pattern (a leading dash, a slash, a space). */
    public static Arbitrary<Object> ids() {
        Arbitrary<Object> nearMisses = Arbitraries.of("-lead", ".lead", "a/b", "a b", "a:b", "ok-ID_1.2", "A",
                "x".repeat(64), "x".repeat(65), "x".repeat(100), "x".repeat(101), "ид-1", "a%2Fb", "..");
        return Arbitraries.oneOf(texts(), nearMisses);
    }

    /**
     * Identifiers for a path segment: those of {@link #ids()} that are text and that the servlet container hands on to
     * the application (it refuses an encoded slash, backslash or NUL, and a dot segment, itself, before any Taza code
     * runs, with its own 400 page), in a URL within its limit (8 KiB with the headers). Some of them the security
     * firewall refuses ({@link #refusedByFirewall}).
     */
    public static Arbitrary<String> pathIds() {
        return ids().filter(v -> v instanceof String s && !s.isEmpty() && s.length() <= 1001 && !s.equals(".")
                && !s.equals("..")
                && s.chars().noneMatch(c -> c == '/' || c == '\\' || c == 0))
                .map(v -> (String) v);
    }

    /**
     * Whether Spring Security's firewall refuses a path segment with this value (a percent sign or semicolon, a line
     * feed or carriage return, a line or paragraph separator; other control characters pass): answered 400
     * {@code /problems/request-rejected} before any handler runs.
     */
    public static boolean refusedByFirewall(String segment) {
        return segment.chars().anyMatch(c -> c == '%' || c == ';' || c == '\n' || c == '\r' || c == 0x2028
                || c == 0x2029);
    }

    /** Counts and amounts: around zero, around the documented bounds, beyond a long, fractions, not numbers. */
    public static Arbitrary<Object> integers(long... bounds) {
        List<Object> edges = new ArrayList<>(List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE,
                (long) Integer.MAX_VALUE, (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE - 1,
                new Raw("9223372036854775808"), new Raw("-9223372036854775809"), new Raw("1" + "0".repeat(40)),
                new Raw("1.5"), new Raw("2.0"), new Raw("1e3"), new Raw("-0"), "NaN", "Infinity", "twelve", "",
                new Raw("true")));
        for (long bound : bounds) {
            edges.add(bound);
            edges.add(bound - 1);
            edges.add(bound + 1);
        }
        return Arbitraries.oneOf(absent(), notAScalar(), Arbitraries.of(edges),
                Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.longs().between(-1000, 1000).map(v -> (Object) v));
    }

    /** Measures: zero and its sign, tiny and huge, around the documented bounds, NaN and infinities, not numbers. */
    public static Arbitrary<Object> decimals(double... bounds) {
        List<Object> edges = new ArrayList<>(List.of(0.0, -0.0, -1.0, 1.0, 1e-300, Double.MIN_VALUE,
                Double.MAX_VALUE, -Double.MAX_VALUE, new Raw("1e400"), new Raw("-1e400"),
                new Raw("0." + "0".repeat(400) + "1"), new Raw("1" + "0".repeat(400)), "NaN", "Infinity",
                "-Infinity", "lots", "", new Raw("false"), new Raw("12")));
        for (double bound : bounds) {
            edges.add(bound);
            edges.add(Math.nextDown(bound));
            edges.add(Math.nextUp(bound));
            edges.add(bound * 2);
        }
        return Arbitraries.oneOf(absent(), notAScalar(), Arbitraries.of(edges),
                Arbitraries.doubles().map(v -> (Object) v),
                Arbitraries.doubles().between(-1000, 1_000_000).map(v -> (Object) v));
    }

    /** Yes/no: the words as strings, other words, numbers, nothing. */
    public static Arbitrary<Object> booleans() {
        return Arbitraries.oneOf(absent(), notAScalar(),
                Arbitraries.of(true, false, "true", "false", "yes", "no", "TRUE ", ""));
    }

    /**
     * Dates: around the given documented days, impossible days, other formats, a number, the first and last day a
     * Java date holds (far beyond what a date of the domain can be, and beyond Avro's days since 1970 in an int).
     */
    public static Arbitrary<Object> dates(LocalDate... around) {
        List<Object> edges = new ArrayList<>(List.of("2025-02-30", "2025-13-01", "2025-00-10", "2025-1-1",
                "01.03.2025", "2025/03/01", "tomorrow", "", "-999999999-01-01", "+999999999-12-31", "0000-01-01",
                "1969-12-31", "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "+10000-01-01",
                "2025-03-01T10:00:00Z", new Raw("20250301"), new Raw("0"), new Raw("true")));
        for (LocalDate day : around) {
            for (int offset : new int[] {-366, -1, 0, 1, 366}) {
                edges.add(day.plusDays(offset).toString());
            }
        }
        Arbitrary<Object> any = Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(),
                LocalDate.of(2200, 12, 31).toEpochDay()).map(d -> (Object) LocalDate.ofEpochDay(d).toString());
        Arbitrary<Object> notADate = Arbitraries.of(new Raw("{}"), new Raw("{\"year\":2025}"), new Raw("[\"x\"]"));
        return Arbitraries.oneOf(absent(), notADate, Arbitraries.of(edges), any);
    }

    /** Names of an enumeration in any case, with spaces, misspelt, or not a name. */
    public static Arbitrary<Object> names(String... valid) {
        List<Object> values = new ArrayList<>();
        for (String name : valid) {
            values.add(name);
            values.add(name.toLowerCase(java.util.Locale.ROOT));
            values.add(" " + name + " ");
            values.add(name + "X");
        }
        values.addAll(List.of("", "UNKNOWN", "other", "ΣO2"));
        return Arbitraries.oneOf(absent(), notAScalar(), Arbitraries.of(values));
    }

    /**
     * Bodies that are not JSON for any endpoint's record: cut off, with trailing or missing characters, JavaScript
     * rather than JSON, a top-level array, string or number, or nothing at all.
     */
    public static Arbitrary<String> malformed(String validJson) {
        Arbitrary<String> cut = Arbitraries.integers().between(1, Math.max(1, validJson.length() - 1))
                .map(n -> validJson.substring(0, n));
        Arbitrary<String> fixed = Arbitraries.of("{", "}", "{\"a\":}", "{'a': 1}", "{a: 1}", "[]", "[{}]", "\"text\"",
                "42", "true", "{\"x\": NaN}", "{\"x\": 01}", "{\"x\": .5}", "{\"x\": 1,}", "{/* note */}",
                "{\"x\": \"\\q\"}", "{\"x\": \"\\uZZZZ\"}", validJson + "}", validJson + "x",
                validJson + validJson);
        return Arbitraries.oneOf(cut, fixed);
    }

    /** An extra member no endpoint knows: ignored by the API (clients may be newer than the service). */
    public static Arbitrary<Map.Entry<String, Object>> extraMembers() {
        return Combinators.combine(Arbitraries.of("unknownField", "facilityid", "__proto__", "$where", "x".repeat(300)),
                Arbitraries.oneOf(texts(), integers(), notAScalar()))
                .as((name, value) -> new java.util.AbstractMap.SimpleEntry<>(name, value));
    }

    /**
     * The valid body as it is, with one or two of its fields changed (each to a value of its arbitrary), or with an
     * extra member; mostly changed, so that most tries are refusals, which cost the service no command.
     */
    public static Arbitrary<Map<String, Object>> mutations(Map<String, Object> valid,
            Map<String, Arbitrary<Object>> fields) {
        List<String> paths = new ArrayList<>(fields.keySet());
        Arbitrary<Map<String, Object>> one = Arbitraries.of(paths).flatMap(path -> fields.get(path)
                .map(value -> with(valid, path, value)));
        Arbitrary<Map<String, Object>> two = one.flatMap(first -> Arbitraries.of(paths)
                .flatMap(path -> fields.get(path).map(value -> {
                    try {
                        return with(first, path, value);
                    } catch (RuntimeException e) {
                        return first; // the first change removed what the second addresses
                    }
                })));
        Arbitrary<Map<String, Object>> extra = extraMembers().map(member -> {
            Map<String, Object> body = copy(valid);
            body.put(member.getKey(), member.getValue());
            return body;
        });
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(valid).map(RequestBodies::copy)),
                Tuple.of(8, one), Tuple.of(2, two), Tuple.of(1, extra));
    }

    /**
     * What is wrong with a request, field by field, as a property's oracle finds it: fields whose value cannot be
     * read, and fields that break a documented rule.
     */
    public static final class Findings {
        private final Set<String> unreadable = new LinkedHashSet<>();
        private final Set<String> invalid = new LinkedHashSet<>();

        /** The field breaks a rule. */
        public void invalid(String field) {
            invalid.add(field);
        }

        /** The field's value cannot be read into its type. */
        public void unreadable(String field) {
            unreadable.add(field);
        }

        /** Whether the value was read; an unreadable one is noted. */
        public boolean readable(Read<?> read, String field) {
            if (!read.readable()) {
                unreadable.add(field);
            }
            return read.readable();
        }

        /** Whether there is a value to check further; an unreadable or missing one is noted. */
        public boolean required(Read<?> read, String field) {
            if (!readable(read, field)) {
                return false;
            }
            if (read.value() == null) {
                invalid.add(field);
                return false;
            }
            return true;
        }

        /** Whether the value was there, read and satisfies the rule; otherwise it is noted as the field's fault. */
        public <T> boolean require(Read<T> read, String field, java.util.function.Predicate<T> rule) {
            if (!required(read, field)) {
                return false;
            }
            if (!rule.test(read.value())) {
                invalid.add(field);
                return false;
            }
            return true;
        }

        public boolean ok() {
            return unreadable.isEmpty() && invalid.isEmpty();
        }

        public Set<String> invalidFields() {
            return invalid;
        }

        /** Accepted when nothing is wrong; else 400 for an unreadable value (read first), else 422. */
        public ApiProbe.Expected expected() {
            return ApiProbe.expect(unreadable, invalid);
        }

        /**
         * As {@link #expected()}, with checks made before the rest once the body is read (bean validation of the
         * request record): when any of {@code first} fails, only those are named.
         */
        public ApiProbe.Expected expected(Set<String> first) {
            return unreadable.isEmpty() && !first.isEmpty() ? new ApiProbe.Expected.Invalid(first) : expected();
        }
    }

    // ---------------------------------------------------------------- what the API reads from a value

    /**
     * What the API reads from one field's value: {@code value} (null when absent or null), or {@code readable ==
     * false} when it cannot be read into the field's type (answered 400 naming the field).
     */
    public record Read<T>(boolean readable, T value) {

        static <T> Read<T> of(T value) {
            return new Read<>(true, value);
        }

        static <T> Read<T> unreadable() {
            return new Read<>(false, null);
        }

        public boolean present() {
            return readable && value != null;
        }
    }

    public static Read<String> readText(Object v) {
        if (v == MISSING || v == null) {
            return Read.of(null);
        }
        return v instanceof String s ? Read.of(s) : Read.unreadable();
    }

    /** A JSON integer within {@code [min, max]} (the Java type's range). */
    public static Read<Long> readInteger(Object v, long min, long max) {
        if (v == MISSING || v == null || "".equals(v)) {
            return Read.of(null);
        }
        BigInteger number;
        if (v instanceof Long || v instanceof Integer) {
            number = BigInteger.valueOf(((Number) v).longValue());
        } else if (v instanceof Raw raw && raw.json().matches("-?(0|[1-9][0-9]*)")) {
            number = new BigInteger(raw.json());
        } else {
            return Read.unreadable();
        }
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            return Read.unreadable();
        }
        return Read.of(number.longValue());
    }

    public static Read<Long> readLong(Object v) {
        return readInteger(v, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static Read<Long> readInt(Object v) {
        return readInteger(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public static Read<Double> readDecimal(Object v) {
        if (v == MISSING || v == null || "".equals(v)) {
            return Read.of(null);
        }
        if (v instanceof Number n) {
            return Read.of(n.doubleValue());
        }
        if (v instanceof Raw raw && raw.json().matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return Read.of(new BigDecimal(raw.json()).doubleValue());
        }
        if (v instanceof String s) {
            return switch (s) {
                case "NaN" -> Read.of(Double.NaN);
                case "Infinity" -> Read.of(Double.POSITIVE_INFINITY);
                case "-Infinity" -> Read.of(Double.NEGATIVE_INFINITY);
                default -> Read.unreadable();
            };
        }
        return Read.unreadable();
    }

    public static Read<Boolean> readBoolean(Object v) {
        if (v == MISSING || v == null) {
            return Read.of(null);
        }
        if (v instanceof Boolean b) {
            return Read.of(b);
        }
        if (v instanceof String s) {
            // a string is read as Jackson's default reads it into a Boolean: trimmed, blank or "null" as absent
            String text = s.trim();
            if (text.isEmpty() || "null".equals(text)) {
                return Read.of(null);
            }
            if (List.of("true", "True", "TRUE").contains(text)) {
                return Read.of(true);
            }
            if (List.of("false", "False", "FALSE").contains(text)) {
                return Read.of(false);
            }
        }
        return Read.unreadable();
    }

    public static Read<LocalDate> readDate(Object v) {
        if (v == MISSING || v == null) {
            return Read.of(null);
        }
        if (!(v instanceof String s)) {
            return Read.unreadable();
        }
        try {
            return Read.of(s.matches("[+-]?[0-9]{4,10}-[0-9]{2}-[0-9]{2}") ? LocalDate.parse(s) : parseStrict(s));
        } catch (DateTimeParseException e) {
            return Read.unreadable();
        }
    }

    private static LocalDate parseStrict(String s) {
        return LocalDate.parse(s, ISO_DATE);
    }

    /** A JSON string that is exactly one of the names (a Java enum's), or absent. */
    public static Read<String> readName(Object v, List<String> names) {
        if (v == MISSING || v == null) {
            return Read.of(null);
        }
        return v instanceof String s && names.contains(s) ? Read.of(s) : Read.unreadable();
    }

    /** The text, when it is one; empty for anything else. */
    public static Optional<String> text(Object v) {
        return v instanceof String s ? Optional.of(s) : Optional.empty();
    }
}

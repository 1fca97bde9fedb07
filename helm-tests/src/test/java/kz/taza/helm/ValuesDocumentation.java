package kz.taza.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.json.JsonMapper;

/**
 * The values of a chart as its {@code values.yaml} documents them: every value that carries a {@code # --} comment
 * (the comment lines right above it, continued by plain {@code #} lines), with its type from
 * {@code values.schema.json} (or from the default where the schema says nothing) and its default from the file. A
 * value without a comment of its own is covered by its nearest commented parent, which stands for the whole block
 * (for example {@code resources}); any other value is {@link #undocumented()}. {@link #markdownTable()} is the table
 * each chart's README carries.
 */
final class ValuesDocumentation {

    /** One documented value. */
    record Value(String path, String type, String defaultValue, String meaning) {
    }

    private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+):(?:\\s.*)?$");
    private static final Pattern DOC = Pattern.compile("^\\s*# -- ?(.*)$");
    private static final Pattern CONTINUED = Pattern.compile("^\\s*#(?! --)\\s?(.*)$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Value> values;
    private final List<String> undocumented;

    private ValuesDocumentation(List<Value> values, List<String> undocumented) {
        this.values = values;
        this.undocumented = undocumented;
    }

    /** Reads {@code values.yaml} and {@code values.schema.json} of the chart directory. */
    @SuppressWarnings("unchecked")
    static ValuesDocumentation of(Path chart) throws IOException {
        List<String> lines = Files.readAllLines(chart.resolve("values.yaml"));
        Map<String, Object> defaults = new Yaml().load(String.join("\n", lines));
        Path schemaFile = chart.resolve("values.schema.json");
        Map<String, Object> schema = Files.exists(schemaFile)
                ? JSON.readValue(Files.readString(schemaFile), Map.class) : Map.of();

        List<Value> values = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        Deque<Object[]> parents = new ArrayDeque<>(); // {indent, key, documented}
        List<String> comment = new ArrayList<>();
        Integer listIndent = null;
        for (String line : lines) {
            int indent = line.length() - line.stripLeading().length();
            String stripped = line.strip();
            if (listIndent != null && (stripped.isEmpty() || indent >= listIndent)) {
                continue; // inside the entries of a list: part of its parent's value
            }
            listIndent = null;
            Matcher doc = DOC.matcher(line);
            Matcher continued = CONTINUED.matcher(line);
            if (doc.matches()) {
                comment.clear();
                comment.add(doc.group(1).strip());
                continue;
            }
            if (continued.matches()) {
                if (!comment.isEmpty()) {
                    comment.add(continued.group(1).strip());
                }
                continue;
            }
            if (stripped.startsWith("- ")) {
                listIndent = indent;
                comment.clear();
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (!key.matches()) {
                comment.clear();
                continue;
            }
            while (!parents.isEmpty() && (int) parents.peek()[0] >= indent) {
                parents.pop();
            }
            List<String> path = new ArrayList<>();
            parents.descendingIterator().forEachRemaining(p -> path.add((String) p[1]));
            path.add(key.group(2));
            boolean underDocumented = parents.stream().anyMatch(p -> (boolean) p[2]);
            boolean documented = !comment.isEmpty();
            String dotted = String.join(".", path);
            Object value = at(defaults, path);
            if (documented) {
                values.add(new Value(dotted, type(schema, path, value), defaultOf(value),
                        String.join(" ", comment)));
            } else if (!underDocumented && !(value instanceof Map<?, ?> map && !map.isEmpty())) {
                undocumented.add(dotted);
            }
            parents.push(new Object[] {indent, key.group(2), documented || underDocumented});
            comment.clear();
        }
        return new ValuesDocumentation(List.copyOf(values), List.copyOf(undocumented));
    }

    List<Value> values() {
        return values;
    }

    /** Leaf values that neither have a comment nor sit in a commented block. */
    List<String> undocumented() {
        return undocumented;
    }

    /** The Markdown table of the values, one row each, in the file's order. */
    String markdownTable() {
        StringBuilder table = new StringBuilder("| value | type | default | meaning |\n|---|---|---|---|\n");
        for (Value v : values) {
            table.append("| `").append(v.path()).append("` | ").append(v.type()).append(" | ")
                    .append(v.defaultValue()).append(" | ").append(escape(v.meaning())).append(" |\n");
        }
        return table.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> root, List<String> path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static String type(Map<String, Object> schema, List<String> path, Object value) {
        Object node = schema;
        for (String key : path) {
            Object properties = node instanceof Map<?, ?> map ? map.get("properties") : null;
            node = properties instanceof Map<?, ?> map ? map.get(key) : null;
        }
        Object type = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("type") : null;
        if (type instanceof List<?> types) {
            return types.stream().map(t -> name(t.toString())).collect(Collectors.joining(" or "));
        }
        if (type != null) {
            return name(type.toString());
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof List) {
            return "list";
        }
        return value instanceof Map ? "object" : "string";
    }

    private static String name(String jsonSchemaType) {
        return jsonSchemaType.equals("array") ? "list" : jsonSchemaType;
    }

    private static String defaultOf(Object value) {
        if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
            return list.size() + (list.size() == 1 ? " entry" : " entries") + " (see values.yaml)";
        }
        String json = JSON.writeValueAsString(value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
        // A block too long for a table cell is shown where it is kept.
        return json.length() > 100 ? "see values.yaml" : "`" + escape(json) + "`";
    }

    /** Table cells: a pipe would end the cell, and Markdown would take {@code <cluster>} for an HTML tag. */
    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}

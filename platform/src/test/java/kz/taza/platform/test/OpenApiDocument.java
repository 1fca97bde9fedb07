package kz.taza.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

/**
 * A service's OpenAPI document as it is checked in under {@code docs/openapi/<service>.json}: keys sorted at every
 * level, pretty-printed, without {@code servers} (the address it was fetched from is not part of the API), one
 * trailing newline. The same served document always gives the same text, so a change to the API shows as a change
 * to that file in review.
 *
 * <p>{@link ServiceStartsContract} compares the document each service serves with its file. To accept a change of the
 * API, rewrite the files instead of comparing: run the services' contract tests with {@value #WRITE_PROPERTY}=true,
 * e.g. {@code mvn -pl platform,permit-service -am test -Dtest='*Test#servesTheOpenApiDocumentCheckedIn'
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtaza.openapi.write=true} (all five services: README, "The API"), and
 * commit the files.
 */
public final class OpenApiDocument {

    /** The system property that makes the check rewrite the checked-in file instead of comparing with it. */
    public static final String WRITE_PROPERTY = "taza.openapi.write";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiDocument() {
    }

    /** The document in its checked-in form. */
    public static String canonical(String servedJson) {
        Object document = sorted(JSON.readValue(servedJson, Object.class));
        if (document instanceof Map<?, ?> top) {
            top.remove("servers");
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
    }

    /** Where the checked-in document of the service lives: {@code docs/openapi/<service>.json} of the repository. */
    public static Path file(String service) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/architecture.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a directory with docs/architecture.md) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/openapi").resolve(service + ".json");
    }

    /** Whether the check rewrites the files ({@value #WRITE_PROPERTY}=true) instead of comparing. */
    public static boolean writing() {
        return Boolean.getBoolean(WRITE_PROPERTY);
    }

    public static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String document) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A hint for a person at what differs between the checked-in document and the served one: the operations and
     * schemas added, removed or changed, and the first differing line of the files.
     */
    public static String differences(String checkedIn, String served) {
        List<String> hints = new ArrayList<>();
        Map<String, Object> before = asMap(JSON.readValue(checkedIn, Object.class));
        Map<String, Object> after = asMap(JSON.readValue(served, Object.class));
        compare("operation", operations(before), operations(after), hints);
        compare("schema", section(before, "components", "schemas"), section(after, "components", "schemas"), hints);
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!key.equals("paths") && !key.equals("components") && !Objects.equals(before.get(key), after.get(key))) {
                hints.add("changed: " + key);
            }
        }
        String[] a = checkedIn.split("\n", -1);
        String[] b = served.split("\n", -1);
        int line = 0;
        while (line < a.length && line < b.length && a[line].equals(b[line])) {
            line++;
        }
        hints.add("first difference at line " + (line + 1) + ":\n  checked in: "
                + (line < a.length ? a[line].strip() : "(end of file)") + "\n  served:     "
                + (line < b.length ? b[line].strip() : "(end of file)"));
        return String.join("\n", hints);
    }

    private static void compare(String what, Map<String, Object> before, Map<String, Object> after,
            List<String> hints) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            if (!before.containsKey(name)) {
                hints.add("added " + what + ": " + name);
            } else if (!after.containsKey(name)) {
                hints.add("removed " + what + ": " + name);
            } else if (!Objects.equals(before.get(name), after.get(name))) {
                hints.add("changed " + what + ": " + name);
            }
        }
    }

    private static Map<String, Object> operations(Map<String, Object> document) {
        Map<String, Object> operations = new TreeMap<>();
        section(document, "paths").forEach((path, methods) -> asMap(methods).forEach((method, operation) ->
                operations.put(method.toUpperCase() + " " + path, operation)));
        return operations;
    }

    private static Map<String, Object> section(Map<String, Object> document, String... keys) {
        Map<String, Object> section = document;
        for (String key : keys) {
            section = asMap(section.get(key));
        }
        return section;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, child) -> sorted.put(String.valueOf(key), sorted(child)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(OpenApiDocument::sorted).toList();
        }
        return value;
    }
}

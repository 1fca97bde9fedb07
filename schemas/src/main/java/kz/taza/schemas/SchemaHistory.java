package kz.taza.schemas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Every published version of every schema, as shipped in this jar.
 *
 * <p>A version, once published, is a file {@code src/main/avro-history/<full.Name>/v<N>.avsc} that is never
 * edited; it is a self-contained schema (named types inlined), so a consumer in any language can use it alone.
 * The files are found through the hand-kept {@code INDEX} beside them, one {@code <full.Name>/v<N>.avsc} per
 * line, never by scanning the class path (which does not work inside every packaging); a test keeps the index
 * and the directory in step.
 */
public final class SchemaHistory {

    /** Class-path folder holding the history and its index. */
    public static final String RESOURCE_ROOT = "kz/taza/schemas/avro-history";
    /** Name of the index file inside {@link #RESOURCE_ROOT}. */
    public static final String INDEX = "INDEX";

    private static final Pattern ENTRY = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)/v([1-9][0-9]*)\\.avsc");

    /** One published version of one schema. */
    public record PublishedVersion(String type, int version, String entry, Schema schema) {
    }

    private final List<PublishedVersion> versions;
    private final Map<String, List<Schema>> byType;

    private SchemaHistory(List<PublishedVersion> versions) {
        List<PublishedVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(PublishedVersion::type).thenComparingInt(PublishedVersion::version));
        this.versions = List.copyOf(sorted);
        Map<String, List<Schema>> grouped = new LinkedHashMap<>();
        for (PublishedVersion v : this.versions) {
            grouped.computeIfAbsent(v.type(), t -> new ArrayList<>()).add(v.schema());
        }
        grouped.replaceAll((type, list) -> List.copyOf(list));
        this.byType = Map.copyOf(grouped);
    }

    /** The history shipped in this jar. */
    public static SchemaHistory shipped() {
        return Shipped.INSTANCE;
    }

    /** Loads the history whose index is {@code <root>/INDEX} on the given class loader. */
    public static SchemaHistory load(ClassLoader loader, String root) {
        Objects.requireNonNull(loader, "loader");
        String indexPath = root + "/" + INDEX;
        List<PublishedVersion> versions = new ArrayList<>();
        for (String entry : readIndex(loader, indexPath)) {
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw new IllegalStateException(indexPath + ": entry '" + entry + "' is not <full.Name>/v<N>.avsc");
            }
            String type = m.group(1);
            int version = Integer.parseInt(m.group(2));
            Schema schema = parse(loader, root + "/" + entry);
            if (!schema.getFullName().equals(type)) {
                throw new IllegalStateException(root + "/" + entry + " defines " + schema.getFullName()
                        + ", but its folder says " + type);
            }
            versions.add(new PublishedVersion(type, version, entry, schema));
        }
        SchemaHistory history = new SchemaHistory(versions);
        history.checkVersionsAreContiguous(indexPath);
        return history;
    }

    /**
     * The text to save as a new history version of a schema (e.g. a generated class's {@code getClassSchema()}):
     * self-contained, with named types inlined, and language-neutral (without the Java-only
     * {@code avro.java.string} hints the code generator adds).
     */
    public static String publishedForm(Schema schema) {
        String json = schema.toString(false)
                .replace(",\"avro.java.string\":\"String\"", "")
                .replace("{\"type\":\"string\"}", "\"string\"");
        return new Schema.Parser().parse(json).toString(true) + "\n";
    }

    /** Every published version, by type then version number. */
    public List<PublishedVersion> versions() {
        return versions;
    }

    /** The index entries, in the form {@code <full.Name>/v<N>.avsc}. */
    public List<String> entries() {
        return versions.stream().map(PublishedVersion::entry).toList();
    }

    /** Full names of the types with at least one published version. */
    public Set<String> types() {
        return byType.keySet();
    }

    /** The published versions of a type, oldest first; empty when it has none. */
    public List<Schema> versionsOf(String fullName) {
        return byType.getOrDefault(fullName, List.of());
    }

    /** The schemas of every published version. */
    public List<Schema> schemas() {
        return versions.stream().map(PublishedVersion::schema).toList();
    }

    private void checkVersionsAreContiguous(String indexPath) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (PublishedVersion v : versions) {
            int next = expected.merge(v.type(), 1, (old, one) -> old + 1);
            if (v.version() != next) {
                throw new IllegalStateException(indexPath + ": " + v.type() + " lists v" + v.version()
                        + " where v" + next + " was expected (versions are 1, 2, 3, ... with no gaps or repeats)");
            }
        }
    }

    private static List<String> readIndex(ClassLoader loader, String indexPath) {
        try (InputStream in = loader.getResourceAsStream(indexPath)) {
            if (in == null) {
                throw new IllegalStateException("schema history index " + indexPath + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> entries = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    entries.add(entry);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + indexPath, e);
        }
    }

    private static Schema parse(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema history index lists " + path + ", which is not on the class path");
            }
            // A fresh parser per file: every history version is self-contained and names may repeat across files.
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        } catch (SchemaParseException e) {
            throw new IllegalStateException(path + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static final class Shipped {
        static final SchemaHistory INSTANCE = load(SchemaHistory.class.getClassLoader(), RESOURCE_ROOT);
    }
}

package kz.taza.schemas.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;

import kz.taza.schemas.SchemaHistory;

/**
 * Resolves the fingerprint in a message to its writer schema. This replaces a registry server: it holds every
 * published version of every schema (the shipped {@link SchemaHistory}) and the current version of every type
 * (from the generated classes). Immutable and thread-safe.
 */
public final class SchemaCatalogue implements WriterSchemaSource {

    private final Map<Long, Schema> byFingerprint;

    private SchemaCatalogue(Map<Long, Schema> byFingerprint) {
        this.byFingerprint = Map.copyOf(byFingerprint);
    }

    /**
     * The catalogue shipped in this jar: every history version, and the current schema of each type that has a
     * history (read from its generated class).
     */
    public static SchemaCatalogue shipped() {
        return Shipped.INSTANCE;
    }

    /** A catalogue of exactly these schemas (for tests, or for a consumer that brings its own). */
    public static SchemaCatalogue of(Schema... schemas) {
        return of(Arrays.asList(schemas));
    }

    /** A catalogue of exactly these schemas. */
    public static SchemaCatalogue of(Collection<Schema> schemas) {
        return new SchemaCatalogue(Map.of()).with(schemas);
    }

    /** This catalogue plus the given schemas. */
    public SchemaCatalogue with(Schema... schemas) {
        return with(Arrays.asList(schemas));
    }

    /** This catalogue plus the given schemas. */
    public SchemaCatalogue with(Collection<Schema> schemas) {
        Map<Long, Schema> merged = new HashMap<>(byFingerprint);
        for (Schema schema : schemas) {
            add(merged, Objects.requireNonNull(schema, "schema"));
        }
        return merged.size() == byFingerprint.size() ? this : new SchemaCatalogue(merged);
    }

    /** The writer schema with this fingerprint, if any published version has it. */
    @Override
    public Optional<Schema> find(long fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    /**
     * The writer schema with this fingerprint.
     *
     * @param topic where the message came from, or null; named in the error
     * @throws UnknownSchemaException when no published version has it
     */
    public Schema require(long fingerprint, String topic) {
        Schema schema = byFingerprint.get(fingerprint);
        if (schema == null) {
            throw new UnknownSchemaException(fingerprint, topic);
        }
        return schema;
    }

    /** True when a schema with this fingerprint is known. */
    public boolean contains(long fingerprint) {
        return byFingerprint.containsKey(fingerprint);
    }

    /** Every distinct schema (by fingerprint). */
    public Collection<Schema> schemas() {
        return byFingerprint.values();
    }

    /** The known versions of one type (by full name), in no particular order. */
    public List<Schema> versionsOf(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (Schema schema : byFingerprint.values()) {
            if (schema.getFullName().equals(fullName)) {
                versions.add(schema);
            }
        }
        return versions;
    }

    /** Number of distinct schemas. */
    public int size() {
        return byFingerprint.size();
    }

    private static void add(Map<Long, Schema> map, Schema schema) {
        long fingerprint = SingleObjectEncoding.fingerprint(schema);
        Schema known = map.putIfAbsent(fingerprint, schema);
        // The fingerprint covers the Parsing Canonical Form: docs, defaults and logical types may differ between
        // two schemas with one fingerprint (and do not matter to a writer schema). Anything else is a collision.
        if (known != null && !SchemaNormalization.toParsingForm(known).equals(SchemaNormalization.toParsingForm(schema))) {
            throw new IllegalStateException("fingerprint collision " + SingleObjectEncoding.hex(fingerprint)
                    + " between " + known.getFullName() + " and " + schema.getFullName());
        }
    }

    /**
     * The schema each shipped type is written with today: the schema of its generated class, for every type of the
     * history whose class is on the class path. These are the writer schemas a producer built from this jar uses.
     */
    public static List<Schema> currentSchemas() {
        return Shipped.CURRENT;
    }

    private static List<Schema> loadCurrent() {
        AvroTrust.install();
        SchemaHistory history = SchemaHistory.shipped();
        List<Schema> current = new ArrayList<>();
        for (String type : history.types()) {
            Class<?> generated = SpecificData.get().getClass(history.versionsOf(type).get(0));
            if (generated != null) {
                current.add(SpecificData.get().getSchema(generated));
            }
        }
        return List.copyOf(current);
    }

    private static SchemaCatalogue loadShipped() {
        // Current first: when a current schema shares its fingerprint with a history version, keep the current.
        Set<Schema> schemas = new LinkedHashSet<>(Shipped.CURRENT);
        schemas.addAll(SchemaHistory.shipped().schemas());
        return of(schemas);
    }

    private static final class Shipped {
        static final List<Schema> CURRENT = loadCurrent();
        static final SchemaCatalogue INSTANCE = loadShipped();
    }
}

package kz.taza.schemas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/**
 * The compatibility rule of Taza's public schemas: FULL_TRANSITIVE. The current version of a schema must read data
 * written with every earlier version, and every earlier version must read data written with the current one, so
 * producers and consumers can upgrade in any order.
 */
public final class SchemaEvolution {

    private static final SchemaValidator FULL_TRANSITIVE =
            new SchemaValidatorBuilder().mutualReadStrategy().validateAll();

    private SchemaEvolution() {
    }

    /**
     * Why {@code current} is not FULL_TRANSITIVE compatible with {@code earlier} (oldest first); empty when it is.
     * The verdict is Avro's {@link SchemaValidator}; the messages say which version and which field.
     */
    public static List<String> incompatibilities(Schema current, List<Schema> earlier) {
        try {
            // The validator expects the most recent version first.
            List<Schema> newestFirst = new ArrayList<>(earlier);
            Collections.reverse(newestFirst);
            FULL_TRANSITIVE.validate(current, newestFirst);
            return List.of();
        } catch (SchemaValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < earlier.size(); i++) {
                String version = "v" + (i + 1);
                describe(problems, "current cannot read " + version, current,
                        SchemaCompatibility.checkReaderWriterCompatibility(current, earlier.get(i)));
                describe(problems, version + " cannot read current", earlier.get(i),
                        SchemaCompatibility.checkReaderWriterCompatibility(earlier.get(i), current));
            }
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
            return List.copyOf(problems);
        }
    }

    /** True when {@code current} is FULL_TRANSITIVE compatible with every earlier version. */
    public static boolean isFullTransitive(Schema current, List<Schema> earlier) {
        return incompatibilities(current, earlier).isEmpty();
    }

    private static void describe(List<String> problems, String direction, Schema reader,
            SchemaPairCompatibility pair) {
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            String field = fieldPath(reader, incompatibility.getLocation());
            problems.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + (field.isEmpty() ? "" : " (field " + field + ")")
                    + ": " + incompatibility.getMessage());
        }
    }

    /** The dotted field names along a JSON-pointer location in the reader schema, e.g. period.start. */
    private static String fieldPath(Schema schema, String location) {
        List<String> names = new ArrayList<>();
        String[] segments = location.split("/");
        Schema at = schema;
        try {
            for (int i = 0; i < segments.length && at != null; i++) {
                switch (segments[i]) {
                    case "fields" -> {
                        Schema.Field field = at.getFields().get(Integer.parseInt(segments[++i]));
                        names.add(field.name());
                        at = field.schema();
                        if (i + 1 < segments.length && segments[i + 1].equals("type")) {
                            i++;
                        }
                    }
                    case "items" -> at = at.getElementType();
                    case "values" -> at = at.getValueType();
                    default -> {
                        if (at.getType() == Schema.Type.UNION && segments[i].matches("[0-9]+")) {
                            at = at.getTypes().get(Integer.parseInt(segments[i]));
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // Best effort only: the raw location is in the message anyway.
        }
        return String.join(".", names);
    }
}

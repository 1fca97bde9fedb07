package kz.taza.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/** Generated classes by full schema name, through plain reflection (no Avro trust needed to look them up). */
final class GeneratedTypes {

    private GeneratedTypes() {
    }

    /** The generated class of a schema full name, or null when none was generated. */
    static Class<?> classOf(String fullName) {
        try {
            return Class.forName(fullName, false, GeneratedTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The current schema of a generated class. */
    static Schema currentSchema(String fullName) {
        Class<?> type = classOf(fullName);
        if (type == null) {
            throw new AssertionError("no generated class for " + fullName);
        }
        return SpecificData.get().getSchema(type);
    }
}

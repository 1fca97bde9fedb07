package kz.taza.schemas;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * A record of any schema with every field filled, deterministically, in Avro's own generic representation (logical
 * types as their underlying int or long): unions take their first branch that is not null, arrays and maps one
 * element, enums their first symbol, so that no field is left out of what a decoder must read.
 */
final class SampleRecords {

    /** 2024-03-15, as Avro's {@code date}: days since 1970-01-01. */
    static final int DATE = 19_797;
    /** 2024-03-15T06:20:00.123Z, as Avro's {@code timestamp-millis}. */
    static final long TIMESTAMP_MILLIS = 1_710_483_600_123L;

    private SampleRecords() {
    }

    static Object of(Schema schema) {
        return of(schema, schema.getName());
    }

    private static Object of(Schema schema, String name) {
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case RECORD -> {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    record.put(field.pos(), of(field.schema(), field.name()));
                }
                yield record;
            }
            case UNION -> of(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                    .orElse(schema.getTypes().get(0)), name);
            case ARRAY -> new ArrayList<>(List.of(of(schema.getElementType(), name)));
            case MAP -> new LinkedHashMap<>(Map.of(name + "-key", of(schema.getValueType(), name)));
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case STRING -> name + "-sample";
            case INT -> logical != null && logical.getName().equals("date") ? DATE : 7;
            case LONG -> logical != null && logical.getName().startsWith("timestamp") ? TIMESTAMP_MILLIS : 42L;
            case DOUBLE -> 12.5;
            case FLOAT -> 1.5f;
            case BOOLEAN -> true;
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case NULL -> null;
        };
    }
}

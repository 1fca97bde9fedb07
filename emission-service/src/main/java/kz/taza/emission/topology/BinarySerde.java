package kz.taza.emission.topology;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for the service's internal state and repartition records (never on a public topic), written field by field
 * ({@link BinaryOut}, in {@link java.io.DataOutputStream}'s format) and read with {@link DataInputStream}: compact, and free of
 * schema lookups on the hot path. Public records stay Avro.
 *
 * @param <T> the value type
 */
final class BinarySerde<T> implements Serde<T> {

    /** Writes one value. */
    interface Writer<T> {
        void write(T value, BinaryOut out);
    }

    /** Reads one value. */
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private final String name;
    private final Writer<T> writer;
    private final Reader<T> reader;

    BinarySerde(String name, Writer<T> writer, Reader<T> reader) {
        this.name = name;
        this.writer = writer;
        this.reader = reader;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            BinaryOut out = BinaryOut.reset();
            writer.write(value, out);
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                T value = reader.read(in);
                if (in.available() > 0) {
                    // Bytes that are not this value: refuse them rather than read something from their start.
                    throw new SerializationException(in.available() + " bytes left after a whole " + name);
                }
                return value;
            } catch (IOException | RuntimeException e) {
                throw e instanceof SerializationException s ? s : new SerializationException("cannot read " + name, e);
            }
        };
    }

    static void writeNullable(BinaryOut out, String text) {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}

package kz.taza.emission.topology;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.function.Predicate;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for the service's internal state and repartition records (never on a public topic), written field by field
 * ({@link BinaryOut}, in {@link java.io.DataOutputStream}'s format) and read with {@link DataInputStream}: compact, and free of
 * schema lookups on the hot path. Public records stay Avro.
 *
 * <p>A form is versioned ({@link #versioned}): it begins with the byte {@code 0x80 + version}. The service's first
 * forms (version 1: amounts in doubles) had no version byte, except the source record's, which began with 1; each
 * type says how its version-1 form is told from a versioned one and still reads it, so that a store restored from a
 * changelog written before the upgrade, and a repartition topic's records written by an instance not yet upgraded, are
 * taken over. A version byte the reader does not know is refused rather than misread.
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

    /** Reads one value of a versioned form, knowing which version it is (2 to the serde's own). */
    interface VersionedReader<T> {
        T read(int version, DataInputStream in) throws IOException;
    }

    /** The flag of a version byte: a versioned form begins with {@code VERSIONED | version}. */
    static final int VERSIONED = 0x80;

    private final String name;
    private final Writer<T> writer;
    private final Reader<T> reader;
    /** The version byte of the form written and read; -1 for an unversioned form. */
    private final int versionByte;
    private final Predicate<byte[]> isVersionOne;
    private final Reader<T> versionOne;
    /** Reads the earlier versioned forms (2 up to the current one's); null when only the current one is read. */
    private final VersionedReader<T> earlier;

    BinarySerde(String name, Writer<T> writer, Reader<T> reader) {
        this(name, -1, writer, reader, bytes -> false, null, null);
    }

    private BinarySerde(String name, int versionByte, Writer<T> writer, Reader<T> reader,
            Predicate<byte[]> isVersionOne, Reader<T> versionOne, VersionedReader<T> earlier) {
        this.name = name;
        this.writer = writer;
        this.reader = reader;
        this.versionByte = versionByte;
        this.isVersionOne = isVersionOne;
        this.versionOne = versionOne;
        this.earlier = earlier;
    }

    /**
     * A serde of a versioned form: {@code writer} and {@code reader} write and read what follows the version byte;
     * bytes that {@code isVersionOne} says are the type's first form are read, whole, by {@code versionOne}.
     */
    static <T> BinarySerde<T> versioned(String name, int version, Writer<T> writer, Reader<T> reader,
            Predicate<byte[]> isVersionOne, Reader<T> versionOne) {
        if (version < 2 || version > 0x7F) {
            throw new IllegalArgumentException("version " + version + " of " + name + " is not 2 to 127");
        }
        return new BinarySerde<>(name, VERSIONED | version, writer, reader, isVersionOne, versionOne, null);
    }

    /**
     * A serde of a versioned form that also reads its earlier versioned forms: {@code reader} is told the version
     * (2 to {@code version}) of what follows the version byte; bytes of the first form go to {@code versionOne}.
     */
    static <T> BinarySerde<T> versionedWithEarlier(String name, int version, Writer<T> writer,
            VersionedReader<T> reader, Predicate<byte[]> isVersionOne, Reader<T> versionOne) {
        if (version < 3 || version > 0x7F) {
            throw new IllegalArgumentException("version " + version + " of " + name + " is not 3 to 127");
        }
        return new BinarySerde<>(name, VERSIONED | version, writer, in -> reader.read(version, in), isVersionOne,
                versionOne, reader);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            BinaryOut out = BinaryOut.reset();
            if (versionByte >= 0) {
                out.writeByte(versionByte);
            }
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
                T value = read(data, in);
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

    private T read(byte[] data, DataInputStream in) throws IOException {
        if (versionByte < 0) {
            return reader.read(in);
        }
        if (isVersionOne.test(data)) {
            return versionOne.read(in);
        }
        int version = in.readUnsignedByte();
        if (earlier != null && version >= (VERSIONED | 2) && version < versionByte) {
            return earlier.read(version & ~VERSIONED, in);
        }
        if (version != versionByte) {
            throw new SerializationException(name + " version byte 0x" + Integer.toHexString(version)
                    + " is not known to this version of emission-service (it reads 0x"
                    + Integer.toHexString(versionByte) + " and version 1)");
        }
        return reader.read(in);
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

package kz.taza.schemas.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Avro single-object encoding for generated classes, with writer schemas resolved through a
 * {@link SchemaCatalogue} by the fingerprint each message carries.
 *
 * <p>Writes with the current schema of the record's class. Reads any published version of the types it is built
 * for, resolved against their current schema (Avro schema resolution: fields added later get their defaults), and
 * any version a {@link RuntimeSchemas} source knows, such as one a newer producer published after this reader was
 * built (its fields the reader does not have are skipped).
 * A codec built for several types ({@link #forTypes}) decodes each message into whichever of them its
 * fingerprint names, and refuses other types.
 *
 * <p>Hot path: the header bytes and writers are prepared once per type, readers once per writer fingerprint
 * (found again by a scan of a small array, without boxing or locking), and each thread reuses its encoder,
 * decoder and output buffer; a record costs its own objects and the returned byte array. Thread-safe.
 *
 * @param <T> the record type read and written
 */
public final class AvroCodec<T extends SpecificRecord> implements EventCodec<T> {

    private static final ThreadLocal<EncodeState> ENCODE_STATE = ThreadLocal.withInitial(EncodeState::new);
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private final SchemaCatalogue catalogue;
    /** Reader schema of each type, by the names a writer schema may carry (full name and aliases). */
    private final Map<String, Schema> readerSchemas;
    private final Map<Class<?>, Writer> writers;
    private final List<String> typeNames;
    /** Readers built so far, one per writer fingerprint seen; copied on write, scanned without boxing or locks. */
    private volatile Reader<?>[] readers = new Reader<?>[0];

    private AvroCodec(SchemaCatalogue catalogue, Collection<Class<? extends T>> types) {
        AvroTrust.install();
        if (types.isEmpty()) {
            throw new IllegalArgumentException("a codec needs at least one record type");
        }
        Map<String, Schema> names = new HashMap<>();
        Map<Class<?>, Writer> writersByClass = new HashMap<>();
        Set<Schema> currentSchemas = new LinkedHashSet<>();
        for (Class<? extends T> type : types) {
            Schema schema = SpecificData.get().getSchema(Objects.requireNonNull(type, "type"));
            if (schema.getType() != Schema.Type.RECORD) {
                throw new IllegalArgumentException(type.getName() + " is not a generated Avro record");
            }
            currentSchemas.add(schema);
            names.put(schema.getFullName(), schema);
            for (String alias : schema.getAliases()) {
                names.putIfAbsent(alias, schema);
            }
            writersByClass.put(type, new Writer(schema));
        }
        // The current schemas are always readable, even when not yet published in the history.
        this.catalogue = catalogue.with(currentSchemas);
        this.readerSchemas = Map.copyOf(names);
        this.writers = Map.copyOf(writersByClass);
        this.typeNames = currentSchemas.stream().map(Schema::getFullName).sorted().toList();
    }

    /** A codec for one generated class, over the shipped catalogue. */
    public static <T extends SpecificRecord> AvroCodec<T> forType(Class<T> type) {
        return forType(type, SchemaCatalogue.shipped());
    }

    /** A codec for one generated class, over the given catalogue. */
    public static <T extends SpecificRecord> AvroCodec<T> forType(Class<T> type, SchemaCatalogue catalogue) {
        return new AvroCodec<>(catalogue, List.of(type));
    }

    /** A codec for the record types one topic carries, over the shipped catalogue. */
    @SafeVarargs
    public static AvroCodec<SpecificRecord> forTypes(Class<? extends SpecificRecord>... types) {
        return forTypes(SchemaCatalogue.shipped(), Arrays.asList(types));
    }

    /** A codec for the record types one topic carries, over the given catalogue. */
    public static AvroCodec<SpecificRecord> forTypes(SchemaCatalogue catalogue,
            Collection<Class<? extends SpecificRecord>> types) {
        return new AvroCodec<>(catalogue, List.copyOf(types));
    }

    /** Full names of the types this codec reads and writes. */
    public List<String> typeNames() {
        return typeNames;
    }

    /** The catalogue writer schemas are resolved against (includes the current schemas of this codec's types). */
    public SchemaCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public byte[] encode(T event) {
        if (event == null) {
            return null;
        }
        Writer writer = writers.get(event.getClass());
        if (writer == null) {
            throw new SerializationException("cannot encode " + event.getClass().getName()
                    + ": this codec writes only " + typeNames);
        }
        EncodeState state = ENCODE_STATE.get();
        state.buffer.reset();
        state.buffer.write(writer.header, 0, writer.header.length);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(state.buffer, state.encoder);
        state.encoder = encoder;
        try {
            writer.datumWriter.write(event, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // A half-written datum stays in the thread's buffer; the next encode resets it.
            throw new SerializationException("cannot encode " + writer.schema.getFullName() + ": " + e, e);
        }
        return state.buffer.toByteArray();
    }

    @Override
    public T decode(String topic, byte[] message) {
        if (message == null) {
            return null;
        }
        if (message.length < SingleObjectEncoding.HEADER_LENGTH) {
            throw new MalformedEventException("message too short for Avro single-object encoding: " + message.length
                    + " bytes, the header alone is " + SingleObjectEncoding.HEADER_LENGTH, topic);
        }
        if (!SingleObjectEncoding.hasMarker(message)) {
            throw new MalformedEventException(String.format(
                    "not Avro single-object encoding: starts with %02X %02X, expected C3 01",
                    message[0] & 0xFF, message[1] & 0xFF), topic);
        }
        Reader<T> reader = readerFor(SingleObjectEncoding.readFingerprint(message), topic);
        int bodyLength = message.length - SingleObjectEncoding.HEADER_LENGTH;
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(message, SingleObjectEncoding.HEADER_LENGTH, bodyLength, DECODER.get());
        DECODER.set(decoder);
        T event;
        try {
            event = reader.datumReader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedEventException("trailing bytes after a whole " + reader.describe()
                        + " in a body of " + bodyLength + " bytes", topic);
            }
        } catch (MalformedEventException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // EOF (truncated body), negative lengths, bad union branches, out-of-range enum indexes, ...
            throw new MalformedEventException("body of " + bodyLength + " bytes does not decode as "
                    + reader.describe() + ": " + e, topic, e);
        }
        return event;
    }

    @SuppressWarnings("unchecked")
    private Reader<T> readerFor(long fingerprint, String topic) {
        // A topic sees a handful of writer versions: a linear scan beats a map of boxed longs.
        for (Reader<?> reader : readers) {
            if (reader.fingerprint == fingerprint) {
                return (Reader<T>) reader;
            }
        }
        return addReader(fingerprint, topic);
    }

    private Reader<T> addReader(long fingerprint, String topic) {
        // Outside the lock: a run-time source may wait a little to catch up, and other fingerprints need not wait.
        Schema writerSchema = catalogue.find(fingerprint).or(() -> RuntimeSchemas.find(fingerprint))
                .orElseThrow(() -> new UnknownSchemaException(fingerprint, topic));
        return addReader(fingerprint, writerSchema, topic);
    }

    @SuppressWarnings("unchecked")
    private synchronized Reader<T> addReader(long fingerprint, Schema writerSchema, String topic) {
        Reader<?>[] current = readers;
        for (Reader<?> reader : current) {
            if (reader.fingerprint == fingerprint) {
                return (Reader<T>) reader;
            }
        }
        Schema readerSchema = readerSchemas.get(writerSchema.getFullName());
        if (readerSchema == null) {
            throw new UnexpectedEventTypeException(fingerprint, topic, writerSchema.getFullName(), typeNames);
        }
        Reader<T> reader = new Reader<>(fingerprint, writerSchema, readerSchema);
        Reader<?>[] grown = Arrays.copyOf(current, current.length + 1);
        grown[current.length] = reader;
        readers = grown;
        return reader;
    }

    /** Prepared once per type: the header (marker + fingerprint) and the datum writer. */
    private static final class Writer {
        final Schema schema;
        final byte[] header;
        final SpecificDatumWriter<SpecificRecord> datumWriter;

        Writer(Schema schema) {
            this.schema = schema;
            this.header = SingleObjectEncoding.header(schema);
            this.datumWriter = new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
        }
    }

    /** Prepared once per writer fingerprint: the resolving reader from that writer schema to the current class. */
    private static final class Reader<T> {
        final long fingerprint;
        final Schema writerSchema;
        final SpecificDatumReader<T> datumReader;

        Reader(long fingerprint, Schema writerSchema, Schema readerSchema) {
            this.fingerprint = fingerprint;
            this.writerSchema = writerSchema;
            this.datumReader = new SpecificDatumReader<>(writerSchema, readerSchema,
                    SpecificData.getForSchema(readerSchema));
        }

        String describe() {
            return writerSchema.getFullName() + " (writer fingerprint "
                    + SingleObjectEncoding.hex(fingerprint) + ")";
        }
    }

    /** Per-thread encoding scratch space, reused across records. */
    private static final class EncodeState {
        final Buffer buffer = new Buffer();
        BinaryEncoder encoder;
    }

    /** An unsynchronized, resettable byte buffer (ByteArrayOutputStream synchronizes every write). */
    private static final class Buffer extends OutputStream {
        private static final int MAX_RETAINED = 1 << 20;
        private byte[] bytes = new byte[256];
        private int size;

        void reset() {
            size = 0;
            if (bytes.length > MAX_RETAINED) {
                // One huge record should not pin its buffer to the thread for ever.
                bytes = new byte[256];
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, size, length);
            size += length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }
    }
}

package kz.taza.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.events.testfixture.Probe;
import kz.taza.schemas.SampleEvents;

class AvroCodecTest {

    private static final String TOPIC = "kpi.values.v1";

    static Stream<SpecificRecord> sharedRecords() {
        return Stream.of(SampleEvents.metadata(), SampleEvents.year2024(), SampleEvents.violation(),
                SampleEvents.top50EmissionsChange(), SampleEvents.rejectedCommand());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedRecords")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void everySharedRecordSurvivesARoundTripAsItsGeneratedClass(SpecificRecord record) {
        // given a codec for the record's class over the shipped catalogue
        AvroCodec codec = AvroCodec.forType(record.getClass());

        // when it is encoded and decoded
        byte[] bytes = codec.encode(record);
        Object decoded = codec.decode(TOPIC, bytes);

        // then the generated class comes back (Avro trusted it) equal in every field
        assertThat(decoded).isInstanceOf(record.getClass()).isEqualTo(record);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void decodedKpiValueCarriesJavaTimeTypesAndEnums() {
        AvroCodec<KpiValue> codec = AvroCodec.forType(KpiValue.class);

        KpiValue decoded = codec.decode(codec.encode(SampleEvents.top50EmissionsChange()));

        assertThat(decoded.getPeriod().getGranularity()).isSameAs(KpiGranularity.YEAR);
        assertThat(decoded.getPeriod().getStart()).hasToString("2024-01-01");
        assertThat(decoded.getComputedAt()).hasToString("2025-04-01T05:00:00.250Z");
        assertThat(decoded.getTarget()).isEqualTo(-45.0);
    }

    @Test
    void writesExactlyWhatAvrosOwnSingleObjectEncoderWrites() throws IOException {
        // given Avro's reference implementation of single-object encoding
        KpiValue value = SampleEvents.top50EmissionsChange();
        ByteBuffer reference = KpiValue.getEncoder().encode(value);
        byte[] expected = new byte[reference.remaining()];
        reference.get(expected);

        // when our codec encodes the same value
        byte[] actual = AvroCodec.forType(KpiValue.class).encode(value);

        // then the bytes are identical: marker, little-endian CRC-64-AVRO fingerprint, body
        assertThat(actual).isEqualTo(expected);
        assertThat(Arrays.copyOf(actual, 10)).isEqualTo(SingleObjectEncoding.header(KpiValue.getClassSchema()));
        assertThat(SingleObjectEncoding.readFingerprint(actual))
                .isEqualTo(SingleObjectEncoding.fingerprint(KpiValue.getClassSchema()));
    }

    @Test
    void readsWhatAvrosOwnDecoderReads() throws IOException {
        byte[] ours = AvroCodec.forType(CommandResult.class).encode(SampleEvents.rejectedCommand());

        assertThat(CommandResult.getDecoder().decode(ours)).isEqualTo(SampleEvents.rejectedCommand());
    }

    @Test
    void messageWrittenWithV1IsReadByV2ReaderWithTheNewFieldsDefault() throws IOException {
        // given a producer still on Probe v1 (no note field) and a catalogue that knows v1
        Schema v1 = probeV1();
        GenericRecord old = new GenericData.Record(v1);
        old.put("probeId", "probe-7");
        old.put("reading", 42.5);
        byte[] message = singleObject(v1, old);
        AvroCodec<Probe> codec = AvroCodec.forType(Probe.class, SchemaCatalogue.of(v1));

        // when a consumer built against v2 decodes it
        Probe probe = codec.decode("probe.v1", message);

        // then the v1 fields arrive and the v2 field has its default
        assertThat(probe.getProbeId()).isEqualTo("probe-7");
        assertThat(probe.getReading()).isEqualTo(42.5);
        assertThat(probe.getNote()).isEqualTo("none");
    }

    @Test
    void v1MessageIsUnknownToAReaderWhoseCatalogueLacksV1() throws IOException {
        Schema v1 = probeV1();
        GenericRecord old = new GenericData.Record(v1);
        old.put("probeId", "probe-7");
        old.put("reading", 1.0);
        byte[] message = singleObject(v1, old);

        AvroCodec<Probe> codec = AvroCodec.forType(Probe.class, SchemaCatalogue.of());

        assertThatThrownBy(() -> codec.decode("probe.v1", message))
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining(SingleObjectEncoding.hex(SingleObjectEncoding.fingerprint(v1)))
                .hasMessageContaining("probe.v1");
    }

    @Test
    void aNewerWriterSchemaFromARuntimeSourceIsResolvedIntoTheOlderReadersSchema() throws IOException {
        // given a producer on a newer Probe (the current fields and one more, with a default) than this reader knows
        Schema newer = new Schema.Parser().parse(Probe.getClassSchema().toString().replace(
                "\"fields\":[", "\"fields\":[{\"name\":\"site\",\"type\":\"string\",\"default\":\"?\"},"));
        GenericRecord record = new GenericData.Record(newer);
        record.put("site", "Ekibastuz");
        record.put("probeId", "probe-9");
        record.put("reading", 7.5);
        record.put("note", "upgraded");
        byte[] message = singleObject(newer, record);
        AvroCodec<Probe> codec = AvroCodec.forType(Probe.class, SchemaCatalogue.of());
        assertThatThrownBy(() -> codec.decode("probe.v1", message)).isInstanceOf(UnknownSchemaException.class);

        // when a run-time source (the schema topic, in a service) knows the newer schema
        try (RuntimeSchemas.Registration registration = RuntimeSchemas.register(
                fingerprint -> fingerprint == SingleObjectEncoding.fingerprint(newer) ? java.util.Optional.of(newer)
                        : java.util.Optional.empty())) {
            // then the reader decodes it into its own schema: its fields arrive, the one it lacks is skipped
            Probe probe = codec.decode("probe.v1", message);
            assertThat(probe.getProbeId()).isEqualTo("probe-9");
            assertThat(probe.getReading()).isEqualTo(7.5);
            assertThat(probe.getNote()).isEqualTo("upgraded");
        }
    }

    @Test
    void aClosedRegistrationNoLongerAnswers() throws IOException {
        Schema v1 = probeV1();
        GenericRecord old = new GenericData.Record(v1);
        old.put("probeId", "probe-7");
        old.put("reading", 1.0);
        byte[] message = singleObject(v1, old);
        RuntimeSchemas.register(fingerprint -> java.util.Optional.of(v1)).close();

        assertThatThrownBy(() -> AvroCodec.forType(Probe.class, SchemaCatalogue.of()).decode("probe.v1", message))
                .isInstanceOf(UnknownSchemaException.class);
    }

    @Test
    void unknownFingerprintIsAnUnknownSchemaErrorNamingFingerprintAndTopic() {
        // given a well-formed header with a fingerprint no published schema has
        byte[] message = AvroCodec.forType(KpiValue.class).encode(SampleEvents.top50EmissionsChange());
        byte[] header = SingleObjectEncoding.header(0x0123456789abcdefL);
        System.arraycopy(header, 0, message, 0, header.length);

        // when it is decoded, then the error names both, and Kafka sees a SerializationException
        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, message))
                .isInstanceOf(UnknownSchemaException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0123456789abcdef")
                .hasMessageContaining(TOPIC)
                .satisfies(e -> assertThat(((UnknownSchemaException) e).fingerprint()).isEqualTo(0x0123456789abcdefL));
    }

    @Test
    void truncatedBodyIsMalformed() {
        byte[] whole = AvroCodec.forType(KpiValue.class).encode(SampleEvents.top50EmissionsChange());
        byte[] truncated = Arrays.copyOf(whole, whole.length - 5);

        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, truncated))
                .isInstanceOf(MalformedEventException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("does not decode as kz.taza.events.common.KpiValue")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void headerWithoutBodyIsMalformed() {
        byte[] headerOnly = SingleObjectEncoding.header(KpiValue.getClassSchema());

        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, headerOnly))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void wrongMagicIsMalformed() {
        byte[] message = AvroCodec.forType(KpiValue.class).encode(SampleEvents.top50EmissionsChange());
        message[0] = 0x00; // e.g. a Confluent-framed message (magic 0) on the wrong topic

        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, message))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("00 01").hasMessageContaining("C3 01");
    }

    @Test
    void messageShorterThanTheHeaderIsMalformed() {
        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, new byte[] {(byte) 0xC3, 0x01, 0x05}))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, new byte[0]))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("0 bytes");
    }

    @Test
    void trailingBytesAfterTheRecordAreMalformed() {
        byte[] whole = AvroCodec.forType(KpiValue.class).encode(SampleEvents.top50EmissionsChange());
        byte[] padded = Arrays.copyOf(whole, whole.length + 3);

        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, padded))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void bodyThatIsNotTheNamedRecordIsMalformed() {
        // given a KpiValue header followed by a body of another record
        byte[] other = AvroCodec.forType(CommandResult.class).encode(SampleEvents.rejectedCommand());
        byte[] message = other.clone();
        System.arraycopy(SingleObjectEncoding.header(KpiValue.getClassSchema()), 0, message, 0, 10);

        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).decode(TOPIC, message))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void nullStaysNullForTombstones() {
        AvroCodec<KpiValue> codec = AvroCodec.forType(KpiValue.class);

        assertThat(codec.encode(null)).isNull();
        assertThat(codec.decode(TOPIC, null)).isNull();
    }

    @Test
    void recordMissingARequiredFieldCannotBeEncoded() {
        KpiValue incomplete = new KpiValue(); // no kpiId, no period

        assertThatThrownBy(() -> AvroCodec.forType(KpiValue.class).encode(incomplete))
                .isInstanceOf(SerializationException.class).hasMessageContaining("KpiValue");
        // and the failed attempt leaves nothing behind for the next record on this thread
        assertThat(AvroCodec.forType(KpiValue.class).decode(
                AvroCodec.forType(KpiValue.class).encode(SampleEvents.top50EmissionsChange())))
                .isEqualTo(SampleEvents.top50EmissionsChange());
    }

    @Test
    void codecForSeveralTypesDecodesEachToItsOwnClassAndRefusesOthers() {
        AvroCodec<SpecificRecord> codec = AvroCodec.forTypes(KpiValue.class, CommandResult.class);

        assertThat(codec.decode(codec.encode(SampleEvents.top50EmissionsChange()))).isInstanceOf(KpiValue.class);
        CommandResult result = (CommandResult) codec.decode(codec.encode(SampleEvents.rejectedCommand()));
        assertThat(result.getOutcome()).isSameAs(CommandOutcome.REJECTED);

        byte[] metadata = AvroCodec.forType(kz.taza.events.common.EventMetadata.class).encode(SampleEvents.metadata());
        assertThatThrownBy(() -> codec.decode("permit.events.v1", metadata))
                .isInstanceOf(UnexpectedEventTypeException.class)
                .isInstanceOf(UnknownSchemaException.class)
                .hasMessageContaining("kz.taza.events.common.EventMetadata")
                .hasMessageContaining("permit.events.v1");
        assertThatThrownBy(() -> codec.encode(SampleEvents.metadata()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("EventMetadata");
    }

    @Test
    void codecIsSafeToShareBetweenThreads() throws Exception {
        AvroCodec<SpecificRecord> codec = AvroCodec.forTypes(KpiValue.class, CommandResult.class);
        Callable<Boolean> work = () -> {
            for (int i = 0; i < 2_000; i++) {
                SpecificRecord record = i % 2 == 0 ? SampleEvents.top50EmissionsChange() : SampleEvents.rejectedCommand();
                if (!codec.decode(codec.encode(record)).equals(record)) {
                    return false;
                }
            }
            return true;
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = pool.invokeAll(List.of(work, work, work, work));
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Schema probeV1() throws IOException {
        try (InputStream in = AvroCodecTest.class.getResourceAsStream("/evolution/Probe-v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    /** Single-object framing written by hand, as a producer in another language would. */
    static byte[] singleObject(Schema writer, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(SingleObjectEncoding.header(writer));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}

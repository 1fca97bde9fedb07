package kz.taza.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.CommandResult;
import kz.taza.events.common.KpiValue;
import kz.taza.schemas.SampleEvents;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a consumer meets on a topic is anything at all: random bytes, or a real message damaged in transit or by a
 * faulty producer. Whatever it is, the codec answers with a record or with one of its named refusals (which the
 * services quarantine), never with another exception or an error that would stop a stream thread or exhaust memory.
 */
class AvroCodecFuzzTest {

    private static final AvroCodec<SpecificRecord> CODEC = AvroCodec.forTypes(KpiValue.class, CommandResult.class);
    private static final List<byte[]> VALID = List.of(CODEC.encode(SampleEvents.top50EmissionsChange()),
            CODEC.encode(SampleEvents.rejectedCommand()));

    @Property(tries = 3000)
    void anyBytesDecodeOrAreRefusedByName(@ForAll byte[] message) {
        assertDecodesOrIsRefusedByName(message);
    }

    @Property(tries = 3000)
    void anyBytesBehindAKnownHeaderDecodeOrAreRefusedByName(@ForAll("knownHeaderThenAnything") byte[] message) {
        assertDecodesOrIsRefusedByName(message);
    }

    @Property(tries = 3000)
    void aRealMessageWithBytesChangedCutOrAddedDecodesOrIsRefusedByName(@ForAll("damaged") byte[] message) {
        assertDecodesOrIsRefusedByName(message);
    }

    @Provide
    Arbitrary<byte[]> knownHeaderThenAnything() {
        return Combinators.combine(Arbitraries.of(VALID), Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as((valid, body) -> {
                    byte[] message = new byte[SingleObjectEncoding.HEADER_LENGTH + body.length];
                    System.arraycopy(valid, 0, message, 0, SingleObjectEncoding.HEADER_LENGTH);
                    System.arraycopy(body, 0, message, SingleObjectEncoding.HEADER_LENGTH, body.length);
                    return message;
                });
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<byte[]> flipped = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 999),
                Arbitraries.bytes()).as((valid, position, value) -> {
                    byte[] message = valid.clone();
                    message[position % message.length] = value;
                    return message;
                });
        Arbitrary<byte[]> cut = Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 999))
                .as((valid, length) -> java.util.Arrays.copyOf(valid, length % valid.length));
        Arbitrary<byte[]> extended = Combinators.combine(Arbitraries.of(VALID),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20)).as((valid, tail) -> {
                    byte[] message = java.util.Arrays.copyOf(valid, valid.length + tail.length);
                    System.arraycopy(tail, 0, message, valid.length, tail.length);
                    return message;
                });
        return Arbitraries.oneOf(flipped, cut, extended);
    }

    private static void assertDecodesOrIsRefusedByName(byte[] message) {
        SpecificRecord decoded;
        try {
            decoded = CODEC.decode("fuzz.topic", message);
        } catch (MalformedEventException | UnknownSchemaException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        // a message that decodes is a whole record that encodes again
        assertThat(decoded).isNotNull();
        assertThat(CODEC.decode("fuzz.topic", CODEC.encode(decoded))).isEqualTo(decoded);
    }
}

package kz.taza.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import kz.taza.schemas.PublicContract.Message;
import kz.taza.schemas.codec.AvroCodec;
import kz.taza.schemas.codec.AvroTrust;
import kz.taza.schemas.codec.SingleObjectEncoding;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code docs/asyncapi.yaml} is a contract any tool can read: AsyncAPI 3.1, every payload a self-contained
 * {@code .avsc} file (the published history version a service writes today, every named type inlined), the official
 * AsyncAPI parser finds every payload node typed, and a Node client with {@code avsc} decodes a record of every message
 * of every channel from those files alone: what the README promises an agency.
 */
class AsyncApiContractTest {

    private static final Path HISTORY = Path.of("src", "main", "avro-history").toAbsolutePath();

    private final PublicContract contract = PublicContract.load();

    @Test
    void theDocumentIsAsyncApi31() {
        assertThat(contract.asyncapiVersion()).isEqualTo("3.1.0");
        assertThat(contract.messages()).isNotEmpty();
    }

    @Test
    void everyPayloadIsThePublishedSelfContainedVersionOfWhatTheServicesWrite() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Message message : contract.messages()) {
            String where = message.topic() + " " + message.id();
            if (message.schemaFile() == null || !message.schemaFile().startsWith(HISTORY)) {
                problems.add(where + ": payload " + message.schemaRef() + " is not a file of " + HISTORY);
                continue;
            }
            // <history>/<full.Name>/v<N>.avsc
            String type = message.schemaFile().getParent().getFileName().toString();
            int version = Integer.parseInt(message.schemaFile().getFileName().toString().replaceAll("\\D", ""));
            Schema current = GeneratedTypes.currentSchema(type);
            List<Schema> published = SchemaHistory.shipped().versionsOf(type);
            if (!current.getName().equals(message.name())) {
                problems.add(where + ": named " + message.name() + ", payload " + type);
            }
            if (SingleObjectEncoding.fingerprint(published.get(published.size() - 1))
                    != SingleObjectEncoding.fingerprint(current)) {
                problems.add(where + ": the current " + type + " is not published: add v" + (published.size() + 1)
                        + " to the history (schemas/README.md) and point the payload at it");
            } else if (version != published.size()) {
                problems.add(where + ": payload v" + version + ", but what the services write is v"
                        + published.size());
            }
            // self-contained: the file alone, in a parser that knows no other type
            Schema alone = new Schema.Parser().parse(Files.readString(message.schemaFile()));
            if (!alone.getFullName().equals(type)) {
                problems.add(where + ": " + message.schemaFile() + " defines " + alone.getFullName());
            }
            if (message.schemaFormat() == null || !message.schemaFormat().startsWith("application/vnd.apache.avro")) {
                problems.add(where + ": schemaFormat " + message.schemaFormat() + " is not Avro");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theOfficialParserFindsNoProblemAndNoUntypedPayloadNode() {
        // when
        NodeTools.Run run = NodeTools.node("check-asyncapi.mjs", 120, contract.document().toString());
        // then
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("asyncapi 3.1.0: " + contract.messages().size() + " messages")
                .contains(", 0 problems").doesNotContain("UNTYPED");
    }

    @Test
    void aNodeClientDecodesARecordOfEveryMessageFromTheAvscFilesAlone() throws Exception {
        // given: one record of each message's type, encoded by the codec the services use
        AvroTrust.install();
        Path dir = Files.createDirectories(Path.of("target", "node-decoding").toAbsolutePath());
        List<Map<String, String>> manifest = new ArrayList<>();
        for (Message message : contract.messages()) {
            String type = message.schemaFile().getParent().getFileName().toString();
            byte[] encoded = encodeSample(type);
            Path encodedFile = dir.resolve(message.id() + ".bin");
            Path expectedFile = dir.resolve(message.id() + ".json");
            Files.write(encodedFile, encoded);
            Files.writeString(expectedFile, GenericData.get().toString(SampleRecords.of(GeneratedTypes
                    .currentSchema(type))));
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("message", message.id());
            entry.put("topic", message.topic());
            entry.put("schemaFile", message.schemaFile().toString());
            entry.put("encodedFile", encodedFile.toString());
            entry.put("expectedFile", expectedFile.toString());
            manifest.add(entry);
        }
        Path manifestFile = dir.resolve("manifest.json");
        Files.writeString(manifestFile, new ObjectMapper().writeValueAsString(manifest));
        // when
        NodeTools.Run run = NodeTools.node("decode-samples.mjs", 120, manifestFile.toString());
        // then
        assertThat(run.exitCode()).as(run.output()).isZero();
        for (Message message : contract.messages()) {
            assertThat(run.output()).contains("ok " + message.id() + " (" + message.topic() + ")");
        }
        assertThat(run.output()).contains(contract.messages().size() + " decoded, 0 failed");
    }

    /** A full record of the type, as the services put it on the wire: through the generated class and the codec. */
    @SuppressWarnings("unchecked")
    private static byte[] encodeSample(String type) throws IOException {
        Schema schema = GeneratedTypes.currentSchema(type);
        Class<? extends SpecificRecord> generated = (Class<? extends SpecificRecord>) GeneratedTypes.classOf(type);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new GenericDatumWriter<>(schema, GenericData.get()).write(SampleRecords.of(schema), encoder);
        encoder.flush();
        SpecificRecord record = new SpecificDatumReader<SpecificRecord>((Class<SpecificRecord>) generated)
                .read(null, DecoderFactory.get().binaryDecoder(body.toByteArray(), null));
        byte[] encoded = AvroCodec.forType((Class<SpecificRecord>) generated).encode(record);
        // the codec wrote the sample itself: the header, then the same body
        assertThat(Arrays.copyOfRange(encoded, SingleObjectEncoding.HEADER_LENGTH, encoded.length))
                .isEqualTo(body.toByteArray());
        return encoded;
    }
}

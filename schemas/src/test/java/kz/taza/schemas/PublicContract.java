package kz.taza.schemas;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.Yaml;

/**
 * The messages of {@code docs/asyncapi.yaml} as a subscriber sees them: each message of each channel (topic), with
 * the {@code .avsc} file its payload references, resolved against the document's directory as any tool resolves it.
 */
final class PublicContract {

    /** One message of one channel. */
    record Message(String topic, String id, String name, String schemaFormat, String schemaRef, Path schemaFile) {
    }

    private final Path document;
    private final String asyncapiVersion;
    private final List<Message> messages;

    private PublicContract(Path document, String asyncapiVersion, List<Message> messages) {
        this.document = document;
        this.asyncapiVersion = asyncapiVersion;
        this.messages = messages;
    }

    /** The repository's document, found above the module's directory (Surefire's working directory). */
    static PublicContract load() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("asyncapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        throw new IllegalStateException("docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    static PublicContract load(Path document) {
        try (Reader reader = Files.newBufferedReader(document)) {
            Map<String, Object> root = new Yaml().load(reader);
            Map<String, Object> components = (Map<String, Object>) root.get("components");
            Map<String, Object> definitions = (Map<String, Object>) components.get("messages");
            List<Message> messages = new ArrayList<>();
            Map<String, Object> channels = (Map<String, Object>) root.get("channels");
            for (Object c : channels.values()) {
                Map<String, Object> channel = (Map<String, Object>) c;
                Map<String, Object> channelMessages = (Map<String, Object>) channel.get("messages");
                for (Object m : channelMessages.values()) {
                    String ref = (String) ((Map<String, Object>) m).get("$ref");
                    String id = ref.substring(ref.lastIndexOf('/') + 1);
                    Map<String, Object> message = (Map<String, Object>) Objects.requireNonNull(definitions.get(id),
                            ref);
                    Map<String, Object> payload = (Map<String, Object>) message.get("payload");
                    Map<String, Object> schema = (Map<String, Object>) payload.get("schema");
                    String schemaRef = (String) schema.get("$ref");
                    messages.add(new Message((String) channel.get("address"), id, (String) message.get("name"),
                            (String) payload.get("schemaFormat"), schemaRef,
                            schemaRef == null ? null : document.getParent().resolve(schemaRef).normalize()));
                }
            }
            return new PublicContract(document, String.valueOf(root.get("asyncapi")), List.copyOf(messages));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + document, e);
        }
    }

    Path document() {
        return document;
    }

    String asyncapiVersion() {
        return asyncapiVersion;
    }

    List<Message> messages() {
        return messages;
    }
}

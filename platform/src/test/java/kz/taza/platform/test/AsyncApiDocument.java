package kz.taza.platform.test;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * The topic contract in {@code docs/asyncapi.yaml}, read so that tests can hold the code's topic catalogues against
 * it: every public topic must have a channel with its address, and compacted topics must say so in their binding.
 */
public final class AsyncApiDocument {

    private final Map<String, Map<String, Object>> channelsByAddress;

    private AsyncApiDocument(Map<String, Map<String, Object>> channelsByAddress) {
        this.channelsByAddress = channelsByAddress;
    }

    /** Reads the repository's document, found by walking up from the working directory. */
    public static AsyncApiDocument load() {
        return load(locate());
    }

    @SuppressWarnings("unchecked")
    public static AsyncApiDocument load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml().load(reader);
            Map<String, Object> channels = (Map<String, Object>) root.getOrDefault("channels", Map.of());
            Map<String, Map<String, Object>> byAddress = new LinkedHashMap<>();
            channels.values().forEach(channel -> {
                Map<String, Object> c = (Map<String, Object>) channel;
                byAddress.put(String.valueOf(c.get("address")), c);
            });
            return new AsyncApiDocument(byAddress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * What the document gets wrong about the public topics of these catalogues: missing channels, and compacted topics
     * whose binding does not say {@code compact}. Empty when the document is in step.
     */
    public List<String> problemsWith(TopicCatalogue... catalogues) {
        List<String> problems = new ArrayList<>();
        for (TopicCatalogue catalogue : catalogues) {
            for (Topic<?, ?> topic : catalogue.topics()) {
                if (!topic.isPublic()) {
                    continue;
                }
                Map<String, Object> channel = channelsByAddress.get(topic.name());
                if (channel == null) {
                    problems.add("public topic " + topic.name() + " has no channel in docs/asyncapi.yaml");
                } else if (topic.cleanupPolicy() == Topic.CleanupPolicy.COMPACT
                        && !String.valueOf(channel.get("bindings")).contains("compact")) {
                    problems.add("compacted topic " + topic.name() + " is not documented as compacted");
                }
            }
        }
        return problems;
    }

    private static Path locate() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("asyncapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/asyncapi.yaml not found above " + Paths.get("").toAbsolutePath());
    }
}

package kz.taza.simulator.truth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import kz.taza.simulator.scenario.ScenarioConfig;

/**
 * The ground-truth file: {@code {"scenario": {...}, "tolerance": {...}, "values": {"kpiId|scope|PERIOD:start":
 * value, ...}}}. Any run (the end-to-end test, a crash test, a person with the KPI view) compares the KPI topic against
 * it: each key must be on the topic with a value within the tolerance.
 */
public final class GroundTruthFile {

    /** Its name in the run directory. */
    public static final String NAME = "ground-truth.json";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private GroundTruthFile() {
    }

    public static void write(Path file, ScenarioConfig config, String mode, Map<String, Double> values)
            throws IOException {
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("seed", config.seed());
        scenario.put("facilities", config.facilities());
        scenario.put("amsDays", config.amsDays());
        scenario.put("plantingsPerYear", config.plantingsPerYear());
        scenario.put("amsStart", config.amsStart().toString());
        scenario.put("mode", mode);
        scenario.put("writtenAt", Instant.now().toString());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scenario", scenario);
        root.put("tolerance", Map.of("relative", GroundTruth.RELATIVE_TOLERANCE, "absolute",
                GroundTruth.ABSOLUTE_TOLERANCE));
        root.put("values", new TreeMap<>(values));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JSON.writeValueAsString(root));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The values of a ground-truth file. */
    public static Map<String, Double> read(Path file) throws IOException {
        JsonNode values = JSON.readTree(Files.readString(file)).get("values");
        Map<String, Double> out = new TreeMap<>();
        values.properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }
}

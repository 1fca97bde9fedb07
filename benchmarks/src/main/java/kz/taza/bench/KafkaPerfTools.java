package kz.taza.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.taza.stack.ManagedProcess;

/**
 * Kafka's own performance tools ({@code org.apache.kafka.tools.ProducerPerformance} and {@code ConsumerPerformance}
 * of {@code kafka-tools}, from Maven Central, the broker's class path), each in a JVM of its own against the same
 * broker: the raw produce and consume figures every other figure is read against.
 */
final class KafkaPerfTools {

    /** The producer settings of the readings (and of the yardstick): acks=all, idempotent, 5 ms linger, 64 KiB. */
    static final List<String> PRODUCER_PROPS = List.of("acks=all", "enable.idempotence=true", "linger.ms=5",
            "batch.size=65536");
    static final int RECORD_SIZE = 200;
    private static final Pattern PRODUCED = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max"
                    + " latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private final Path toolsLib;
    private final Path connectionFile;
    private final Path logFile;

    /**
     * @param toolsLib       the directory with Kafka's jars ({@code local-stack/target/broker-lib})
     * @param connectionFile the connection as a client properties file ({@link BenchConnection#writeTo})
     * @param logFile        beside which each run's output is kept
     */
    KafkaPerfTools(Path toolsLib, Path connectionFile, Path logFile) {
        this.toolsLib = toolsLib;
        this.connectionFile = connectionFile;
        this.logFile = logFile;
    }

    /** ProducerPerformance's figures. */
    record Produced(long records, double recordsPerSecond, double avgLatencyMs, long p50Ms, long p99Ms) {
    }

    /** ConsumerPerformance's figures: overall, and while fetching (without the group's join). */
    record Consumed(long records, double recordsPerSecond, double fetchRecordsPerSecond) {
    }

    /** Sends {@code records} records of 200 random bytes to the topic as fast as they go. */
    Produced produce(String topic, long records) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(RECORD_SIZE), "--throughput", "-1",
                "--producer.config", connectionFile.toString(), "--producer-props"));
        args.addAll(PRODUCER_PROPS);
        return parseProduced(run("org.apache.kafka.tools.ProducerPerformance", args));
    }

    /** Reads {@code records} records of the topic from its beginning as fast as they come. */
    Consumed consume(String topic, long records, String group) throws IOException, InterruptedException {
        return parseConsumed(run("org.apache.kafka.tools.ConsumerPerformance", List.of("--bootstrap-server",
                BenchConnection.readFrom(connectionFile).bootstrapServers(), "--consumer.config",
                connectionFile.toString(), "--topic", topic, "--messages", Long.toString(records), "--group", group,
                "--timeout", "120000")));
    }

    static Produced parseProduced(List<String> output) {
        for (int i = output.size() - 1; i >= 0; i--) {
            Matcher m = PRODUCED.matcher(output.get(i));
            if (m.find()) {
                return new Produced(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(4)), Long.parseLong(m.group(6)), Long.parseLong(m.group(8)));
            }
        }
        throw new IllegalStateException("ProducerPerformance printed no result: " + output);
    }

    /** The CSV ConsumerPerformance prints: a header line, then one line of figures. */
    static Consumed parseConsumed(List<String> output) {
        for (int i = 0; i + 1 < output.size(); i++) {
            if (output.get(i).startsWith("start.time")) {
                List<String> names = List.of(output.get(i).split(",\\s*"));
                String[] values = output.get(i + 1).split(",\\s*");
                return new Consumed(Long.parseLong(values[names.indexOf("data.consumed.in.nMsg")]),
                        Double.parseDouble(values[names.indexOf("nMsg.sec")]),
                        Double.parseDouble(values[names.indexOf("fetch.nMsg.sec")]));
            }
        }
        throw new IllegalStateException("ConsumerPerformance printed no result: " + output);
    }

    private List<String> run(String mainClass, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-Xmx512m", "-cp",
                toolsLib.toAbsolutePath() + "/*", mainClass));
        command.addAll(args);
        Path output = logFile.resolveSibling(mainClass.substring(mainClass.lastIndexOf('.') + 1) + "-"
                + System.nanoTime() + ".out");
        ManagedProcess tool = ManagedProcess.start(mainClass, command, Map.of(), toolsLib, output);
        if (!tool.waitFor(Duration.ofMinutes(10))) {
            tool.stop(Duration.ofSeconds(5));
            throw new IllegalStateException(mainClass + " did not finish within 10 minutes; see " + output);
        }
        int exit = tool.exitCode().orElse(-1);
        if (exit != 0) {
            throw new IllegalStateException(mainClass + " failed (exit " + exit + "); see " + output);
        }
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }
}

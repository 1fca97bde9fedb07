package kz.taza.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import jdk.jfr.Recording;
import kz.taza.platform.errors.DeadLetterPublisher;

/**
 * A process that runs the benchmark's Streams applications, one at a time or several, on the tool's commands (one per
 * line on standard input), so that an application is measured in a JVM of its own: the tool reads its CPU time and
 * memory from outside, and the latency probe runs in yet another process.
 * <pre>
 * start KIND APPLICATION_ID STATE_DIR [KEY=VALUE ...]   -> running APPLICATION_ID   (Streams settings override)
 * processed APPLICATION_ID                              -> processed N              (records the baseline summed)
 * jfr-start FILE / jfr-stop                             -> jfr-started / jfr-stopped FILE
 * stop APPLICATION_ID                                   -> stopped APPLICATION_ID
 * exit
 * </pre>
 * An application that stops on an error answers {@code failed APPLICATION_ID: the error}.
 */
public final class AppProcess {

    private final BenchConnection connection;
    private final PrintStream out;
    private final Map<String, Running> apps = new HashMap<>();
    private Recording recording;
    private Path recordingFile;

    private record Running(KafkaStreams streams, DeadLetterPublisher deadLetters, AtomicLong processed) {
    }

    private AppProcess(BenchConnection connection, PrintStream out) {
        this.connection = connection;
        this.out = out;
    }

    /** @param args the connection file ({@link BenchConnection#writeTo}) */
    public static void main(String[] args) throws Exception {
        AppProcess process = new AppProcess(BenchConnection.readFrom(Path.of(args[0])), System.out);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.equals("exit")) {
                try {
                    process.command(line.trim().split("\\s+"));
                } catch (Exception e) {
                    ChildJvm.say(System.out, ChildJvm.FAILED + line + ": " + e);
                }
            }
        } finally {
            process.stopAll();
        }
        System.exit(0);
    }

    private void command(String[] words) throws Exception {
        switch (words[0]) {
            case "start" -> start(StreamsApps.Kind.valueOf(words[1]), words[2], Path.of(words[3]), overrides(words));
            case "processed" -> ChildJvm.say(out, "processed " + apps.get(words[1]).processed().get());
            case "jfr-start" -> {
                recordingFile = Path.of(words[1]);
                recording = JfrProfile.startSampling();
                ChildJvm.say(out, "jfr-started");
            }
            case "jfr-stop" -> {
                recording.stop();
                recording.dump(recordingFile);
                recording.close();
                ChildJvm.say(out, "jfr-stopped " + recordingFile);
            }
            case "stop" -> {
                stop(words[1]);
                ChildJvm.say(out, "stopped " + words[1]);
            }
            default -> throw new IllegalArgumentException("unknown command " + words[0]);
        }
    }

    private void start(StreamsApps.Kind kind, String applicationId, Path stateDir, Map<String, String> overrides) {
        AtomicLong processed = new AtomicLong();
        DeadLetterPublisher deadLetters = StreamsApps.deadLetters(connection, applicationId);
        Properties props = StreamsApps.properties(connection, applicationId, stateDir, deadLetters);
        props.putAll(overrides);
        KafkaStreams streams = new KafkaStreams(StreamsApps.topology(kind, processed), props);
        AtomicBoolean announced = new AtomicBoolean();
        streams.setStateListener((now, before) -> {
            // Once: later rebalances (another instance joining) are part of the run, not a new start.
            if (now == KafkaStreams.State.RUNNING && announced.compareAndSet(false, true)) {
                ChildJvm.say(out, "running " + applicationId);
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            ChildJvm.say(out, ChildJvm.FAILED + applicationId + ": " + e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        apps.put(applicationId, new Running(streams, deadLetters, processed));
        streams.start();
    }

    private void stop(String applicationId) {
        Running app = apps.remove(applicationId);
        if (app != null) {
            app.streams().close(Duration.ofSeconds(30));
            app.deadLetters().close();
        }
    }

    private void stopAll() {
        for (String id : apps.keySet().toArray(String[]::new)) {
            stop(id);
        }
    }

    private static Map<String, String> overrides(String[] words) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 4; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            overrides.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return overrides;
    }
}

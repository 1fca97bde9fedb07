package kz.taza.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where an application's stream threads spend their time, from a JDK Flight Recorder recording made in the
 * application's own process while it is measured: only the method samples (Java code every 10 ms, native code, which
 * RocksDB is, every 20 ms), so that recording costs next to nothing; both applications are recorded alike. The
 * recording file stays in the work directory ({@code --keep}) for {@code jfr print} or JDK Mission Control.
 */
final class JfrProfile {

    private static final String JAVA_SAMPLE = "jdk.ExecutionSample";
    private static final String NATIVE_SAMPLE = "jdk.NativeMethodSample";

    private JfrProfile() {
    }

    /** A recording of the method samples, started (in the measured process). */
    static Recording startSampling() {
        Recording recording = new Recording();
        recording.setName("taza-bench");
        recording.enable(JAVA_SAMPLE).withPeriod(Duration.ofMillis(10));
        recording.enable(NATIVE_SAMPLE).withPeriod(Duration.ofMillis(20));
        recording.start();
        return recording;
    }

    /** The samples of the threads whose name starts with {@code threadNamePrefix}, sorted into stages. */
    static StackProfile.Profile of(List<Path> recordings, String threadNamePrefix) throws IOException {
        StackProfile profile = new StackProfile();
        for (Path recording : recordings) {
            count(recording, threadNamePrefix, profile);
        }
        return profile.profile();
    }

    private static void count(Path recording, String threadNamePrefix, StackProfile profile) throws IOException {
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (!type.equals(JAVA_SAMPLE) && !type.equals(NATIVE_SAMPLE) || event.getStackTrace() == null) {
                    continue;
                }
                RecordedThread thread = event.getThread("sampledThread");
                if (thread == null || thread.getJavaName() == null
                        || !thread.getJavaName().startsWith(threadNamePrefix)) {
                    continue;
                }
                List<StackProfile.Frame> frames = new ArrayList<>();
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    frames.add(new StackProfile.Frame(frame.getMethod().getType().getName(),
                            frame.getMethod().getName()));
                }
                profile.count(frames);
            }
        }
    }
}

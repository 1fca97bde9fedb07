package kz.taza.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the local stack starts one service's JVM so that four of them and a broker come up quickly on two cores, where
 * start-up is bound by CPU, not by I/O:
 * <ul>
 * <li><b>Exploded layout.</b> The service's {@code -exec} jar is extracted once ({@code java -Djarmode=tools extract})
 * into {@code <module>/target/local-stack-runtime/}; the JVM then loads classes from plain jars on its class path
 * instead of through Spring Boot's nested-jar loader. Re-extracted whenever the exec jar is newer.</li>
 * <li><b>Class data sharing (AppCDS).</b> The first run records the classes the service really loaded into
 * {@code cds.jsa} when it is stopped ({@code -XX:ArchiveClassesAtExit}); later runs map that archive instead of parsing
 * and verifying those classes again. A recording is kept only when the service stopped cleanly on request; a stale
 * archive (jar rebuilt, other JDK) is refused by the JVM itself, which then starts without it.</li>
 * <li><b>Quick JIT.</b> {@code -XX:TieredStopAtLevel=1}: the client compiler only. On two cores shared by five JVMs
 * the optimising compiler's threads compete with start-up itself; the local stack is a demonstration and development
 * stack, so start-up time is worth more than peak throughput (measured: the default replay also finished sooner, as the
 * optimising compiler no longer competes with five busy JVMs). Deployments (Helm) keep the JVM's defaults.</li>
 * <li><b>A bounded heap</b> ({@code -Xmx512m}): without it each JVM may take a quarter of the machine's memory and the
 * garbage collector lets the heap grow towards that; the services' live data is far smaller.</li>
 * </ul>
 * {@code TAZA_SERVICE_JAVA_OPTS} replaces the JIT and memory options (not the layout or CDS), for anyone who wants the
 * JVM's defaults back: {@code TAZA_SERVICE_JAVA_OPTS=" " ./taza up}.
 */
final class ServiceLaunch {

    static final String JAVA_OPTS_VARIABLE = "TAZA_SERVICE_JAVA_OPTS";
    static final List<String> DEFAULT_JAVA_OPTS = List.of("-XX:TieredStopAtLevel=1", "-Xmx512m");
    /** CDS speaks up about every class it cannot archive (e.g. generated accessors); none of that is actionable. */
    static final List<String> QUIET_CDS = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final long EXTRACT_TIMEOUT_SECONDS = 120;

    /** Where a service's exploded layout and its class-data archive live. */
    record Layout(Path directory, Path execJar) {

        static Layout of(ServiceSpec service, Path root) {
            return new Layout(root.resolve(service.name()).resolve("target").resolve("local-stack-runtime"),
                    service.jar(root));
        }

        /** The application jar the extraction writes (its manifest's Class-Path names {@code lib/}). */
        Path applicationJar() {
            return directory.resolve(execJar.getFileName());
        }

        Path archive() {
            return directory.resolve("cds.jsa");
        }

        /** Where a run records; renamed to {@link #archive()} only when that run stopped cleanly. */
        Path recording() {
            return directory.resolve("cds.jsa.recording");
        }

        /** Written last by an extraction, stamped with the exec jar's time: the extraction is complete and current. */
        Path marker() {
            return directory.resolve(".extracted");
        }
    }

    private ServiceLaunch() {
    }

    /** True when there is no complete extraction of the current exec jar. */
    static boolean needsExtraction(Layout layout) throws IOException {
        if (!Files.isRegularFile(layout.marker()) || !Files.isRegularFile(layout.applicationJar())) {
            return true;
        }
        return !Files.getLastModifiedTime(layout.marker()).equals(Files.getLastModifiedTime(layout.execJar()));
    }

    /**
     * Extracts the exec jar (when {@link #needsExtraction}) with the JVM's own tool, dropping any archive recorded for
     * an earlier extraction. Throws a {@link StackException} naming the jar when the tool fails.
     */
    static void prepare(Layout layout, String java) throws IOException, InterruptedException {
        if (!needsExtraction(layout)) {
            return;
        }
        deleteRecursively(layout.directory());
        Files.createDirectories(layout.directory());
        Path log = layout.directory().resolve("extract.log");
        Process process = new ProcessBuilder(java, "-Djarmode=tools", "-jar", layout.execJar().toString(), "extract",
                "--destination", layout.directory().toString(), "--force")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(EXTRACT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new StackException("Extracting " + layout.execJar() + " took longer than " + EXTRACT_TIMEOUT_SECONDS
                    + " s; see " + log);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(layout.applicationJar())) {
            throw new StackException("Could not extract " + layout.execJar() + " (exit " + process.exitValue()
                    + "):\n" + StandaloneBroker.indent(LogTail.of(log, 10)));
        }
        Files.writeString(layout.marker(), layout.execJar().getFileName() + "\n");
        FileTime jarTime = Files.getLastModifiedTime(layout.execJar());
        Files.setLastModifiedTime(layout.marker(), jarTime);
    }

    /**
     * The command that starts the service: the JIT and memory options ({@code javaOpts}), then either the recorded
     * archive or, when {@code mayRecord}, a new recording, then the exploded application jar. One process records: of a
     * service that runs several instances, only the first may.
     */
    static List<String> command(String java, Layout layout, List<String> javaOpts, boolean mayRecord) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOpts);
        command.addAll(QUIET_CDS);
        if (Files.isRegularFile(layout.archive())) {
            command.add("-XX:SharedArchiveFile=" + layout.archive());
        } else if (mayRecord) {
            command.add("-XX:ArchiveClassesAtExit=" + layout.recording());
        }
        command.add("-jar");
        command.add(layout.applicationJar().toString());
        return command;
    }

    /** The JIT and memory options: {@value #JAVA_OPTS_VARIABLE} when set (split on blanks), else the defaults. */
    static List<String> javaOpts(String fromEnvironment) {
        if (fromEnvironment == null) {
            return DEFAULT_JAVA_OPTS;
        }
        return List.of(fromEnvironment.trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
    }

    /**
     * After the service stopped: keeps what it recorded when it stopped cleanly on request; throws away a recording a
     * killed or crashed JVM may have left half-written.
     */
    static void afterStop(Layout layout, boolean stoppedCleanly) throws IOException {
        if (!Files.isRegularFile(layout.recording())) {
            return;
        }
        if (stoppedCleanly && Files.size(layout.recording()) > 0) {
            Files.move(layout.recording(), layout.archive(), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.delete(layout.recording());
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

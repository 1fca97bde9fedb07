package kz.taza.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the local stack (the broker, a service, the simulator) with its output in a log file.
 *
 * <p>Each child runs in a session of its own ({@code setsid}, where the system has it), so the Ctrl-C that the terminal
 * sends to the launcher's process group does not reach the children at the same time: the launcher stops them itself,
 * in order (services before the broker they need to close cleanly).
 */
public final class ManagedProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} with the extra environment, stdout and stderr appended to {@code logFile}. */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // setsid execs in place (the child is not a group leader), so the pid we hold is the Java process itself.
            full.add(SETSID.toString());
        }
        full.addAll(command);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        return new ManagedProcess(name, builder.start(), logFile);
    }

    /** The path of the JVM running the launcher: children use the same Java. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Waits for the process to end by itself, up to {@code timeout}; true if it has ended. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the process to stop (SIGTERM); see {@link #awaitStopped(Duration)}. */
    public void requestStop() {
        // Descendants first would be wrong for a JVM (it stops its own); our children start none, but a wrapper
        // (setsid on systems where it forks) would, so they are signalled too.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /**
     * Waits up to {@code grace} for the process to end after {@link #requestStop()}, then kills it (SIGKILL) with
     * anything it started. Returns true if it stopped within the grace period.
     */
    public boolean awaitStopped(Duration grace) {
        boolean stopped;
        try {
            stopped = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return stopped;
    }

    /** SIGKILL now, as a crash would (no shutdown hooks, nothing flushed); returns when the process is gone. */
    public void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL. */
    public boolean stop(Duration grace) {
        requestStop();
        return awaitStopped(grace);
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public List<String> logTail(int lines) {
        return LogTail.of(logFile, lines);
    }
}

package kz.taza.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import kz.taza.stack.ManagedProcess;

/**
 * A JVM of the benchmark's own (a Streams application process, a latency probe) started from the tool's class path,
 * so that what is measured does not share a JVM with the tool or with each other. The child answers on its standard
 * output with lines that begin {@link #PROTOCOL} ({@link #say}); everything else it writes, and its standard error,
 * goes to its log file in the work directory.
 */
final class ChildJvm implements AutoCloseable {

    /** The prefix of the lines a child speaks to the tool with. */
    static final String PROTOCOL = "@@bench ";
    /** A child's answer that it failed; the rest of the line says how. */
    static final String FAILED = "failed ";

    private final String name;
    private final Process process;
    private final BufferedWriter input;
    private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
    private final Path logFile;

    /** An answer, and when the tool read it (System.nanoTime()). */
    record Answer(String text, long nanos) {
    }

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.input = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readOutput, "bench-child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} of the tool's class path in a JVM of its own.
     *
     * @param jvmOptions heap and other JVM options
     */
    static ChildJvm start(String name, List<String> jvmOptions, Class<?> mainClass, List<String> args, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return new ChildJvm(name, process, logFile);
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    ProcessStats stats() {
        return ProcessStats.of(process.pid());
    }

    /** Sends one command line. */
    void send(String line) {
        try {
            input.write(line);
            input.newLine();
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " does not take commands any more (see " + logFile + ")", e);
        }
    }

    /**
     * The child's next answer, which must begin with {@code expected}; a {@link #FAILED} answer, another answer, the
     * end of the process or the end of the timeout is an error naming the child and its log.
     */
    String await(String expected, Duration timeout) throws InterruptedException {
        return awaitAnswer(expected, timeout).text();
    }

    /** As {@link #await}, with the time the answer was read. */
    Answer awaitAnswer(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Answer answer = answers.poll(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS);
            if (answer != null) {
                if (answer.text().startsWith(expected)) {
                    return new Answer(answer.text().substring(expected.length()).trim(), answer.nanos());
                }
                throw new IllegalStateException(name + " answered '" + answer.text() + "' instead of '" + expected
                        + "'; see " + logFile);
            }
            if (!process.isAlive() && answers.isEmpty()) {
                throw new IllegalStateException(name + " ended (exit " + process.exitValue() + ") before answering '"
                        + expected + "'; see " + logFile);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer '" + expected + "' within "
                        + timeout.toSeconds() + " s; see " + logFile);
            }
        }
    }

    /** A failure the child reported without being asked (an application that stopped on an error), or null. */
    String failure() {
        for (Answer answer : answers) {
            if (answer.text().startsWith(FAILED)) {
                return answer.text();
            }
        }
        return process.isAlive() ? null : name + " ended (exit " + process.exitValue() + "); see " + logFile;
    }

    /** Waits for the process to end by itself. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks the child to exit, and ends it if it does not within a grace period. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send("exit");
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (RuntimeException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(PROTOCOL)) {
                    answers.add(new Answer(line.substring(PROTOCOL.length()), System.nanoTime()));
                } else {
                    Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            // the process has ended; await() says so
        }
    }

    /** In a child: answers the tool. */
    static void say(PrintStream out, String answer) {
        synchronized (out) {
            out.println(PROTOCOL + answer);
            out.flush();
        }
    }
}

package kz.taza.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Node.js for the contract checks that must not be Java: the npm packages of {@code src/test/node/package.json}, at
 * the versions its {@code package-lock.json} pins, installed with {@code npm ci} into {@code target/node-tools} (once:
 * later runs reuse them while the lock file is unchanged), and the check scripts copied beside them, since an ES
 * module resolves its imports from its own directory. Needs {@code node} and {@code npm} on the PATH and the npm
 * registry; without them the checks fail and say so.
 */
final class NodeTools {

    /** One run of a script. */
    record Run(int exitCode, String output) {
    }

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path TOOLS = Path.of("target", "node-tools").toAbsolutePath();
    private static final String LOCK = "package-lock.json";

    private static boolean installed;

    private NodeTools() {
    }

    /** Runs {@code node <script> <args>} in the tools directory; at most {@code timeoutSeconds}. */
    static Run node(String script, long timeoutSeconds, String... args) {
        install();
        List<String> command = new ArrayList<>(List.of("node", TOOLS.resolve(script).toString()));
        command.addAll(List.of(args));
        return run(command, timeoutSeconds);
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Files.createDirectories(TOOLS);
            try (Stream<Path> files = Files.list(SOURCE)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (!file.getFileName().toString().equals(LOCK)) {
                        Files.copy(file, TOOLS.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            byte[] lock = Files.readAllBytes(SOURCE.resolve(LOCK));
            Path installedLock = TOOLS.resolve("node_modules").resolve(".taza-" + LOCK);
            if (!Files.exists(installedLock) || !Arrays.equals(lock, Files.readAllBytes(installedLock))) {
                Files.write(TOOLS.resolve(LOCK), lock);
                // No install scripts: the checks need none, and none of a dependency's runs on this machine.
                Run npm = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), 300);
                if (npm.exitCode() != 0) {
                    throw new IllegalStateException("npm ci in " + TOOLS + " failed (exit " + npm.exitCode() + "):\n"
                            + npm.output());
                }
                Files.write(installedLock, lock);
            }
            installed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run run(List<String> command, long timeoutSeconds) {
        try {
            // The output goes to a file, so that waiting for the process is bounded whatever it prints.
            Path log = Files.createTempFile(TOOLS, "run-", ".log");
            Process process = new ProcessBuilder(command).directory(TOOLS.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close(); // nothing to read from its input
            boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (!ended) {
                throw new IllegalStateException(String.join(" ", command) + " took more than " + timeoutSeconds
                        + " s:\n" + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage() + "): the contract"
                    + " checks need Node.js 20 or later and npm on the PATH (Debian: apt-get install nodejs npm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}

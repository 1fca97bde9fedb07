package kz.taza.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./taza}: the local stack's entry point. {@code up} runs a real broker, the services, the simulator and the
 * live KPI view; {@code broker} runs the broker alone; {@code crash-test} kills and restarts one process mid-replay
 * (see {@link StackOptions} for the command line); {@code token <name>} prints a bearer token of the running stack
 * ({@link TokenCommand}); {@code rejected list|replay} lists and replays the records of a dead-letter topic
 * ({@link RejectedTool}). Ctrl-C (SIGINT) and SIGTERM stop everything in order.
 */
public final class Taza {

    /** The command of the dead-letter tool ({@link RejectedTool}). */
    static final String REJECTED = "rejected";

    private Taza() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("taza.root", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals(REJECTED)) {
            // A tool for a running cluster, not the stack: nothing to start or stop.
            StackLogging.warningsOnly();
            System.exit(RejectedTool.run(root, List.of(args).subList(1, args.length), System.out, System.err));
            return;
        }
        long commandStart = Long.getLong("taza.commandStartMillis", ProcessHandle.current().info().startInstant()
                .map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis()));
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(root, java.util.Arrays.copyOfRange(args, 1, args.length), System.out,
                    System.err));
            return;
        }
        StackOptions options;
        try {
            Optional<StackOptions> parsed = StackOptions.parse(List.of(args), root, System.out);
            if (parsed.isEmpty()) {
                return; // the help asked for is printed
            }
            options = parsed.get();
        } catch (StackException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean plain = options.plain() != null ? options.plain() : System.console() == null;
        Screen screen = new Screen(System.out, !plain);
        LocalStack stack = new LocalStack(options, screen, commandStart);
        // Ctrl-C and SIGTERM both run shutdown hooks: the stack stops its children before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "taza-stop"));
        int exit = 0;
        try {
            if (options.command() == StackOptions.Command.BROKER) {
                stack.broker();
            } else if (options.command() == StackOptions.Command.CRASH_TEST) {
                exit = stack.crashTest() ? 0 : 1;
            } else if (options.command() == StackOptions.Command.CHAOS) {
                exit = new ChaosDrill(stack, options, screen).run() ? 0 : 1;
            } else {
                stack.up();
            }
        } catch (StackException e) {
            if (!stack.isStopping()) {
                screen.restore();
                System.err.println();
                System.err.println("ERROR: " + e.getMessage());
                exit = 1;
            }
        } catch (Exception e) {
            if (!stack.isStopping()) {
                screen.restore();
                System.err.println();
                System.err.println("ERROR: the local stack failed: " + e);
                e.printStackTrace();
                exit = 1;
            }
        } finally {
            stack.stop();
        }
        System.exit(exit);
    }
}

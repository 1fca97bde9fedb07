package kz.taza.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code ./taza}: a command ({@code up}, {@code broker}, {@code help}), flags, and after
 * {@code --} the simulator's own arguments.
 */
public record StackOptions(
        Command command,
        Path root,
        int brokerPort,
        int controllerPort,
        List<ServiceSpec> services,
        Duration readinessTimeout,
        Boolean plain,
        List<String> simulatorArgs,
        String kill,
        Duration killAfter) {

    public enum Command { UP, BROKER, CRASH_TEST, HELP }

    /** What {@code crash-test} kills when {@code --kill} is not given: the highest-volume service. */
    public static final String DEFAULT_KILL = "emission-service";

    public static final String USAGE = """
            Usage: ./taza <command> [flags] [-- simulator arguments]

            Commands:
              up        start a standalone Kafka broker (KRaft), the four services and the simulator (if built),
                        then show the national KPIs live as they arrive on kpi.values.v1. Ctrl-C stops everything.
              broker    start only the Kafka broker (for developers running a service from the IDE); Ctrl-C stops it.
              crash-test  the same stack with the simulator in replay mode; mid-replay it kills one process with
                        SIGKILL (--kill) and starts it again on the same data, then compares every KPI on
                        kpi.values.v1 with the simulator's ground truth (nothing lost, nothing counted twice).
                        Exit 0 when all match. Stops everything at the end.
              help      this text (also --help, -h)

            Flags:
              --rebuild                  build everything again before starting (mvn -B -q -DskipTests package)
              --plain                    print KPI changes line by line instead of redrawing the screen
                                         (automatic when the output is not a terminal)
              --broker-port <port>       Kafka client listener (default 9092)
              --controller-port <port>   KRaft controller listener (default 9093)
              --permit-port <port>       permit-service (default 8081)
              --emission-port <port>     emission-service (default 8082)
              --inspection-port <port>   inspection-service (default 8083)
              --tree-planting-port <port> tree-planting-service (default 8084)
              --readiness-timeout <s>    how long to wait for the services to be ready (default 180)
              --kill <what>              crash-test: a service (e.g. permit-service) or broker (default
                                         emission-service)
              --kill-after <s>           crash-test: seconds into the replay (default 60)

            Everything after `--` goes to the simulator, e.g.  ./taza up -- --mode replay
            Each run writes its broker data, Streams state and logs to local-stack/run/<timestamp>/.
            """;

    /** Parses the arguments; {@code root} is the repository's root directory. */
    public static StackOptions parse(List<String> args, Path root) {
        Command command = null;
        int brokerPort = 9092;
        int controllerPort = 9093;
        List<ServiceSpec> services = new ArrayList<>(ServiceSpec.defaults());
        Duration readinessTimeout = Duration.ofSeconds(180);
        Boolean plain = null;
        List<String> simulatorArgs = new ArrayList<>();
        String kill = DEFAULT_KILL;
        Duration killAfter = Duration.ofSeconds(60);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                simulatorArgs.addAll(args.subList(i + 1, args.size()));
                break;
            }
            switch (arg) {
                case "up" -> command = once(command, Command.UP, arg);
                case "broker" -> command = once(command, Command.BROKER, arg);
                case "crash-test" -> command = once(command, Command.CRASH_TEST, arg);
                case "--kill" -> kill = killTarget(args, ++i, services);
                case "--kill-after" -> killAfter = Duration.ofSeconds(number(args, ++i, arg, 0, 3600));
                case "help", "--help", "-h" -> command = Command.HELP;
                case "--plain" -> plain = Boolean.TRUE;
                case "--rebuild" -> {
                    // Handled by the ./taza script before the launcher starts.
                }
                case "--broker-port" -> brokerPort = port(args, ++i, arg);
                case "--controller-port" -> controllerPort = port(args, ++i, arg);
                case "--readiness-timeout" -> readinessTimeout = Duration.ofSeconds(number(args, ++i, arg, 1, 3600));
                default -> {
                    int index = serviceIndex(services, arg);
                    if (index < 0) {
                        throw new StackException("Unknown argument: " + arg + "\n\n" + USAGE);
                    }
                    services.set(index, services.get(index).withPort(port(args, ++i, arg)));
                }
            }
        }
        if (command == null) {
            command = args.isEmpty() ? Command.HELP : Command.UP;
        }
        return new StackOptions(command, root, brokerPort, controllerPort, List.copyOf(services), readinessTimeout,
                plain, List.copyOf(simulatorArgs), kill, killAfter);
    }

    /** The port check for everything this command will listen on. */
    public PortCheck ports() {
        PortCheck check = new PortCheck()
                .need("Kafka broker", brokerPort, "--broker-port")
                .need("Kafka controller", controllerPort, "--controller-port");
        if (command == Command.UP || command == Command.CRASH_TEST) {
            for (ServiceSpec service : services) {
                check.need(service.name(), service.port(), service.portFlag());
            }
        }
        return check;
    }

    private static int serviceIndex(List<ServiceSpec> services, String flag) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).portFlag().equals(flag)) {
                return i;
            }
        }
        return -1;
    }

    private static String killTarget(List<String> args, int i, List<ServiceSpec> services) {
        if (i >= args.size()) {
            throw new StackException("--kill needs what to kill: broker or one of "
                    + services.stream().map(ServiceSpec::name).toList());
        }
        String target = args.get(i);
        if (!target.equals("broker") && services.stream().noneMatch(s -> s.name().equals(target))) {
            throw new StackException("--kill takes broker or one of " + services.stream().map(ServiceSpec::name)
                    .toList() + ", not '" + target + "'");
        }
        return target;
    }

    private static Command once(Command current, Command next, String arg) {
        if (current != null && current != next) {
            throw new StackException("Give one command (up, broker or crash-test), not two: " + arg);
        }
        return next;
    }

    private static int port(List<String> args, int i, String flag) {
        return number(args, i, flag, 1, 65_535);
    }

    private static int number(List<String> args, int i, String flag, int min, int max) {
        if (i >= args.size()) {
            throw new StackException(flag + " needs a number");
        }
        try {
            int value = Integer.parseInt(args.get(i));
            if (value < min || value > max) {
                throw new StackException(flag + " must be between " + min + " and " + max + ": " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new StackException(flag + " needs a number, not '" + args.get(i) + "'");
        }
    }
}

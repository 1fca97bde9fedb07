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
        List<String> simulatorArgs) {

    public enum Command { UP, BROKER, HELP }

    public static final String USAGE = """
            Usage: ./taza <command> [flags] [-- simulator arguments]

            Commands:
              up        start a standalone Kafka broker (KRaft), the four services and the simulator (if built),
                        then show the national KPIs live as they arrive on kpi.values.v1. Ctrl-C stops everything.
              broker    start only the Kafka broker (for developers running a service from the IDE); Ctrl-C stops it.
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
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                simulatorArgs.addAll(args.subList(i + 1, args.size()));
                break;
            }
            switch (arg) {
                case "up" -> command = once(command, Command.UP, arg);
                case "broker" -> command = once(command, Command.BROKER, arg);
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
                plain, List.copyOf(simulatorArgs));
    }

    /** The port check for everything this command will listen on. */
    public PortCheck ports() {
        PortCheck check = new PortCheck()
                .need("Kafka broker", brokerPort, "--broker-port")
                .need("Kafka controller", controllerPort, "--controller-port");
        if (command == Command.UP) {
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

    private static Command once(Command current, Command next, String arg) {
        if (current != null && current != next) {
            throw new StackException("Give one command (up or broker), not both: " + arg);
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

package kz.taza.stack;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of {@code ./taza}, parsed by picocli: a command ({@code up}, {@code broker}, {@code crash-test},
 * {@code help}), its flags as {@code --flag value} or {@code --flag=value}, and for {@code up} and {@code crash-test}
 * everything after {@code --}, which goes to the simulator unchanged. Flags without a command are {@code up}'s. A value
 * of the wrong type or out of range is refused naming its flag; an unknown flag with the command's usage; every
 * command answers {@code --help}, with the defaults.
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
        Duration killAfter,
        boolean tls,
        ChaosPlan chaos) {

    public enum Command { UP, BROKER, CRASH_TEST, CHAOS }

    /**
     * What {@code ./taza chaos} does besides {@code up}: how many instances each target service runs (the others run
     * one), how many rounds of SIGKILL it gives the targets and how many of each target's instances a round kills
     * (the first ones; all when it is at least {@code instances}), how often the broker is killed and
     * restarted, how many poison records it writes to each dead-lettered topic, and the pause between two kills.
     */
    public record ChaosPlan(int instances, List<String> targets, int rounds, int killedPerRound, int brokerRestarts,
            int poisonPerTopic, Duration pause) {

        /** Every other command: one instance of each service, nothing killed. */
        public static final ChaosPlan NONE = new ChaosPlan(1, List.of(), 0, 0, 0, 0, Duration.ZERO);

        public ChaosPlan {
            targets = List.copyOf(targets);
        }

        /** How many instances {@code service} runs. */
        public int instancesOf(String service) {
            return targets.contains(service) ? instances : 1;
        }
    }

    /** What {@code crash-test} kills when {@code --kill} is not given: the highest-volume service. */
    public static final String DEFAULT_KILL = "emission-service";
    static final int DEFAULT_READINESS_TIMEOUT_SECONDS = 180;
    static final int DEFAULT_KILL_AFTER_SECONDS = 60;
    /** The chaos drill waits longer for readiness: it starts up to three times as many JVMs on the same cores. */
    static final int CHAOS_READINESS_TIMEOUT_SECONDS = 600;

    private static final List<String> COMMANDS = List.of("up", "broker", "crash-test", "chaos");
    private static final List<String> HELP_FLAGS = List.of("-h", "--help");

    /**
     * Parses the arguments; {@code root} is the repository's root directory. Empty when they ask for help (or are
     * none): the usage asked for is then printed to {@code help}.
     *
     * @throws StackException with a message for the person at the terminal when the arguments are wrong
     */
    public static Optional<StackOptions> parse(List<String> args, Path root, PrintStream help) {
        CommandLine cli = new CommandLine(new Launcher())
                // An argument "@file" after "--" belongs to the simulator; picocli would otherwise expand it.
                .setExpandAtFiles(false)
                .setUsageHelpWidth(100)
                .setUsageHelpLongOptionsMaxWidth(30)
                .setOut(new PrintWriter(help, true));
        List<String> line = new ArrayList<>(args);
        if (!line.isEmpty() && line.get(0).startsWith("-") && !HELP_FLAGS.contains(line.get(0))) {
            line.add(0, "up");
        }
        try {
            ParseResult parsed = cli.parseArgs(line.toArray(String[]::new));
            if (CommandLine.printHelpIfRequested(parsed)) {
                return Optional.empty();
            }
            if (!parsed.hasSubcommand()) {
                cli.usage(cli.getOut());
                return Optional.empty();
            }
            Broker command = parsed.subcommand().commandSpec().commandLine().getCommand();
            return Optional.of(command.options(root, line));
        } catch (ParameterException e) {
            throw new StackException(message(e));
        }
    }

    /** The port check for everything this command will listen on. */
    public PortCheck ports() {
        PortCheck check = new PortCheck()
                .need("Kafka broker", brokerPort, "--broker-port")
                .need("Kafka controller", controllerPort, "--controller-port");
        if (command != Command.BROKER) {
            for (ServiceSpec service : services) {
                check.need(service.name(), service.port(), service.portFlag());
                check.need(service.name() + " (management)", service.managementPort(), service.portFlag()
                        + " (the management port is " + ServiceSpec.MANAGEMENT_OFFSET + " above)");
                int instances = chaos.instancesOf(service.name());
                for (int i = 0; instances > 1 && i < instances; i++) {
                    ServiceSpec instance = service.instance(i);
                    String label = service.name() + " instance " + (i + 1);
                    String flag = service.portFlag() + " (instance ports are " + ServiceSpec.INSTANCE_PORT_STEP
                            + " apart above it)";
                    check.need(label, instance.port(), flag);
                    check.need(label + " (management)", instance.managementPort(), flag);
                }
            }
            check.need(ServiceSpec.IDENTITY_PROVIDER.name(), ServiceSpec.IDENTITY_PROVIDER.port(), "(fixed)");
        }
        return check;
    }

    /** What the person at the terminal reads: what is wrong, and where the flags are listed. */
    private static String message(ParameterException e) {
        CommandLine where = e.getCommandLine();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (COMMANDS.contains(first)) {
                return "Give one command (up, broker, crash-test or chaos), not two: " + first;
            }
            List<String> similar = unmatched.getSuggestions();
            return "Unknown argument: " + first
                    + (similar.isEmpty() ? "" : " (did you mean " + String.join(" or ", similar) + "?)")
                    + "\n\n" + where.getUsageMessage();
        }
        return e.getMessage() + "\n(" + where.getCommandSpec().qualifiedName() + " --help lists the flags)";
    }

    private static int within(CommandSpec spec, String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), flag + " must be between " + min + " and " + max
                    + ": " + value);
        }
        return value;
    }

    private static int port(CommandSpec spec, String flag, int value) {
        return within(spec, flag, value, 1, 65_535);
    }

    @CommandLine.Command(name = "./taza", sortOptions = false, subcommands = {Up.class, Broker.class, CrashTest.class,
            Chaos.class, HelpCommand.class},
            description = "Taza's local stack from this repository's build: a real Kafka broker (KRaft), the identity"
                    + " provider, the four services, the KPI service and its dashboard, the simulator and the national"
                    + " KPIs live.",
            commandListHeading = "%nCommands:%n",
            footer = {"", "./taza <command> --help lists the command's flags; ./taza up is the one to start with.",
                    "./taza token <name> prints a bearer token of the running stack (e.g. officer1), for curl.",
                    "./taza rejected list|replay lists and replays the records of a dead-letter topic"
                            + " (./taza rejected --help).",
                    "Flags without a command are up's (./taza --plain is ./taza up --plain).",
                    "Each run writes its broker data, Streams state and logs to local-stack/run/<timestamp>/."})
    static final class Launcher {

        @Mixin
        HelpFlag help;
    }

    /** {@code -h}, {@code --help} on every command. */
    static final class HelpFlag {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean requested;
    }

    /** {@code ./taza broker}, and the flags of every command: the broker's. */
    @CommandLine.Command(name = "broker", sortOptions = false,
            description = {"Start only the Kafka broker (KRaft, standalone), for developers running a service from"
                    + " the IDE; Ctrl-C stops it."})
    static class Broker {

        @Spec
        CommandSpec spec;

        @Mixin
        HelpFlag help;

        /** Read by the {@code ./taza} script, which builds before the launcher starts; accepted here for that. */
        @Option(names = "--rebuild", description = "build everything again before starting (mvn -B -q -DskipTests"
                + " package)")
        boolean rebuild;

        @Option(names = "--broker-port", paramLabel = "<port>",
                description = "Kafka client listener (default: ${DEFAULT-VALUE})")
        int brokerPort = 9092;

        @Option(names = "--controller-port", paramLabel = "<port>",
                description = "KRaft controller listener (default: ${DEFAULT-VALUE})")
        int controllerPort = 9093;

        @Option(names = "--tls", description = "SASL_SSL instead of SASL_PLAINTEXT on the client listener, with a"
                + " certificate for localhost made for the run (in <run>/tls; the clients trust only it)")
        boolean tls;

        /** The options this command was given; {@code line} is the whole command line as picocli read it. */
        StackOptions options(Path root, List<String> line) {
            return new StackOptions(Command.BROKER, root, brokerPort(), controllerPort(), ServiceSpec.defaults(),
                    Duration.ofSeconds(DEFAULT_READINESS_TIMEOUT_SECONDS), null, List.of(), DEFAULT_KILL,
                    Duration.ofSeconds(DEFAULT_KILL_AFTER_SECONDS), tls, ChaosPlan.NONE);
        }

        final int brokerPort() {
            return port(spec, "--broker-port", brokerPort);
        }

        final int controllerPort() {
            return port(spec, "--controller-port", controllerPort);
        }
    }

    /** {@code ./taza up}; its flags are also {@code crash-test}'s. */
    @CommandLine.Command(name = "up", sortOptions = false, modelTransformer = ServicePortFlags.class,
            description = {"Start a standalone Kafka broker (KRaft), the identity provider, the four services, the KPI"
                    + " service and the simulator (those that are built), then show the national KPIs live as they"
                    + " arrive on the KPI topic (and print the dashboard's address). Ctrl-C stops everything."},
            footer = {"", "Everything after -- goes to the simulator, e.g.  ./taza up -- --mode replay",
                    "(java -jar simulator/target/simulator-0.1.0-SNAPSHOT.jar --help lists its flags)."})
    static class Up extends Broker {

        @Option(names = "--plain", description = "print a summary line of the KPIs every 5 s instead of redrawing"
                + " the screen (automatic when the output is not a terminal)")
        boolean plain;

        @Option(names = "--readiness-timeout", paramLabel = "<s>",
                description = "seconds to wait for the services to be ready (default: ${DEFAULT-VALUE})")
        int readinessTimeout = DEFAULT_READINESS_TIMEOUT_SECONDS;

        @Parameters(paramLabel = "-- <simulator argument>", description = "the simulator's own arguments, passed on"
                + " unchanged")
        List<String> simulatorArgs;

        @Override
        StackOptions options(Path root, List<String> line) {
            return new StackOptions(Command.UP, root, brokerPort(), controllerPort(), services(),
                    readinessTimeout(), plain(), simulatorArgs(line), DEFAULT_KILL,
                    Duration.ofSeconds(DEFAULT_KILL_AFTER_SECONDS), tls, ChaosPlan.NONE);
        }

        final List<ServiceSpec> services() {
            return ServiceSpec.defaults().stream().map(service -> service.withPort(port(spec, service.portFlag(),
                    spec.findOption(service.portFlag()).<Integer>getValue()))).toList();
        }

        final Duration readinessTimeout() {
            return Duration.ofSeconds(within(spec, "--readiness-timeout", readinessTimeout, 1, 3600));
        }

        /** Null when not given: plain or not then follows whether the output is a terminal. */
        final Boolean plain() {
            return plain ? Boolean.TRUE : null;
        }

        /**
         * What comes after {@code --}, as it was given. Picocli would take a word before {@code --} for the simulator
         * too; such a word is a mistake on the launcher's command line instead.
         */
        final List<String> simulatorArgs(List<String> line) {
            List<String> given = simulatorArgs == null ? List.of() : simulatorArgs;
            int end = line.indexOf("--");
            int afterEnd = end < 0 ? 0 : line.size() - end - 1;
            if (given.size() > afterEnd) {
                throw new UnmatchedArgumentException(spec.commandLine(), given.subList(0, given.size() - afterEnd));
            }
            return List.copyOf(given);
        }
    }

    /** {@code ./taza crash-test}: {@code up}'s flags, and what to kill when. */
    @CommandLine.Command(name = "crash-test", sortOptions = false, modelTransformer = ServicePortFlags.class,
            description = {"The same stack with the simulator in replay mode; mid-replay it kills one process with"
                    + " SIGKILL (--kill) and starts it again on the same data, then compares every KPI on"
                    + " kpi.values.v1 with the simulator's ground truth (nothing lost, nothing counted twice). Exit 0"
                    + " when all match. Stops everything at the end."},
            footer = {"", "Everything after -- goes to the simulator, e.g.  ./taza crash-test -- --facilities 400"})
    static final class CrashTest extends Up {

        @Option(names = "--kill", paramLabel = "<what>",
                description = "broker or a service, e.g. permit-service (default: ${DEFAULT-VALUE})")
        String kill = DEFAULT_KILL;

        @Option(names = "--kill-after", paramLabel = "<s>",
                description = "seconds into the replay (default: ${DEFAULT-VALUE})")
        int killAfter = DEFAULT_KILL_AFTER_SECONDS;

        @Override
        StackOptions options(Path root, List<String> line) {
            List<ServiceSpec> services = services();
            if (!kill.equals("broker") && services.stream().noneMatch(s -> s.name().equals(kill))) {
                throw new ParameterException(spec.commandLine(), "--kill takes broker or one of "
                        + services.stream().map(ServiceSpec::name).toList() + ", not '" + kill + "'");
            }
            return new StackOptions(Command.CRASH_TEST, root, brokerPort(), controllerPort(), services,
                    readinessTimeout(), plain(), simulatorArgs(line), kill,
                    Duration.ofSeconds(within(spec, "--kill-after", killAfter, 0, 3600)), tls, ChaosPlan.NONE);
        }
    }

    /** {@code ./taza chaos}: {@code up}'s flags, and the drill's plan. */
    @CommandLine.Command(name = "chaos", sortOptions = false, modelTransformer = ServicePortFlags.class,
            description = {"A chaos drill: each target service runs several instances (own state directories, one"
                    + " consumer group, behind one address as a Kubernetes Service would put them); the simulator"
                    + " replays its scenario while the drill SIGKILLs and restarts every instance in turn, round after"
                    + " round, kills and restarts the broker, and writes poison records to every dead-lettered topic."
                    + " Then: every KPI equals the ground truth, every poison record is in its dead-letter topic, no"
                    + " event of the domain topics is there twice, and every call was accepted. Prints what it did"
                    + " and CHAOS PASSED, or what differed (exit 1). Stops everything at the end."},
            footer = {"", "CI runs a small one:  ./taza chaos --instances 2 --targets emission-service,inspection-service"
                    + " --rounds 1 --kill-instances 1 -- --facilities 50 --ams-days 1"})
    static final class Chaos extends Up {

        @Option(names = "--instances", paramLabel = "<n>",
                description = "instances of each target service (default: ${DEFAULT-VALUE})")
        int instances = 3;

        @Option(names = "--targets", paramLabel = "<service,...>", split = ",",
                description = "the services run several times and killed (default: all five)")
        List<String> targets;

        @Option(names = "--rounds", paramLabel = "<n>",
                description = "rounds of SIGKILL over every instance of the targets (default: ${DEFAULT-VALUE})")
        int rounds = 2;

        @Option(names = "--kill-instances", paramLabel = "<n>",
                description = "instances of each target a round kills, the first ones (default: all)")
        Integer killInstances;

        @Option(names = "--broker-restarts", paramLabel = "<n>",
                description = "times the broker is killed (SIGKILL) and restarted (default: ${DEFAULT-VALUE})")
        int brokerRestarts = 1;

        @Option(names = "--poison", paramLabel = "<n>",
                description = "poison records per dead-lettered topic (default: ${DEFAULT-VALUE})")
        int poison = 2;

        @Option(names = "--pause", paramLabel = "<s>",
                description = "seconds between a restarted instance being ready and the next kill (default:"
                        + " ${DEFAULT-VALUE})")
        int pause = 5;

        Chaos() {
            readinessTimeout = CHAOS_READINESS_TIMEOUT_SECONDS;
        }

        @Override
        StackOptions options(Path root, List<String> line) {
            List<ServiceSpec> services = services();
            List<String> names = services.stream().map(ServiceSpec::name).toList();
            List<String> chosen = targets == null ? names : List.copyOf(targets);
            for (String target : chosen) {
                if (!names.contains(target)) {
                    throw new ParameterException(spec.commandLine(), "--targets takes services of " + names
                            + ", not '" + target + "'");
                }
            }
            int count = within(spec, "--instances", instances, 1, 5);
            int killed = killInstances == null ? count : within(spec, "--kill-instances", killInstances, 0, count);
            ChaosPlan plan = new ChaosPlan(count, chosen, within(spec, "--rounds", rounds, 0, 100), killed,
                    within(spec, "--broker-restarts", brokerRestarts, 0, 10),
                    within(spec, "--poison", poison, 0, 1000), Duration.ofSeconds(within(spec, "--pause", pause, 0,
                            3600)));
            return new StackOptions(Command.CHAOS, root, brokerPort(), controllerPort(), services,
                    readinessTimeout(), plain(), simulatorArgs(line), DEFAULT_KILL,
                    Duration.ofSeconds(DEFAULT_KILL_AFTER_SECONDS), tls, plan);
        }
    }

    /** One port flag per service ({@code --permit-port} ...), named and defaulted from {@link ServiceSpec}. */
    static final class ServicePortFlags implements CommandLine.IModelTransformer {

        @Override
        public CommandSpec transform(CommandSpec spec) {
            for (ServiceSpec service : ServiceSpec.defaults()) {
                spec.addOption(OptionSpec.builder(service.portFlag()).paramLabel("<port>").type(int.class)
                        .defaultValue(Integer.toString(service.port()))
                        .description(service.name() + " (default: ${DEFAULT-VALUE})").build());
            }
            return spec;
        }
    }
}

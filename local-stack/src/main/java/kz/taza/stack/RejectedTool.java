package kz.taza.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.apache.kafka.clients.CommonClientConfigs;

import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.platform.access.BrokerSecurity;
import kz.taza.platform.errors.RejectedRecords;
import kz.taza.platform.errors.RejectedRecords.DeadLetter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./taza rejected}: an operator's tool for dead-letter topics ({@link RejectedRecords}). {@code list} shows
 * every dead letter of a topic with why and where from, one line per record (however many instances dead-lettered it);
 * {@code replay} re-publishes the chosen ones to their source topic once the cause is fixed. It works against any
 * cluster: the newest local run's broker by default, logged in with that run's client settings ({@code list} as
 * {@code taza-launcher}, which reads the dead-letter topics; {@code replay} as the run's administrator, since a replay
 * writes a service's own topic, which no reader may), another with {@code --bootstrap-servers} and its connection and
 * security settings in a {@code --client-properties} file. See {@code docs/runbook-dead-letters.md}.
 */
@Command(name = "./taza rejected", sortOptions = false, subcommands = {RejectedTool.ListCommand.class,
        RejectedTool.ReplayCommand.class, CommandLine.HelpCommand.class},
        description = "List the records of a dead-letter topic (<domain>.<name>-rejected.v<major>) with their reasons,"
                + " and replay chosen ones to their source topic after a fix.",
        footer = {"", "docs/runbook-dead-letters.md says when to replay, and what to check first."})
final class RejectedTool {

    @Mixin
    StackOptions.HelpFlag help;

    /** The repository's root, under which the local runs are ({@code local-stack/run/}). */
    private final Path root;

    private RejectedTool(Path root) {
        this.root = root;
    }

    /**
     * Runs the command line after {@code rejected}, with the local runs under {@code root}; returns the exit code (0
     * done, 1 refused or failed, 2 usage).
     */
    static int run(Path root, List<String> args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new RejectedTool(root)).setUsageHelpWidth(100)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((e, line, parsed) -> {
                    line.getErr().println("ERROR: " + e.getMessage());
                    return 1;
                });
        if (args.isEmpty()) {
            cli.usage(cli.getOut());
            return 0;
        }
        return cli.execute(args.toArray(String[]::new));
    }

    /** Where the cluster is. */
    static final class Connection {
        @Option(names = "--bootstrap-servers", paramLabel = "<host:port>",
                description = "the cluster (default: the client properties' bootstrap.servers, else the newest local"
                        + " run's broker)")
        String bootstrapServers;

        @Option(names = "--client-properties", paramLabel = "<file>",
                description = "Kafka client properties (security.protocol, sasl.*, ssl.*) for a secured cluster"
                        + " (default, without --bootstrap-servers: the newest local run's kafka/<principal>.properties)")
        Path clientProperties;

        /**
         * The records of the cluster given, or of the newest local run's broker logged in as {@code localPrincipal}.
         */
        RejectedRecords records(Path root, String localPrincipal) {
            Map<String, Object> config = new HashMap<>();
            Path file = clientProperties;
            if (file == null && bootstrapServers == null) {
                file = KafkaClientFiles.newest(root, localPrincipal).orElseThrow(() -> new IllegalArgumentException(
                        "no local run with Kafka client settings under " + root.resolve("local-stack/run")
                                + " (start ./taza up), and no --bootstrap-servers / --client-properties given"));
            }
            if (file != null) {
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    properties.load(reader);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
                }
                properties.forEach((key, value) -> config.put(key.toString(), value));
            }
            if (bootstrapServers != null) {
                config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            }
            config.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            return new RejectedRecords(config);
        }
    }

    /** What every subcommand takes: the dead-letter topic and where the cluster is. */
    abstract static class OnTopic implements Callable<Integer> {
        @Mixin
        StackOptions.HelpFlag help;

        @Mixin
        Connection connection;

        @Parameters(paramLabel = "<rejected-topic>", description = "e.g. permit.permits-rejected.v1")
        String topic;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        RejectedTool tool;
    }

    @Command(name = "list", sortOptions = false, description = "Show every dead letter of the topic, oldest first.")
    static final class ListCommand extends OnTopic {
        @Option(names = "--reason", paramLabel = "<reason>", description = "only the dead letters with this reason")
        String reason;

        @Override
        public Integer call() {
            List<DeadLetter> letters = connection.records(tool.root, TazaPrincipals.LAUNCHER).list(topic).stream()
                    .filter(letter -> reason == null || reason.equals(letter.reason())).toList();
            PrintWriter out = spec.commandLine().getOut();
            out.println(letters.size() + " dead letter(s) on " + topic + (reason == null ? "" : " with " + reason));
            letters.forEach(letter -> out.println(describe(letter)));
            return 0;
        }
    }

    @Command(name = "replay", sortOptions = false, description = {"Re-publish the chosen dead letters to the topic"
            + " they came from (their original key, bytes and headers, plus taza.replayed.from), once each."})
    static final class ReplayCommand extends OnTopic {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        @Option(names = "--force", description = "also replay onto a compacted topic (each key's value is then"
                + " the replayed one, whatever was written since)")
        boolean force;

        @Option(names = "--dry-run", description = "show what would be replayed, and replay nothing")
        boolean dryRun;

        /** Which dead letters: all, by position, or by reason. */
        static final class Choice {
            @Option(names = "--all", description = "every dead letter of the topic", required = true)
            boolean all;

            @Option(names = "--record", paramLabel = "<partition@offset>", split = ",", required = true,
                    description = "the dead letters at these positions (as list shows them)")
            List<String> positions;

            @Option(names = "--reason", paramLabel = "<reason>", required = true,
                    description = "the dead letters with this reason")
            String reason;

            Predicate<DeadLetter> predicate() {
                if (positions != null) {
                    return letter -> positions.contains(letter.position());
                }
                if (reason != null) {
                    return letter -> reason.equals(letter.reason());
                }
                return letter -> true;
            }
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // A replay writes the source topic, a service's own: on the local stack only the administrator may.
            RejectedRecords records = connection.records(tool.root, BrokerSecurity.ADMIN);
            if (dryRun) {
                List<DeadLetter> chosen = records.list(topic).stream().filter(choice.predicate()).toList();
                out.println("would replay " + chosen.size() + " dead letter(s) of " + topic + ":");
                chosen.forEach(letter -> out.println(describe(letter)));
                return 0;
            }
            List<RejectedRecords.Replayed> replayed = records.replay(topic, choice.predicate(), force);
            out.println("replayed " + replayed.size() + " dead letter(s) of " + topic + ":");
            replayed.forEach(done -> out.println(done.deadLetter().position() + " -> " + done.destination() + "@"
                    + done.offset() + "  key " + done.deadLetter().keyText()));
            return 0;
        }
    }

    /** One line per dead letter: where it is, where it came from, why, who, the key, the message. */
    static String describe(DeadLetter letter) {
        String message = letter.message() == null ? "" : letter.message().replaceAll("\\s+", " ");
        if (message.length() > 160) {
            message = message.substring(0, 157) + "...";
        }
        return String.format("%-8s %s  from %s%s  %s %s  by %s  key %s  %s", letter.position(), letter.timestamp(),
                letter.source(), letter.copies() > 1 ? " (x" + letter.copies() + ")" : "", letter.stage(),
                letter.reason(), letter.rejectedBy(), letter.keyText(), message);
    }
}

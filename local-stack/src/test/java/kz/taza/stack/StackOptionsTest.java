package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void portFlagsMoveTheBrokerAndEachService() {
        StackOptions options = parse(List.of("up", "--broker-port", "19092", "--controller-port",
                "19093", "--tree-planting-port", "18084", "--", "--mode", "replay"));

        assertThat(options.brokerPort()).isEqualTo(19092);
        assertThat(options.controllerPort()).isEqualTo(19093);
        assertThat(options.services()).extracting(ServiceSpec::port).containsExactly(8081, 8082, 8083, 18084, 8085);
        assertThat(options.simulatorArgs()).containsExactly("--mode", "replay");
    }

    @Test
    void anUnknownFlagIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> parse(List.of("up", "--brokr-port", "1")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown argument: --brokr-port")
                .hasMessageContaining("Usage: ./taza");
    }

    @Test
    void theCrashTestKillsTheEmissionServiceAMinuteInUnlessToldOtherwise() {
        StackOptions defaults = parse(List.of("crash-test"));
        assertThat(defaults.command()).isEqualTo(StackOptions.Command.CRASH_TEST);
        assertThat(defaults.kill()).isEqualTo("emission-service");
        assertThat(defaults.killAfter()).hasSeconds(60);

        StackOptions broker = parse(List.of("crash-test", "--kill", "broker", "--kill-after", "45"));
        assertThat(broker.kill()).isEqualTo("broker");
        assertThat(broker.killAfter()).hasSeconds(45);
    }

    @Test
    void theCrashTestRefusesToKillSomethingThatIsNotPartOfTheStack() {
        assertThatThrownBy(() -> parse(List.of("crash-test", "--kill", "zookeeper")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--kill takes broker or one of [permit-service, emission-service,"
                        + " inspection-service, tree-planting-service, kpi-service], not 'zookeeper'");
        assertThatThrownBy(() -> parse(List.of("up", "crash-test")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Give one command");
    }

    @Test
    void aFlagTakesItsValueAfterAnEqualsSignToo() {
        StackOptions up = parse(List.of("up", "--broker-port=19092", "--controller-port=19093",
                "--permit-port=18081", "--readiness-timeout=30"));
        assertThat(up.brokerPort()).isEqualTo(19092);
        assertThat(up.controllerPort()).isEqualTo(19093);
        assertThat(up.services()).extracting(ServiceSpec::port).containsExactly(18081, 8082, 8083, 8084, 8085);
        assertThat(up.readinessTimeout()).hasSeconds(30);

        StackOptions crash = parse(List.of("crash-test", "--kill=broker", "--kill-after=45"));
        assertThat(crash.kill()).isEqualTo("broker");
        assertThat(crash.killAfter()).hasSeconds(45);

        assertThat(parse(List.of("broker", "--broker-port=19092")).brokerPort()).isEqualTo(19092);
    }

    @Test
    void aBadNumberIsRefusedNamingTheFlagAndTheTypeItNeeds() {
        assertThatThrownBy(() -> parse(List.of("up", "--broker-port=abc")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Invalid value for option '--broker-port': 'abc' is not an int")
                .hasMessageContaining("./taza up --help lists the flags");
        assertThatThrownBy(() -> parse(List.of("crash-test", "--kill-after", "soon")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Invalid value for option '--kill-after': 'soon' is not an int");
    }

    @Test
    void aNumberOutOfRangeIsRefusedNamingTheFlagAndTheRange() {
        assertThatThrownBy(() -> parse(List.of("up", "--permit-port", "70000")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--permit-port must be between 1 and 65535: 70000");
        assertThatThrownBy(() -> parse(List.of("broker", "--controller-port=0")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--controller-port must be between 1 and 65535: 0");
        assertThatThrownBy(() -> parse(List.of("up", "--readiness-timeout", "0")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--readiness-timeout must be between 1 and 3600: 0");
    }

    @Test
    void anUnknownFlagIsRefusedWithASuggestionAndTheCommandsUsage() {
        assertThatThrownBy(() -> parse(List.of("up", "--brokr-port=1")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown argument: --brokr-port")
                .hasMessageContaining("did you mean --broker-port?")
                .hasMessageContaining("Usage: ./taza up");
        // The broker alone takes only the broker's flags.
        assertThatThrownBy(() -> parse(List.of("broker", "--permit-port", "18081")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown argument: --permit-port")
                .hasMessageContaining("Usage: ./taza broker");
        assertThatThrownBy(() -> parse(List.of("up", "replay")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown argument: replay");
    }

    @Test
    void everythingAfterTheDoubleDashGoesToTheSimulatorUnchanged() {
        List<String> simulator = List.of("--mode=replay", "--help", "--", "@file", "--broker-port", "1", "up");
        List<String> line = new ArrayList<>(List.of("up", "--plain", "--"));
        line.addAll(simulator);

        StackOptions options = parse(line);

        assertThat(options.command()).isEqualTo(StackOptions.Command.UP);
        assertThat(options.simulatorArgs()).isEqualTo(simulator);
        assertThat(options.brokerPort()).isEqualTo(9092);
        assertThat(options.plain()).isTrue();
        assertThat(parse(List.of("crash-test", "--", "--facilities", "400")).simulatorArgs())
                .containsExactly("--facilities", "400");
        assertThatThrownBy(() -> parse(List.of("broker", "--", "--mode", "replay")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown argument: --mode");
    }

    @Test
    void flagsWithoutACommandAreUps() {
        StackOptions options = parse(List.of("--plain", "--broker-port", "19092"));

        assertThat(options.command()).isEqualTo(StackOptions.Command.UP);
        assertThat(options.brokerPort()).isEqualTo(19092);
        assertThat(parse(List.of("--", "--mode", "live")).simulatorArgs()).containsExactly("--mode", "live");
        assertThat(parse(List.of("up")).plain()).isNull();
    }

    @Test
    void theChaosDrillRunsThreeInstancesOfEveryServiceTwiceRoundUnlessToldOtherwise() {
        StackOptions defaults = parse(List.of("chaos"));
        assertThat(defaults.command()).isEqualTo(StackOptions.Command.CHAOS);
        assertThat(defaults.chaos().targets()).containsExactly("permit-service", "emission-service",
                "inspection-service", "tree-planting-service", "kpi-service");
        assertThat(defaults.chaos().instancesOf("kpi-service")).isEqualTo(3);
        assertThat(defaults.chaos().rounds()).isEqualTo(2);
        assertThat(defaults.chaos().killedPerRound()).as("every instance").isEqualTo(3);
        assertThat(defaults.chaos().brokerRestarts()).isEqualTo(1);
        assertThat(defaults.readinessTimeout()).hasSeconds(StackOptions.CHAOS_READINESS_TIMEOUT_SECONDS);

        StackOptions small = parse(List.of("chaos", "--instances", "2", "--targets",
                "emission-service,inspection-service", "--rounds", "1", "--kill-instances", "1", "--poison", "4",
                "--", "--facilities", "50"));
        assertThat(small.chaos().instancesOf("emission-service")).isEqualTo(2);
        assertThat(small.chaos().instancesOf("permit-service")).as("not a target: one instance").isEqualTo(1);
        assertThat(small.chaos().poisonPerTopic()).isEqualTo(4);
        assertThat(small.chaos().killedPerRound()).isEqualTo(1);
        assertThatThrownBy(() -> parse(List.of("chaos", "--instances", "2", "--kill-instances", "3")))
                .isInstanceOf(StackException.class).hasMessageContaining("--kill-instances must be between 0 and 2");
        assertThat(small.simulatorArgs()).containsExactly("--facilities", "50");
        assertThat(parse(List.of("up")).chaos()).isEqualTo(StackOptions.ChaosPlan.NONE);

        assertThatThrownBy(() -> parse(List.of("chaos", "--targets", "emission-service,billing-service")))
                .isInstanceOf(StackException.class).hasMessageContaining("--targets")
                .hasMessageContaining("'billing-service'");
        assertThatThrownBy(() -> parse(List.of("chaos", "--instances", "9")))
                .isInstanceOf(StackException.class).hasMessageContaining("--instances must be between 1 and 5: 9");
    }

    @Test
    void theChaosDrillChecksTheInstancePortsToo() {
        StackOptions options = parse(List.of("chaos", "--instances", "2", "--targets", "emission-service"));
        ServiceSpec emission = options.services().get(1);
        assertThat(emission.instance(0)).extracting(ServiceSpec::port, ServiceSpec::managementPort)
                .containsExactly(8182, 9182);
        assertThat(emission.instance(1).port()).isEqualTo(8282);
        java.util.List<Integer> checked = new java.util.ArrayList<>();
        options.ports().needs().forEach(need -> checked.add(need.port()));
        assertThat(checked).contains(8082, 9082, 8182, 9182, 8282, 9282).doesNotContain(8181, 8183);
    }

    @Test
    void helpListsTheCommands() {
        for (List<String> asked : List.of(List.<String>of(), List.of("--help"), List.of("-h"), List.of("help"))) {
            String help = help(asked);
            assertThat(help).as("%s", asked).startsWith("Usage: ./taza [-h] [COMMAND]")
                    .contains("up ", "broker ", "crash-test ", "chaos ", "help ");
        }
    }

    @Test
    void helpOnEachCommandListsItsFlagsWithTheirDefaults() {
        String up = help(List.of("up", "--help"));
        assertThat(up).startsWith("Usage: ./taza up ")
                .contains("--broker-port=<port>", "Kafka client listener (default: 9092)")
                .contains("--controller-port=<port>", "(default: 9093)")
                .contains("--permit-port=<port>", "permit-service (default: 8081)")
                .contains("--tree-planting-port=<port>", "tree-planting-service (default: 8084)")
                .contains("--readiness-timeout=<s>", "(default: 180)")
                .contains("--plain", "--rebuild", "[-- <simulator argument>...]")
                .doesNotContain("--kill");
        assertThat(help(List.of("help", "crash-test"))).startsWith("Usage: ./taza crash-test ")
                .contains("--kill=<what>", "(default: emission-service)", "--kill-after=<s>", "(default: 60)");
        assertThat(help(List.of("broker", "-h"))).startsWith("Usage: ./taza broker ")
                .contains("--broker-port=<port>").doesNotContain("--permit-port", "--plain");
    }

    /** The options of a command line that asks for no help. */
    private static StackOptions parse(List<String> args) {
        return StackOptions.parse(args, Path.of("."), new PrintStream(OutputStream.nullOutputStream())).orElseThrow();
    }

    /** What a command line that asks for help prints, with its line breaks and indents as single spaces. */
    private static String help(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<StackOptions> options = StackOptions.parse(args, Path.of("."),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(options).as("options of %s", args).isEmpty();
        return out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }
}

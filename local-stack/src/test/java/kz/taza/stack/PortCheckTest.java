package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aPortInUseIsNamedWithWhatNeedsItAndTheFlagThatMovesIt() throws Exception {
        // given something already listening on the loopback address
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            int free = PortCheck.freePort();
            PortCheck check = new PortCheck()
                    .need("Kafka broker", port, "--broker-port")
                    .need("permit-service", free, "--permit-port");

            // then only that port is reported, by number, owner and flag
            assertThat(check.inUse()).extracting(PortCheck.Need::port).containsExactly(port);
            assertThatThrownBy(check::requireFree)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + port + " (Kafka broker) is in use")
                    .hasMessageContaining("--broker-port")
                    .hasMessageContaining("Nothing was started")
                    .hasMessageNotContaining(Integer.toString(free));
        }
    }

    @Test
    void freePortsPass() {
        PortCheck check = new PortCheck().need("Kafka broker", PortCheck.freePort(), "--broker-port");

        assertThat(check.inUse()).isEmpty();
        check.requireFree();
    }

    @Test
    void theSamePortForTwoThingsIsRefusedBeforeAnythingIsChecked() {
        assertThatThrownBy(() -> new PortCheck().need("Kafka broker", 9092, "--broker-port")
                .need("permit-service", 9092, "--permit-port"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Port 9092 is given to both Kafka broker and permit-service");
    }

    @Test
    void portFlagsMoveTheBrokerAndEachService() {
        StackOptions options = StackOptions.parse(List.of("up", "--broker-port", "19092", "--controller-port",
                "19093", "--tree-planting-port", "18084", "--", "--mode", "replay"), Path.of("."));

        assertThat(options.brokerPort()).isEqualTo(19092);
        assertThat(options.controllerPort()).isEqualTo(19093);
        assertThat(options.services()).extracting(ServiceSpec::port).containsExactly(8081, 8082, 8083, 18084);
        assertThat(options.simulatorArgs()).containsExactly("--mode", "replay");
    }

    @Test
    void anUnknownFlagIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> StackOptions.parse(List.of("up", "--brokr-port", "1"), Path.of(".")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown argument: --brokr-port")
                .hasMessageContaining("Usage: ./taza");
    }

    @Test
    void theCrashTestKillsTheEmissionServiceAMinuteInUnlessToldOtherwise() {
        StackOptions defaults = StackOptions.parse(List.of("crash-test"), Path.of("."));
        assertThat(defaults.command()).isEqualTo(StackOptions.Command.CRASH_TEST);
        assertThat(defaults.kill()).isEqualTo("emission-service");
        assertThat(defaults.killAfter()).hasSeconds(60);

        StackOptions broker = StackOptions.parse(List.of("crash-test", "--kill", "broker", "--kill-after", "45"),
                Path.of("."));
        assertThat(broker.kill()).isEqualTo("broker");
        assertThat(broker.killAfter()).hasSeconds(45);
    }

    @Test
    void theCrashTestRefusesToKillSomethingThatIsNotPartOfTheStack() {
        assertThatThrownBy(() -> StackOptions.parse(List.of("crash-test", "--kill", "zookeeper"), Path.of(".")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--kill takes broker or one of [permit-service, emission-service,"
                        + " inspection-service, tree-planting-service], not 'zookeeper'");
        assertThatThrownBy(() -> StackOptions.parse(List.of("up", "crash-test"), Path.of(".")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Give one command");
    }
}

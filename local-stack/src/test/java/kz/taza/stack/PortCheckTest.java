package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

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
}

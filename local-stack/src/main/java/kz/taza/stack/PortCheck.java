package kz.taza.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, before anything starts, that every port the stack will listen on is free, so that a port in use is reported
 * once, by number and by what needed it, instead of as a broker or service failing half-way through start-up.
 */
public final class PortCheck {

    /** A port the stack needs and who needs it. */
    public record Need(String who, int port, String flag) {
    }

    private final Map<Integer, Need> needs = new LinkedHashMap<>();

    /** Adds a port; {@code flag} is the command-line flag that moves it. */
    public PortCheck need(String who, int port, String flag) {
        Need previous = needs.putIfAbsent(port, new Need(who, port, flag));
        if (previous != null) {
            throw new StackException("Port " + port + " is given to both " + previous.who() + " and " + who
                    + ": choose different ports (" + previous.flag() + ", " + flag + ")");
        }
        return this;
    }

    /** Every port needed, in the order added. */
    public List<Need> needs() {
        return List.copyOf(needs.values());
    }

    /** The ports that something else already listens on. */
    public List<Need> inUse() {
        List<Need> busy = new ArrayList<>();
        for (Need need : needs.values()) {
            if (!isFree(need.port())) {
                busy.add(need);
            }
        }
        return busy;
    }

    /** Fails with a message naming every busy port, what needed it and how to move it. */
    public void requireFree() {
        List<Need> busy = inUse();
        if (busy.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Cannot start: ");
        message.append(busy.size() == 1 ? "a port the stack needs is" : "ports the stack needs are")
                .append(" already in use. Nothing was started.\n");
        for (Need need : busy) {
            message.append("  port ").append(need.port()).append(" (").append(need.who()).append(") is in use;")
                    .append(" free it or choose another with ").append(need.flag()).append(" <port>\n");
        }
        message.append("  To see what listens there: ss -ltnp 'sport = :").append(busy.get(0).port()).append("'");
        throw new StackException(message.toString());
    }

    /** True when nothing listens on the port, on any local address. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Binding the wildcard address conflicts with a listener on any specific local address too.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now, for tests and for callers that let the system choose. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}

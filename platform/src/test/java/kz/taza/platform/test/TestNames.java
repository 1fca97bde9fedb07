package kz.taza.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.utils.Utils;

/**
 * Unique names for tests that share one broker: topics, application ids, consumer groups, state directories, keys that
 * land on every partition, free ports for instances that must know their own address before they start.
 */
public final class TestNames {

    private TestNames() {
    }

    /** {@code prefix} followed by a short random suffix. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A topic name that follows the {@code <domain>.<name>.v<major>} rule, unique to the caller. */
    public static String topic(String domain, String name) {
        return domain + "." + unique(name) + ".v1";
    }

    /** A fresh, empty Streams state directory under the build's temporary directory. */
    public static Path stateDir() {
        try {
            return Files.createTempDirectory("taza-test-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One unique key (starting with {@code prefix}) per partition of a string-keyed topic with {@code partitions}
     * partitions, by Kafka's default partitioner: the key at index i lands on partition i.
     */
    public static List<String> keysOnEachPartition(String prefix, int partitions) {
        String[] byPartition = new String[partitions];
        int found = 0;
        for (int i = 0; found < partitions; i++) {
            String key = unique(prefix) + "-" + i;
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (byPartition[partition] == null) {
                byPartition[partition] = key;
                found++;
            }
        }
        return List.of(byPartition);
    }

    /** A TCP port that was free a moment ago (for an instance that must announce its own address). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package kz.taza.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Unique names for tests that share one broker: topics, application ids, consumer groups, state directories. */
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
}

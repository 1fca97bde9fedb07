package kz.taza.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the numbers were measured on: cores, memory, JVM, and the load average (the machine may be shared). */
record Machine(int cores, String loadAverage, long maxHeapMiB, String java, String os) {

    static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(), currentLoadAverage(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** 1, 5 and 15-minute load averages from /proc/loadavg, or the JVM's 1-minute figure elsewhere. */
    static String currentLoadAverage() {
        Path proc = Path.of("/proc/loadavg");
        try {
            if (Files.isReadable(proc)) {
                String[] parts = Files.readString(proc).trim().split("\\s+");
                return parts[0] + " " + parts[1] + " " + parts[2];
            }
        } catch (IOException e) {
            // fall through to the JVM's figure
        }
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}

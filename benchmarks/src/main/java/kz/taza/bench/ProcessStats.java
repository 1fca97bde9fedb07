package kz.taza.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a process has cost so far: its CPU time (user and system, all threads) and, on Linux, its resident memory now
 * and at its peak ({@code VmRSS}, {@code VmHWM} of {@code /proc/<pid>/status}); -1 where the system does not say.
 */
record ProcessStats(long cpuNanos, long rssBytes, long peakRssBytes) {

    static ProcessStats of(long pid) {
        long cpu = ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos)
                .orElse(-1L);
        long rss = -1;
        long peak = -1;
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = kilobytes(line);
                    } else if (line.startsWith("VmHWM:")) {
                        peak = kilobytes(line);
                    }
                }
            }
        } catch (IOException e) {
            // the process has gone: its memory is not known any more
        }
        return new ProcessStats(cpu, rss, peak);
    }

    /** {@code VmRSS:   123456 kB} in bytes. */
    static long kilobytes(String line) {
        String[] parts = line.trim().split("\\s+");
        return Long.parseLong(parts[1]) * 1024;
    }
}

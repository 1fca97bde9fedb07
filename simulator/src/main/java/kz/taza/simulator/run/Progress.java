package kz.taza.simulator.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import kz.taza.simulator.client.Counters;

/**
 * A line every few seconds: elapsed time, the phase, and per kind sent/accepted/rejected (retries in brackets), plus
 * the rate of the kind that moves most (readings while they flow).
 */
public final class Progress implements AutoCloseable {

    private final Counters counters;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private volatile String phase = "starting";
    private long lastReadings;
    private long lastNanos = System.nanoTime();

    public Progress(Counters counters, PrintStream out, long everyMillis) {
        this.counters = counters;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::print, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    public void phase(String name) {
        phase = name;
        out.println(String.format(Locale.ROOT, "[%6.1f s] phase: %s", seconds(), name));
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public synchronized void print() {
        long now = System.nanoTime();
        Counters.Kind r = counters.all().get("readings");
        long readings = r == null ? 0 : r.accepted.get();
        double rate = (readings - lastReadings) / ((now - lastNanos) / 1e9);
        lastReadings = readings;
        lastNanos = now;
        out.println(String.format(Locale.ROOT, "[%6.1f s] %s | sent/accepted/rejected: %s%s", seconds(), phase,
                counters.line(), rate > 0 ? String.format(Locale.ROOT, " | %.0f readings/s", rate) : ""));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        print();
    }
}

package kz.taza.stack;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The live national-KPI view: redrawn in place at most {@link #MAX_REDRAWS_PER_SECOND} times a second on a terminal,
 * or, in plain mode (a log, a pipe), a compact summary of every tile in one line every {@link #SUMMARY_INTERVAL} while
 * records arrive: a replay changes the tiles thousands of times, and a log needs the state every few seconds, not
 * every change.
 */
public final class KpiView {

    public static final int MAX_REDRAWS_PER_SECOND = 4;
    /** How often plain mode prints its summary line, when records arrived since the last one. */
    public static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Screen screen;
    private final KpiBoard board;
    private final KpiFeed feed;
    private final Supplier<List<String>> status;
    private final String footer;
    private boolean announcedTopic;
    /** Records counted at the last summary line (-1: none printed), and when it was printed. */
    private long summarisedRecords = -1;
    private long summarisedAt;
    private volatile boolean dirty = true;

    /**
     * @param status lines about the stack (broker, services, simulator) shown above the KPIs
     * @param footer the last line (where the logs are, how to stop)
     */
    public KpiView(Screen screen, KpiBoard board, KpiFeed feed, Supplier<List<String>> status, String footer) {
        this.screen = screen;
        this.board = board;
        this.feed = feed;
        this.status = status;
        this.footer = footer;
    }

    /** Called by the feed when records arrive. */
    public void changed() {
        dirty = true;
    }

    /** Redraws until {@code running} turns false. */
    public void run(Supplier<Boolean> running) throws InterruptedException {
        long interval = 1000 / MAX_REDRAWS_PER_SECOND;
        if (screen.ansi()) {
            screen.enterFullScreen();
        } else {
            screen.println("Live national KPIs from kpi.values.v1 (plain mode: a summary every "
                    + SUMMARY_INTERVAL.toSeconds() + " s while they change). " + footer);
        }
        long lastStatus = 0;
        while (running.get()) {
            long now = System.currentTimeMillis();
            // The status lines (clock, service states) change without records, so refresh them every second.
            if (dirty || now - lastStatus >= 1000) {
                dirty = false;
                lastStatus = now;
                render();
            }
            Thread.sleep(interval); // caps the redraw rate
        }
    }

    void render() {
        render(System.currentTimeMillis());
    }

    /** Draws the view as of {@code nowMillis}. */
    void render(long nowMillis) {
        List<KpiBoard.Row> rows;
        String summary;
        long received;
        int keys;
        Instant newest;
        synchronized (board) {
            rows = board.rows();
            summary = board.summary();
            received = board.received();
            keys = board.keys();
            newest = board.newest().orElse(null);
        }
        String counts = "KPI records received: " + KpiFormat.count(received) + " (" + keys + " keys)"
                + " · newest: " + (newest == null ? KpiFormat.NOT_SEEN : TIME.format(newest))
                + (feed.undecodable() > 0 ? " · undecodable: " + feed.undecodable() : "");
        if (screen.ansi()) {
            List<String> lines = new ArrayList<>();
            lines.add(Screen.bold("Taza · national KPIs, live from kpi.values.v1", true)
                    + "   " + CLOCK.format(Instant.now()));
            lines.addAll(status.get());
            lines.add("─".repeat(78));
            if (feed.refused().isPresent()) {
                lines.add("(the broker refused reading kpi.values.v1: " + feed.refused().get() + ")");
            } else if (!feed.topicFound()) {
                lines.add("(waiting for kpi.values.v1: a service declares it when it starts)");
            }
            for (KpiBoard.Row row : rows) {
                lines.add(String.format("  %-36s %s", row.label(), row.text()));
            }
            lines.add("─".repeat(78));
            lines.add(counts);
            lines.add(footer);
            screen.drawFullScreen(lines);
            return;
        }
        if (feed.refused().isPresent() && !announcedTopic) {
            announcedTopic = true;
            screen.println(CLOCK.format(Instant.ofEpochMilli(nowMillis))
                    + "  the broker refused reading kpi.values.v1: " + feed.refused().get());
        }
        if (feed.topicFound() && !announcedTopic) {
            announcedTopic = true;
            screen.println(CLOCK.format(Instant.ofEpochMilli(nowMillis))
                    + "  reading kpi.values.v1 from the beginning");
        }
        if (received != summarisedRecords && received > 0
                && (summarisedRecords < 0 || nowMillis - summarisedAt >= SUMMARY_INTERVAL.toMillis())) {
            summarisedRecords = received;
            summarisedAt = nowMillis;
            screen.println(CLOCK.format(Instant.ofEpochMilli(nowMillis)) + "  " + summary + "   [" + counts + "]");
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}

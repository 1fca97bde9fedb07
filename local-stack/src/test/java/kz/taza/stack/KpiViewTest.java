package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.schemas.KpiScopes;

/** The terminal view's plain mode, driven by the clock its caller gives. */
class KpiViewTest {

    private static final long T0 = Instant.parse("2025-11-04T10:00:00Z").toEpochMilli();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final KpiBoard board = new KpiBoard();

    @Test
    void plainModePrintsASummaryEveryFewSecondsWhileRecordsArriveNotOneLinePerChange() {
        // given a plain screen (a log) and a feed that reads nothing
        try (KpiFeed feed = new KpiFeed(java.util.Map.of("bootstrap.servers", "localhost:1"), board, () -> { })) {
            KpiView view = new KpiView(new Screen(new PrintStream(out, true, StandardCharsets.UTF_8), false), board,
                    feed, List::of, "footer");

            // when fines arrive many times a second for twelve seconds
            for (int tick = 0; tick < 48; tick++) {
                fine(1_000.0 * (tick + 1));
                view.render(T0 + tick * 250L);
            }
            // and nothing arrives for a while
            view.render(T0 + 20_000);
            view.render(T0 + 30_000);
        }

        // then one summary line at the start, one every five seconds with the latest values, one with the state the
        // changes ended in, and nothing while nothing changes
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:00  emissions — · .*").contains("fined 1,000 KZT")
                .contains("KPI records received: 1 ");
        assertThat(lines.get(1)).matches("\\d\\d:\\d\\d:05  .*").contains("fined 21,000 KZT")
                .contains("KPI records received: 21 ");
        assertThat(lines.get(2)).matches("\\d\\d:\\d\\d:10  .*").contains("fined 41,000 KZT");
        assertThat(lines.get(3)).matches("\\d\\d:\\d\\d:20  .*").contains("fined 48,000 KZT");
    }

    private void fine(double kzt) {
        KpiValue value = InspectionKpis.FINES_IMPOSED.value(KpiScopes.NATIONAL, KpiPeriods.year(2025), kzt, null, null,
                1, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0));
        synchronized (board) {
            board.accept(InspectionKpis.FINES_IMPOSED.key(KpiScopes.NATIONAL, KpiPeriods.year(2025)), value,
                    Instant.ofEpochMilli(T0));
        }
    }
}

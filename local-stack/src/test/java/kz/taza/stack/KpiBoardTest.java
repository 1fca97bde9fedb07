package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.Kpi;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.schemas.KpiScopes;

class KpiBoardTest {

    private static final Kpi CHANGE = Kpi.of("emissions.reported.change_pct", "pct");
    private static final Kpi TREES = Kpi.withTarget("trees.planted.count", "count", 2_000_000_000d);
    private static final KpiPeriod PROGRAMME = KpiPeriods.programme(LocalDate.of(2021, 1, 1));
    private static final Instant T0 = Instant.parse("2025-01-10T08:00:00Z");

    private final KpiBoard board = new KpiBoard();

    @Test
    void showsADashForEveryKpiNotSeenYet() {
        assertThat(board.rows()).hasSize(KpiBoard.NATIONAL_TILES.size())
                .allSatisfy(row -> assertThat(row.text()).isEqualTo("—"));
        assertThat(board.received()).isZero();
        assertThat(board.newest()).isEmpty();
    }

    @Test
    void keepsOnlyTheLatestValuePerKeyAndCountsEveryRecord() {
        // given two values for the same key (a correction) and one for another key
        accept(CHANGE, KpiScopes.NATIONAL, KpiPeriods.year(2024), -5.1, T0);
        accept(CHANGE, KpiScopes.NATIONAL, KpiPeriods.year(2024), -6.0, T0.plusSeconds(5));
        accept(CHANGE, KpiScopes.TOP50_CAT1, KpiPeriods.year(2024), -50.0, T0.plusSeconds(2));

        // then the national tile shows the correction, every record is counted and the newest time is kept
        assertThat(board.get(CHANGE.key(KpiScopes.NATIONAL, KpiPeriods.year(2024))))
                .map(KpiValue::getValue).contains(-6.0);
        assertThat(board.keys()).isEqualTo(2);
        assertThat(board.received()).isEqualTo(3);
        assertThat(board.newest()).contains(T0.plusSeconds(5));
        assertThat(row("Emissions change, national")).isEqualTo("−6.0 %  (2024 vs 2023)");
        assertThat(row("Emissions change, top 50 (Cat. I)")).isEqualTo("−50.0 %  (2024 vs 2023)");
    }

    @Test
    void aYearTileShowsTheLatestYearWhateverTheOrderOfArrival() {
        accept(CHANGE, KpiScopes.NATIONAL, KpiPeriods.year(2024), -6.0, T0);
        accept(CHANGE, KpiScopes.NATIONAL, KpiPeriods.year(2023), 1.5, T0.plusSeconds(1));

        assertThat(row("Emissions change, national")).startsWith("−6.0 %  (2024");
    }

    @Test
    void aRegionalValueDoesNotShowOnANationalTile() {
        accept(CHANGE, "REGION:55", KpiPeriods.year(2024), -12.0, T0);

        assertThat(row("Emissions change, national")).isEqualTo("—");
        assertThat(board.received()).isEqualTo(1);
    }

    @Test
    void treesShowProgressTowardTwoBillion() {
        accept(TREES, KpiScopes.NATIONAL, PROGRAMME, 1_104_500_000d, T0);
        // a yearly figure of the same KPI does not replace the programme's cumulative one on the tile
        accept(TREES, KpiScopes.NATIONAL, KpiPeriods.year(2025), 270_000_000d, T0.plusSeconds(1));

        assertThat(row("Trees planted (of 2 billion)"))
                .isEqualTo("1,104,500,000  [################--------------] 55.2 %  (since 2021-01-01)");
    }

    @Test
    void aTombstoneRemovesTheKeysValue() {
        accept(CHANGE, KpiScopes.NATIONAL, KpiPeriods.year(2024), -6.0, T0);
        board.accept(CHANGE.key(KpiScopes.NATIONAL, KpiPeriods.year(2024)), null, T0.plusSeconds(1));

        assertThat(row("Emissions change, national")).isEqualTo("—");
        assertThat(board.received()).isEqualTo(2);
    }

    private void accept(Kpi kpi, String scope, KpiPeriod period, double value, Instant written) {
        KpiValue record = kpi.value(scope, period, value, null, null, 1, written, written);
        board.accept(kpi.key(scope, period), record, written);
    }

    private String row(String label) {
        List<KpiBoard.Row> rows = board.rows();
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow().text();
    }
}

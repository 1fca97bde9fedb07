package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.Headline;
import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.permit.PermitKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.schemas.KpiScopes;

class KpiBoardTest {

    private static final KpiDefinition CHANGE = EmissionKpis.REPORTED_CHANGE_PCT;
    private static final KpiDefinition TREES = ForestKpis.PLANTED;
    private static final KpiPeriod PROGRAMME = KpiPeriods.programme(LocalDate.of(2021, 1, 1));
    private static final Instant T0 = Instant.parse("2025-01-10T08:00:00Z");

    private final KpiBoard board = new KpiBoard();

    @Test
    void showsADashForEveryKpiNotSeenYet() {
        assertThat(board.rows()).hasSize(Headline.TILES.size())
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

    @Test
    void theSummaryShowsEveryTileInOneLineByItsShortLabel() {
        accept(CHANGE, KpiScopes.NATIONAL, KpiPeriods.year(2024), -6.0, T0);
        accept(TREES, KpiScopes.NATIONAL, PROGRAMME, 1_104_500_000d, T0);

        assertThat(board.summary()).isEqualTo("emissions \u22126.0 % · top 50 — · KEP — · AMS — · exceedances — · "
                + "inspections — · fined — · collected — · trees 1,104,500,000 (55.2 %) · saxaul — · material — · "
                + "burned — · detection —");
    }

    private void accept(KpiDefinition kpi, String scope, KpiPeriod period, double value, Instant written) {
        KpiValue record = kpi.value(scope, period, value, null, null, 1, written, written);
        board.accept(kpi.key(scope, period), record, written);
    }

    private String row(String label) {
        List<KpiBoard.Row> rows = board.rows();
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow().text();
    }

    @Test
    void everyTileNamesAScopeAndGranularityItsKpiIsPublishedFor() {
        // a tile asking for a scope the KPI is not published for would read "—" for ever
        assertThat(Headline.TILES).allSatisfy(tile -> {
            assertThat(tile.kpi().declaresScope(tile.scope()))
                    .as("%s: %s is published for %s", tile.label(), tile.kpi().id(), tile.kpi().scopes()).isTrue();
            assertThat(tile.kpi().declaresGranularity(tile.preferred()))
                    .as("%s: %s is published at %s", tile.label(), tile.kpi().id(), tile.kpi().granularities())
                    .isTrue();
        });
        // the KEP is the Category I permit: its coverage tile reads CATEGORY:I
        assertThat(Headline.TILES).filteredOn(tile -> tile.kpi().id().equals("permits.kep_coverage_pct"))
                .singleElement().satisfies(tile -> assertThat(tile.scope()).isEqualTo("CATEGORY:I"));
    }

    @Test
    void theKepCoverageTileShowsTheCategoryOneCoverage() {
        KpiDefinition coverage = PermitKpis.KEP_COVERAGE;
        accept(coverage, "CATEGORY:I", KpiPeriods.year(2025), 62.5, T0);
        accept(coverage, KpiScopes.TOP50_CAT1, KpiPeriods.year(2025), 100.0, T0);

        assertThat(row("KEP coverage (Cat. I)")).isEqualTo("62.5 %  (2025)");
    }

    @Test
    void aTileOfAKpiNotPublishedAtItsPreferredGranularityShowsTheLatestPeriodItIsPublishedAt() {
        // AMS data availability is published per DAY and MONTH: the tile prefers the month
        KpiDefinition availability = EmissionKpis.DATA_AVAILABILITY_PCT;
        accept(availability, KpiScopes.NATIONAL, new KpiPeriod(KpiGranularity.MONTH, LocalDate.of(2025, 11, 1)), 97.5,
                T0);
        accept(availability, KpiScopes.NATIONAL, new KpiPeriod(KpiGranularity.DAY, LocalDate.of(2025, 11, 3)), 91.0,
                T0);

        assertThat(row("AMS data availability")).isEqualTo("97.5 %  (2025-11)");
    }
}

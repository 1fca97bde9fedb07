package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;

class KpiFormatTest {

    @Test
    void aChangeShowsItsSignAndOneDecimal() {
        assertThat(KpiFormat.changePct(-6.0)).isEqualTo("−6.0 %");
        assertThat(KpiFormat.changePct(-50.04)).isEqualTo("−50.0 %");
        assertThat(KpiFormat.changePct(2.46)).isEqualTo("+2.5 %");
        assertThat(KpiFormat.changePct(0.0)).isEqualTo("0.0 %");
        assertThat(KpiFormat.changePct(-0.04)).isEqualTo("0.0 %");
    }

    @Test
    void sharesAndCountsReadAsPeopleRoundThem() {
        assertThat(KpiFormat.percent(87.25)).isEqualTo("87.3 %");
        assertThat(KpiFormat.count(1_234_567.6)).isEqualTo("1,234,568");
        assertThat(KpiFormat.kzt(12_000_000)).isEqualTo("12,000,000 KZT");
    }

    @Test
    void progressTowardTwoBillionFillsTheBarInProportion() {
        assertThat(KpiFormat.progress(0, 2e9, 10)).isEqualTo("[----------] 0.0 %");
        assertThat(KpiFormat.progress(1e9, 2e9, 10)).isEqualTo("[#####-----] 50.0 %");
        // a cell fills only when its whole share is reached
        assertThat(KpiFormat.progress(1.98e9, 2e9, 10)).isEqualTo("[#########-] 99.0 %");
        // past the target the bar is full and the share says by how much
        assertThat(KpiFormat.progress(2.2e9, 2e9, 10)).isEqualTo("[##########] 110.0 %");
    }

    @Test
    void periodsReadAsACalendarWouldWriteThem() {
        assertThat(KpiFormat.period(new KpiPeriod(KpiGranularity.YEAR, LocalDate.of(2024, 1, 1)))).isEqualTo("2024");
        assertThat(KpiFormat.period(new KpiPeriod(KpiGranularity.MONTH, LocalDate.of(2024, 3, 1))))
                .isEqualTo("2024-03");
        assertThat(KpiFormat.period(new KpiPeriod(KpiGranularity.PROGRAMME, LocalDate.of(2021, 1, 1))))
                .isEqualTo("since 2021-01-01");
    }
}

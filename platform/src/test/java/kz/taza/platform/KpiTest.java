package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.Kpi;
import kz.taza.platform.kpi.KpiPeriods;

class KpiTest {

    private static final ZoneOffset KAZAKHSTAN = ZoneOffset.ofHours(5);

    @Test
    void cutsPeriodsInKazakhstanTime() {
        Instant lateOnNewYearsEveUtc = Instant.parse("2024-12-31T20:30:00Z");

        assertThat(KpiPeriods.containing(KpiGranularity.YEAR, lateOnNewYearsEveUtc, KAZAKHSTAN).getStart())
                .isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(KpiPeriods.containing(KpiGranularity.MONTH, lateOnNewYearsEveUtc, KAZAKHSTAN).getStart())
                .isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(KpiPeriods.containing(KpiGranularity.DAY, Instant.parse("2024-03-10T12:00:00Z"), KAZAKHSTAN)
                .getStart()).isEqualTo(LocalDate.of(2024, 3, 10));
    }

    @Test
    void findsThePreviousPeriod() {
        assertThat(KpiPeriods.previous(KpiPeriods.year(2024))).isEqualTo(KpiPeriods.year(2023));
        assertThat(KpiPeriods.previous(new KpiPeriod(KpiGranularity.MONTH, LocalDate.of(2024, 1, 1))).getStart())
                .isEqualTo(LocalDate.of(2023, 12, 1));
    }

    @Test
    void computesYearOnYearChangeAndPercentages() {
        assertThat(Kpi.changePct(2_400_000.0, 2_256_000.0)).isEqualTo(-6.0);
        assertThat(Kpi.changePct(null, 5.0)).isNull();
        assertThat(Kpi.changePct(0.0, 5.0)).isNull();
        assertThat(Kpi.percent(74, 78)).isEqualTo(94.87);
        assertThat(Kpi.percent(1, 0)).isNull();
    }

    @Test
    void buildsTheRecordAndItsKey() {
        Kpi planted = Kpi.withTarget("trees.planted.count", "count", 2_000_000_000);
        KpiValue value = planted.value("NATIONAL", KpiPeriods.programme(LocalDate.of(2021, 1, 1)), 1_374_500_000,
                null, null, 42, Instant.EPOCH, Instant.EPOCH);

        assertThat(value.getTarget()).isEqualTo(2_000_000_000.0);
        assertThat(value.getInputEvents()).isEqualTo(42);
        assertThat(planted.key("NATIONAL", value.getPeriod()))
                .isEqualTo("trees.planted.count|NATIONAL|PROGRAMME:2021-01-01");
    }
}

package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiMath;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.KpiUnit;

class KpiTest {

    private static final ZoneOffset KAZAKHSTAN = ZoneOffset.ofHours(5);
    private static final KpiDefinition PLANTED = KpiDefinition.kpi("trees.planted.count")
            .meaning("Trees planted in the period.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.YEAR, KpiGranularity.PROGRAMME)
            .scopes("NATIONAL", "REGION:*")
            .target(2_000_000_000, "NATIONAL", KpiGranularity.PROGRAMME)
            .owner("tree-planting-service")
            .build();
    private static final KpiDefinition COVERAGE = KpiDefinition.kpi("permits.kep_coverage_pct")
            .meaning("Share of the facilities in scope holding an active KEP.")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.YEAR)
            .scopes("CATEGORY:I", "GROUP:TOP50_CAT1")
            .target(100, "GROUP:TOP50_CAT1", null)
            .owner("permit-service")
            .build();

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
        assertThat(KpiMath.changePct(2_400_000.0, 2_256_000.0)).isEqualTo(-6.0);
        assertThat(KpiMath.changePct(null, 5.0)).isNull();
        assertThat(KpiMath.changePct(0.0, 5.0)).isNull();
        assertThat(KpiMath.percent(74, 78)).isEqualTo(94.87);
        assertThat(KpiMath.percent(1, 0)).isNull();
    }

    @Test
    void buildsTheRecordAndItsKey() {
        KpiDefinition planted = PLANTED;
        KpiValue value = planted.value("NATIONAL", KpiPeriods.programme(LocalDate.of(2021, 1, 1)), 1_374_500_000,
                null, null, 42, Instant.EPOCH, Instant.EPOCH);

        assertThat(value.getTarget()).isEqualTo(2_000_000_000.0);
        assertThat(value.getInputEvents()).isEqualTo(42);
        assertThat(planted.key("NATIONAL", value.getPeriod()))
                .isEqualTo("trees.planted.count|NATIONAL|PROGRAMME:2021-01-01");
    }

    @Test
    void eachValueGetsItsTargetFromTheDefinition() {
        // the programme's 2 billion is the target of the national programme value only
        assertThat(value(PLANTED, "NATIONAL", KpiPeriods.programme(LocalDate.of(2021, 1, 1))).getTarget())
                .isEqualTo(2_000_000_000.0);
        assertThat(value(PLANTED, "NATIONAL", KpiPeriods.year(2024)).getTarget()).isNull();
        assertThat(value(PLANTED, "REGION:43", KpiPeriods.programme(LocalDate.of(2021, 1, 1))).getTarget()).isNull();
        // KEP coverage: 100 % for the top-50 group, none for Category I as a whole
        assertThat(value(COVERAGE, "GROUP:TOP50_CAT1", KpiPeriods.year(2025)).getTarget()).isEqualTo(100.0);
        assertThat(value(COVERAGE, "CATEGORY:I", KpiPeriods.year(2025)).getTarget()).isNull();
        assertThat(value(COVERAGE, "CATEGORY:I", KpiPeriods.year(2025)).getUnit()).isEqualTo("pct");
    }

    @Test
    void refusesAValueForAScopeOrGranularityTheDefinitionDoesNotDeclare() {
        assertThatThrownBy(() -> value(COVERAGE, "NATIONAL", KpiPeriods.year(2025)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permits.kep_coverage_pct")
                .hasMessageContaining("NATIONAL");
        assertThatThrownBy(() -> value(COVERAGE, "CATEGORY:II", KpiPeriods.year(2025)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> value(PLANTED, "REGION:", KpiPeriods.year(2025)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> value(PLANTED, "NATIONAL",
                new KpiPeriod(KpiGranularity.MONTH, LocalDate.of(2025, 3, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MONTH");
    }

    @Test
    void aDefinitionIsCompleteOrNotBuiltAtAll() {
        assertThatThrownBy(() -> KpiDefinition.kpi("trees.planted.count").unit(KpiUnit.COUNT)
                .per(KpiGranularity.YEAR).scopes("NATIONAL").owner("tree-planting-service").build())
                .hasMessageContaining("meaning");
        assertThatThrownBy(() -> KpiDefinition.kpi("trees.planted.count").meaning("Trees.")
                .per(KpiGranularity.YEAR).scopes("NATIONAL").owner("tree-planting-service").build())
                .hasMessageContaining("unit");
        assertThatThrownBy(() -> KpiDefinition.kpi("trees.planted.count").meaning("Trees.").unit(KpiUnit.COUNT)
                .per(KpiGranularity.YEAR).scopes("NATIONAL").build())
                .hasMessageContaining("owner");
        assertThatThrownBy(() -> KpiDefinition.kpi("Trees Planted").meaning("Trees.").unit(KpiUnit.COUNT)
                .per(KpiGranularity.YEAR).scopes("NATIONAL").owner("tree-planting-service").build())
                .hasMessageContaining("id");
        assertThatThrownBy(() -> KpiDefinition.kpi("trees.planted.count").meaning("Trees.").unit(KpiUnit.COUNT)
                .per(KpiGranularity.YEAR).scopes("national").owner("tree-planting-service").build())
                .hasMessageContaining("scope pattern");
        // a target for a scope or granularity the KPI is not published at could never be seen
        assertThatThrownBy(() -> KpiDefinition.kpi("trees.planted.count").meaning("Trees.").unit(KpiUnit.COUNT)
                .per(KpiGranularity.YEAR).scopes("REGION:*").target(5, "NATIONAL", null)
                .owner("tree-planting-service").build())
                .hasMessageContaining("target for scope NATIONAL");
        assertThatThrownBy(() -> KpiDefinition.kpi("trees.planted.count").meaning("Trees.").unit(KpiUnit.COUNT)
                .per(KpiGranularity.YEAR).scopes("NATIONAL").target(5, null, KpiGranularity.PROGRAMME)
                .owner("tree-planting-service").build())
                .hasMessageContaining("PROGRAMME");
    }

    @Test
    void saysWhatARecordGetsWrongAgainstItsDefinition() {
        assertThat(COVERAGE.problemsWith(top50Coverage())).isEmpty();

        KpiValue wrong = top50Coverage();
        wrong.setUnit("%");
        wrong.setScope("NATIONAL");
        wrong.setTarget(null);
        assertThat(COVERAGE.problemsWith(wrong)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("unit %"))
                .anySatisfy(p -> assertThat(p).contains("scope NATIONAL"));
        KpiValue monthly = top50Coverage();
        monthly.setPeriod(new KpiPeriod(KpiGranularity.MONTH, LocalDate.of(2025, 1, 1)));
        assertThat(COVERAGE.problemsWith(monthly)).anySatisfy(p -> assertThat(p).contains("granularity MONTH"));
        KpiValue noTarget = top50Coverage();
        noTarget.setTarget(null);
        assertThat(COVERAGE.problemsWith(noTarget)).containsExactly(
                "permits.kep_coverage_pct|GROUP:TOP50_CAT1|YEAR:2025-01-01: target null, the catalogue says 100.0");
    }

    @Test
    void everyUnitHasOneSpelling() {
        assertThat(KpiUnit.PERCENT.wire()).isEqualTo("pct");
        assertThat(Arrays.stream(KpiUnit.values()).map(KpiUnit::wire))
                .containsExactly("t", "pct", "count", "KZT", "ha").doesNotHaveDuplicates();
    }

    private static KpiValue top50Coverage() {
        return value(COVERAGE, "GROUP:TOP50_CAT1", KpiPeriods.year(2025));
    }

    private static KpiValue value(KpiDefinition kpi, String scope, KpiPeriod period) {
        return kpi.value(scope, period, 1.0, null, null, 1, Instant.EPOCH, Instant.EPOCH);
    }
}

package kz.taza.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.Pollutant;
import kz.taza.events.common.Region;

class KpiKeysTest {

    @Test
    void keyIsKpiScopeAndPeriodSeparatedByBars() {
        // given a regional yearly KPI
        KpiPeriod period = KpiPeriod.newBuilder()
                .setGranularity(KpiGranularity.YEAR).setStart(LocalDate.of(2024, 1, 1)).build();

        // when its key is built
        String key = KpiKeys.key("emissions.reported.tonnes", KpiScopes.region(Region.PAVLODAR), period);

        // then analysts see kpiId|scope|GRANULARITY:start
        assertThat(key).isEqualTo("emissions.reported.tonnes|REGION:55|YEAR:2024-01-01");
    }

    @Test
    void keyOfAKpiValueUsesItsOwnFields() {
        assertThat(KpiKeys.key(SampleEvents.top50EmissionsChange()))
                .isEqualTo("emissions.reported.change_pct|GROUP:TOP50_CAT1|YEAR:2024-01-01");
    }

    @Test
    void monthAndProgrammePeriodsRenderWithTheirFirstDay() {
        assertThat(KpiKeys.period(KpiGranularity.MONTH, LocalDate.of(2024, 3, 1))).isEqualTo("MONTH:2024-03-01");
        assertThat(KpiKeys.key("trees.planted.count", KpiScopes.NATIONAL, KpiGranularity.PROGRAMME,
                LocalDate.of(2021, 1, 1))).isEqualTo("trees.planted.count|NATIONAL|PROGRAMME:2021-01-01");
    }

    @Test
    void differentPeriodsGiveDifferentKeys() {
        String y2023 = KpiKeys.key("k", "NATIONAL", KpiGranularity.YEAR, LocalDate.of(2023, 1, 1));
        String y2024 = KpiKeys.key("k", "NATIONAL", KpiGranularity.YEAR, LocalDate.of(2024, 1, 1));
        String m2024 = KpiKeys.key("k", "NATIONAL", KpiGranularity.MONTH, LocalDate.of(2024, 1, 1));
        assertThat(y2023).isNotEqualTo(y2024);
        assertThat(y2024).isNotEqualTo(m2024);
    }

    @Test
    void rejectsAPartThatWouldMakeKeysAmbiguous() {
        assertThatThrownBy(() -> KpiKeys.key("a|b", "NATIONAL", KpiGranularity.DAY, LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kpiId");
        assertThatThrownBy(() -> KpiKeys.key("a", " ", KpiGranularity.DAY, LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
    }

    @Test
    void scopesAreSpelledAsTheDesignSays() {
        assertThat(KpiScopes.pollutant(Pollutant.SO2)).isEqualTo("POLLUTANT:SO2");
        assertThat(KpiScopes.sector("energy")).isEqualTo("SECTOR:energy");
        assertThat(KpiScopes.group("TOP50_CAT1")).isEqualTo(KpiScopes.TOP50_CAT1);
        assertThat(KpiScopes.category("I")).isEqualTo("CATEGORY:I");
        assertThatThrownBy(() -> KpiScopes.category("V")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KpiScopes.region(Region.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyParsesBackIntoItsKpiScopeAndPeriod() {
        // given keys of a yearly regional KPI and of the programme
        String yearly = "emissions.reported.tonnes|REGION:55|YEAR:2024-01-01";
        String programme = KpiKeys.key("trees.planted.count", KpiScopes.NATIONAL, KpiGranularity.PROGRAMME,
                LocalDate.of(2021, 1, 1));

        // when they are parsed
        KpiKey regional = KpiKeys.parse(yearly);
        KpiKey cumulative = KpiKeys.parse(programme);

        // then each part is back, and the text is the same key again
        assertThat(regional.kpiId()).isEqualTo("emissions.reported.tonnes");
        assertThat(regional.scope()).isEqualTo("REGION:55");
        assertThat(regional.period()).isEqualTo(new KpiPeriod(KpiGranularity.YEAR, LocalDate.of(2024, 1, 1)));
        assertThat(regional.text()).isEqualTo(yearly);
        assertThat(cumulative.text()).isEqualTo(programme);
        assertThat(cumulative.period().getGranularity()).isEqualTo(KpiGranularity.PROGRAMME);
    }

    @Test
    void refusesToParseWhatIsNotAKey() {
        for (String bad : new String[] {"", "a|b", "a|b|c|d", "|NATIONAL|YEAR:2024-01-01", "a||YEAR:2024-01-01",
                "a|NATIONAL|2024-01-01", "a|NATIONAL|WEEK:2024-01-01", "a|NATIONAL|YEAR:2024-13-01"}) {
            assertThatThrownBy(() -> KpiKeys.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSeriesAndAPrefixAreTheStartOfTheKeysTheyCover() {
        String key = KpiKeys.key("trees.planted.count", "NATIONAL", KpiGranularity.YEAR, LocalDate.of(2023, 1, 1));

        assertThat(KpiKeys.series("trees.planted.count", "NATIONAL")).isEqualTo("trees.planted.count|NATIONAL");
        assertThat(key).startsWith(KpiKeys.series("trees.planted.count", "NATIONAL"))
                .startsWith(KpiKeys.prefix("trees.planted.count", "NATIONAL", KpiGranularity.YEAR));
        assertThat(KpiKeys.prefix("trees.planted.count", "NATIONAL", KpiGranularity.YEAR))
                .isEqualTo("trees.planted.count|NATIONAL|YEAR:");
        assertThatThrownBy(() -> new KpiKey("k", "A|B", new KpiPeriod(KpiGranularity.DAY, LocalDate.of(2024, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

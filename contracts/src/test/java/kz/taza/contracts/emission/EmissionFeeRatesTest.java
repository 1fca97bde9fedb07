package kz.taza.contracts.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.Pollutant;

class EmissionFeeRatesTest {

    private final EmissionFeeRates rates = EmissionFeeRates.defaults();

    @Test
    void aFeeIsTheTonnesTimesThePollutantsRateTimesTheMciOfTheReportsYear() {
        // 1,234.5 t SO2 in 2024: 1,234.5 x 20 MCI x 3,692 KZT = 91,155,480 KZT
        assertThat(rates.feeMicroKzt(1_234_500_000L, Pollutant.SO2, 2024)).isEqualTo(91_155_480_000_000L);
        // NOx as SO2, dust at half, CO at 0.32 MCI per tonne
        assertThat(rates.feeMicroKzt(1_000_000L, Pollutant.NOX, 2025)).isEqualTo(20L * 3_932 * 1_000_000L);
        assertThat(rates.feeMicroKzt(1_000_000L, Pollutant.DUST, 2026)).isEqualTo(10L * 4_325 * 1_000_000L);
        // 12.5 t CO in 2023: 12.5 x 0.32 x 3,450 = 13,800 KZT
        assertThat(rates.feeMicroKzt(12_500_000L, Pollutant.CO, 2023)).isEqualTo(13_800_000_000L);
    }

    @Test
    void aFeeIsExactToTheMillionthOfATengeRoundedOnceHalvesAwayFromZero() {
        // one gram of CO in 2022: 1e-6 t x 0.32 x 3,063 = 0.00098016 KZT -> 980.16 millionths -> 980
        assertThat(rates.feeMicroKzt(1L, Pollutant.CO, 2022)).isEqualTo(980L);
        EmissionFeeRates half = new EmissionFeeRates(Map.of(Pollutant.CO, new BigDecimal("0.5")), Map.of(2024, 1L));
        assertThat(half.feeMicroKzt(1L, Pollutant.CO, 2024)).isEqualTo(1L); // 0.5 millionth rounds up
        assertThat(half.feeMicroKzt(-1L, Pollutant.CO, 2024)).isEqualTo(-1L); // and a taken-back one down
    }

    @Test
    void pollutantsWithoutARateAndYearsWithoutAnMciAreNotCharged() {
        for (Pollutant unrated : new Pollutant[] {Pollutant.H2S, Pollutant.NH3, Pollutant.VOC, Pollutant.OTHER}) {
            assertThat(rates.charged(unrated, 2024)).as(unrated.name()).isFalse();
            assertThat(rates.feeMicroKzt(1_000_000L, unrated, 2024)).isZero();
        }
        assertThat(rates.charged(Pollutant.SO2, 2020)).isFalse();
        assertThat(rates.feeMicroKzt(1_000_000L, Pollutant.SO2, 2020)).isZero();
        assertThat(rates.mci(2022)).hasValue(3_063L); // the 1 January value, not June's 3,180
    }

    @Test
    void refusesANegativeRateARateFinerThanAMillionthAndAnMciThatIsNotPositive() {
        assertThatThrownBy(() -> new EmissionFeeRates(Map.of(Pollutant.SO2, new BigDecimal("-1")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SO2");
        assertThatThrownBy(() -> new EmissionFeeRates(Map.of(Pollutant.SO2, new BigDecimal("0.0000001")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EmissionFeeRates(Map.of(), Map.of(2024, 0L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2024");
    }

    @Test
    void aFeeTooLargeForATotalIsRefusedNotWrapped() {
        EmissionFeeRates huge = new EmissionFeeRates(Map.of(Pollutant.SO2, new BigDecimal("1000000")),
                Map.of(2024, 1_000_000L));
        assertThatThrownBy(() -> huge.feeMicroKzt(1_000_000_000_000L, Pollutant.SO2, 2024))
                .isInstanceOf(ArithmeticException.class);
    }
}

package kz.taza.contracts.emission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The arithmetic of an interval's mass, mass rate and tonnes above a g/s limit. */
class EmissionMassTest {

    @Test
    void theMassRateIsConcentrationTimesFlowInGramsPerSecond() {
        // 400 mg/Nm3 x 900,000 Nm3/h = 360,000,000 mg/h = 100,000 mg/s = 100 g/s
        assertThat(EmissionMass.gramsPerSecond(400.0, 900_000.0)).isCloseTo(100.0, within(1e-9));
        assertThat(EmissionMass.gramsPerSecond(0.0, 900_000.0)).isEqualTo(0.0);
        assertThat(1.0 / EmissionMass.gramsPerSecond(-0.0, 900_000.0)).isPositive(); // 0.0, never -0.0
    }

    @Test
    void theMassRateOverAnIntervalIsTheIntervalsTonnes() {
        double rate = EmissionMass.gramsPerSecond(450.0, 300_000.0);
        // g/s x seconds / 10^6 = tonnes, the same as concentration x flow x hours / 10^9
        assertThat(rate * 20 * 60 / 1e6).isCloseTo(EmissionMass.tonnes(450.0, 300_000.0, 20), within(1e-12));
    }

    @Test
    void theTonnesAboveAGramsPerSecondLimitAreTheExcessRateOverTheIntervalsSeconds() {
        // 12.5 g/s above the limit for 20 minutes: 12.5 x 1,200 s = 15,000 g = 0.015 t
        assertThat(EmissionMass.tonnesAbove(52.5, 40.0, 20)).isCloseTo(0.015, within(1e-12));
        assertThat(EmissionMass.tonnesAbove(40.0, 40.0, 20)).isEqualTo(0.0); // at the limit is not above it
        assertThat(EmissionMass.tonnesAbove(30.0, 40.0, 20)).isEqualTo(0.0);
        assertThat(EmissionMass.tonnesAbove(Double.NaN, 40.0, 20)).isEqualTo(0.0);
    }

    @Test
    void aRateThatIsNotFiniteIsRefused() {
        assertThatThrownBy(() -> EmissionMass.gramsPerSecond(Double.MAX_VALUE, 1e10))
                .isInstanceOf(ArithmeticException.class);
    }
}

package kz.taza.platform.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Amounts in millionths: rounded once, halves away from zero; sums exact or refused; read back as nearest doubles. */
class MicrosTest {

    @Test
    void anAmountIsRoundedToTheNearestMillionth() {
        assertThat(Micros.of(0.1)).isEqualTo(100_000L);
        assertThat(Micros.of(0.2)).isEqualTo(200_000L);
        assertThat(Micros.of(12345.6789)).isEqualTo(12_345_678_900L);
        assertThat(Micros.of(0.05)).isEqualTo(50_000L);
        assertThat(Micros.of(1e-7)).isZero();
        assertThat(Micros.of(4.9e-7)).isZero();
        assertThat(Micros.of(5.1e-7)).isEqualTo(1L);
        assertThat(Micros.of(-5.1e-7)).isEqualTo(-1L);
        assertThat(Micros.of(1_000_000.0)).isEqualTo(1_000_000_000_000L);
        assertThat(Micros.of(-0.0)).isZero();
    }

    @Test
    void aHalfIsRoundedAwayFromZeroAndANearHalfByTheDoublesExactValue() {
        // 1/128 t is exactly 7,812.5 g, and 3/128 t exactly 23,437.5 g
        assertThat(Micros.of(1.0 / 128)).isEqualTo(7_813L);
        assertThat(Micros.of(-1.0 / 128)).isEqualTo(-7_813L);
        assertThat(Micros.of(3.0 / 128)).isEqualTo(23_438L);
        // the double written 5e-7 is a little under half a millionth, so it is 0, not 1
        assertThat(new BigDecimal(5e-7)).isLessThan(new BigDecimal("0.0000005"));
        assertThat(Micros.of(5e-7)).isZero();
        assertThat(Micros.of(Math.nextUp(1.0 / 128))).isEqualTo(7_813L);
        assertThat(Micros.of(Math.nextDown(1.0 / 128))).isEqualTo(7_812L);
    }

    @Test
    void everyAmountIsRoundedAsDecimalArithmeticOnItsExactValueRoundsIt() {
        Random random = new Random(20_251_202L);
        for (int i = 0; i < 200_000; i++) {
            double amount = switch (i % 4) {
                // any magnitude a total takes, both signs
                case 0 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(19) - 9);
                // a double next to a half of a millionth, where a product in doubles can round the wrong way
                case 1 -> {
                    double half = (random.nextInt(2_000_000_000) + 0.5) / 1e6 * (random.nextBoolean() ? 1 : -1);
                    yield random.nextBoolean() ? Math.nextUp(half) : Math.nextDown(half);
                }
                // an exact half: odd multiples of 1/128 of a unit
                case 2 -> (2 * random.nextInt(1_000_000) + 1) / 128.0;
                // beyond the fast range, within a long's
                default -> (random.nextDouble() * 2 - 1) * 9.2e12;
            };
            long expected = new BigDecimal(amount).setScale(6, RoundingMode.HALF_UP).unscaledValue()
                    .longValueExact();
            assertThat(Micros.of(amount)).as("units of %s", amount).isEqualTo(expected);
        }
    }

    @Test
    void anAmountThatIsNotFiniteOrTooLargeForATotalIsRefused() {
        assertThatThrownBy(() -> Micros.of(Double.NaN)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("not a finite amount");
        assertThatThrownBy(() -> Micros.of(Double.POSITIVE_INFINITY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Micros.of(Double.NEGATIVE_INFINITY)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Micros.of(9.3e12)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Micros.of(-1e300)).isInstanceOf(ArithmeticException.class);
        assertThat(Micros.of(9.2e12)).isEqualTo(9_200_000_000_000_000_000L);
        assertThatThrownBy(() -> Micros.ofWhole(Long.MAX_VALUE / Micros.PER_UNIT + 1))
                .isInstanceOf(ArithmeticException.class);
        assertThat(Micros.ofWhole(-3)).isEqualTo(-3_000_000L);
    }

    @Test
    void aSumThatOverflowsIsRefusedNotWrapped() {
        assertThatThrownBy(() -> Micros.plus(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("overflows");
        assertThatThrownBy(() -> Micros.plus(Long.MIN_VALUE, -1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Micros.minus(Long.MIN_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Micros.minus(0, Long.MIN_VALUE)).isInstanceOf(ArithmeticException.class);
        assertThat(Micros.plus(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Micros.minus(Long.MIN_VALUE + 1, 1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aCorrectionTakenBackOutRestoresTheTotalExactly() {
        // in doubles 0.1 + 0.2 - 0.2 is not 0.1; in units it is
        long total = Micros.of(0.1);
        double[] corrections = {0.2, 1e-7, 12345.6789, 0.3, 1.0 / 3, 7.77e-5};
        for (int round = 0; round < 1_000; round++) {
            for (double correction : corrections) {
                total = Micros.plus(total, Micros.of(correction));
                total = Micros.minus(total, Micros.of(correction));
            }
        }
        assertThat(Micros.toDouble(total)).isEqualTo(0.1);
    }

    @Test
    void unitsReadBackAsTheNearestDouble() {
        assertThat(Micros.toDouble(Micros.of(0.1))).isEqualTo(0.1);
        assertThat(Micros.toDouble(Micros.of(12345.6789))).isEqualTo(12345.6789);
        assertThat(Micros.toDouble(300_000L)).isEqualTo(0.3);
        assertThat(Micros.toDouble(-1L)).isEqualTo(-1e-6);
        Random random = new Random(7L);
        for (int i = 0; i < 10_000; i++) {
            long units = random.nextLong();
            assertThat(Micros.toDouble(units)).isEqualTo(BigDecimal.valueOf(units, 6).doubleValue());
        }
        assertThat(Micros.toBigDecimal(12_345_678_900L)).isEqualByComparingTo("12345.6789");
        assertThat(Micros.toWhole(Micros.ofWhole(42))).isEqualTo(42);
        assertThatThrownBy(() -> Micros.toWhole(1_500_000L)).isInstanceOf(ArithmeticException.class);
    }
}

package kz.taza.platform.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts kept exactly: a whole number of millionths of the amount's unit, in a {@code long} (a tonne to the gram, a
 * hectare to a hundredth of a square metre, a count times a million). A running total that a correction later takes
 * something back from must come back to what it was bit for bit; with doubles, adding x and taking x back out does not
 * always (0.1 + 0.2 - 0.2 is not 0.1), and the error grows with every correction. So every input's amount is rounded
 * once, where it enters a total ({@link #of}), and from there on totals only add and subtract whole millionths, which
 * is exact; a sum that would not fit a {@code long} is refused ({@link #plus}), never wrapped. The value a reader sees
 * is converted from the exact total only when it is published ({@link #toDouble}).
 *
 * <p>The rounding rule: the double's exact binary value to the nearest millionth, halves away from zero (as
 * {@link RoundingMode#HALF_UP} rounds it). So 0.1 t is 100,000 units (its double is a little above 0.1), and an input
 * under half a millionth counts 0. With {@code long} the largest total is about 9.2 × 10^12 of the unit.
 */
public final class Micros {

    /** Units in one of the amount's unit. */
    public static final long PER_UNIT = 1_000_000L;
    /** Decimals of a unit. */
    public static final int DECIMALS = 6;

    private static final double SCALE = 1e6;
    /**
     * Below this many units a product {@code amount * 1e6} is within 2^-11 of the exact one (its relative error is at
     * most 2^-53), so that where it is more than {@link #TIE_MARGIN} from a half the nearest whole number of both is
     * the same and needs no decimal arithmetic.
     */
    private static final double FAST_LIMIT = 0x1p42;
    private static final double TIE_MARGIN = 0x1p-10;
    /** Totals up to 2^53 units convert to a double by one (correctly rounded) division. */
    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private Micros() {
    }

    /**
     * The amount in units, rounded to the nearest millionth (halves away from zero); -0.0 is 0.
     *
     * @throws ArithmeticException when the amount is not a finite number, or is too large for a total (its units do
     *                             not fit a {@code long}): such an amount must never reach a total
     */
    public static long of(double amount) {
        double scaled = amount * SCALE;
        if (Math.abs(scaled) < FAST_LIMIT) { // false for NaN and the infinities, which go the exact way and are refused
            double floor = Math.floor(scaled);
            double fraction = scaled - floor; // in [0, 1], to within 2^-53
            if (Math.abs(fraction - 0.5) > TIE_MARGIN) {
                return (long) floor + (fraction > 0.5 ? 1 : 0);
            }
        }
        return exactly(amount);
    }

    /** {@link #of}, the slow way: by decimal arithmetic on the double's exact value. */
    static long exactly(double amount) {
        if (!Double.isFinite(amount)) {
            throw new ArithmeticException(amount + " is not a finite amount: it cannot be part of a total");
        }
        try {
            return new BigDecimal(amount).setScale(DECIMALS, RoundingMode.HALF_UP).unscaledValue().longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new ArithmeticException(amount + " is too large for a total (at most " + Long.MAX_VALUE / PER_UNIT
                    + " of its unit)");
        }
    }

    /**
     * A whole count in units.
     *
     * @throws ArithmeticException when the count is too large for a total
     */
    public static long ofWhole(long count) {
        try {
            return Math.multiplyExact(count, PER_UNIT);
        } catch (ArithmeticException tooLarge) {
            throw new ArithmeticException(count + " is too large for a total (at most " + Long.MAX_VALUE / PER_UNIT
                    + ")");
        }
    }

    /**
     * {@code total + change}, exactly.
     *
     * @throws ArithmeticException when the sum does not fit a {@code long} (refused, never wrapped)
     */
    public static long plus(long total, long change) {
        try {
            return Math.addExact(total, change);
        } catch (ArithmeticException overflow) {
            throw new ArithmeticException("a total of " + total + " units plus " + change + " overflows");
        }
    }

    /**
     * {@code total - change}, exactly.
     *
     * @throws ArithmeticException when the difference does not fit a {@code long} (refused, never wrapped)
     */
    public static long minus(long total, long change) {
        try {
            return Math.subtractExact(total, change);
        } catch (ArithmeticException overflow) {
            throw new ArithmeticException("a total of " + total + " units minus " + change + " overflows");
        }
    }

    /**
     * The units as an amount of the unit: the double nearest to {@code units / 10^6}. It is what a KPI value shows; it
     * is never added to again.
     */
    public static double toDouble(long units) {
        if (units > -EXACT_DOUBLE_LIMIT && units < EXACT_DOUBLE_LIMIT) {
            return units / SCALE; // both operands exact, and IEEE division rounds correctly
        }
        return toBigDecimal(units).doubleValue();
    }

    /** The units as an exact decimal amount of the unit (six decimals). */
    public static BigDecimal toBigDecimal(long units) {
        return BigDecimal.valueOf(units, DECIMALS);
    }

    /**
     * The units as a whole count, for an amount made of whole counts ({@link #ofWhole}) only.
     *
     * @throws ArithmeticException when the units are not a whole count
     */
    public static long toWhole(long units) {
        if (units % PER_UNIT != 0) {
            throw new ArithmeticException(units + " units are not a whole count");
        }
        return units / PER_UNIT;
    }
}

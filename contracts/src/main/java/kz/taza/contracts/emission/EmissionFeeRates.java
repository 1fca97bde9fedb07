package kz.taza.contracts.emission;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import kz.taza.events.common.Pollutant;

/**
 * The emission fee of a reported figure: tonnes × the Tax Code's rate of its pollutant (art. 576, in monthly
 * calculation indices, MCI, per tonne) × the MCI of the report's year, in tenge. Reference data in one place: the
 * rates and the MCI by year, with the defaults below, which emission-service lets an operator override
 * ({@code taza.emission.fees.*}) and the simulator's ground truth reads.
 *
 * <p>The defaults, and how sure they are (emission-service/README.md, "Emission fees", has the sources):
 * <ul>
 * <li>rates, MCI per tonne, <b>unverified</b> against the text of art. 576 (taken from a secondary source): SO2 20
 * (the article's sulphur oxides), NOX 20, DUST 10 (the article's dust / solids), CO 0.32. Regional councils
 * (maslikhats) may raise the rates; that is not modelled.</li>
 * <li>H2S, NH3, VOC and OTHER: no rate is configured, so they are <b>not charged</b> (their fee is not part of any
 * total), rather than charged at a rate nobody checked. The article does list rates for some of them; set
 * {@code taza.emission.fees.rates.<POLLUTANT>} to charge them.</li>
 * <li>MCI, tenge: 2021 2,917; 2022 3,063; 2023 3,450; 2024 3,692; 2025 3,932; 2026 4,325. One value per year: the MCI
 * in force on 1 January. 2022's mid-year rise to 3,180 (from 1 June 2022) is not applied. A year without an MCI is
 * not charged.</li>
 * </ul>
 *
 * <p>Exactness: a report's tonnes enter the totals rounded once to the gram (a millionth of a tonne, as the reported
 * tonnes do); its fee is computed from those grams exactly ({@link #feeMicroKzt}) and rounded once to a millionth of
 * a tenge, halves away from zero, so that a corrected report takes back exactly the fee it added.
 */
public final class EmissionFeeRates {

    /** Art. 576 rates assumed here, MCI per tonne (unverified: see the class comment). */
    public static final Map<Pollutant, BigDecimal> DEFAULT_RATES = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            Pollutant.SO2, new BigDecimal("20"),
            Pollutant.NOX, new BigDecimal("20"),
            Pollutant.DUST, new BigDecimal("10"),
            Pollutant.CO, new BigDecimal("0.32"))));

    /** The MCI of each year, tenge (the value in force on 1 January). */
    public static final Map<Integer, Long> DEFAULT_MCI = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            2021, 2_917L,
            2022, 3_063L,
            2023, 3_450L,
            2024, 3_692L,
            2025, 3_932L,
            2026, 4_325L)));

    private static final EmissionFeeRates DEFAULTS = new EmissionFeeRates(DEFAULT_RATES, DEFAULT_MCI);

    private final Map<Pollutant, BigDecimal> rates;
    private final Map<Integer, Long> mci;

    /**
     * @param ratesMciPerTonne the rate of each charged pollutant, MCI per tonne (a pollutant absent is not charged)
     * @param mciKzt           the MCI of each year, tenge (a year absent is not charged)
     * @throws IllegalArgumentException for a negative rate, a rate finer than a millionth of an MCI, or an MCI that is
     *                                  not positive
     */
    public EmissionFeeRates(Map<Pollutant, BigDecimal> ratesMciPerTonne, Map<Integer, Long> mciKzt) {
        EnumMap<Pollutant, BigDecimal> r = new EnumMap<>(Pollutant.class);
        ratesMciPerTonne.forEach((pollutant, rate) -> {
            if (rate == null || rate.signum() < 0 || rate.stripTrailingZeros().scale() > 6) {
                throw new IllegalArgumentException("the fee rate of " + pollutant + " must be a number of MCI per "
                        + "tonne not below zero, to at most six decimals; was " + rate);
            }
            r.put(pollutant, rate);
        });
        TreeMap<Integer, Long> m = new TreeMap<>();
        mciKzt.forEach((year, value) -> {
            if (value == null || value <= 0) {
                throw new IllegalArgumentException("the MCI of " + year + " must be a positive number of tenge; was "
                        + value);
            }
            m.put(year, value);
        });
        this.rates = Collections.unmodifiableMap(r);
        this.mci = Collections.unmodifiableMap(m);
    }

    /** The defaults above. */
    public static EmissionFeeRates defaults() {
        return DEFAULTS;
    }

    /** The rate of the pollutant, MCI per tonne; empty when it is not charged. */
    public Optional<BigDecimal> rate(Pollutant pollutant) {
        return Optional.ofNullable(rates.get(pollutant));
    }

    /** The MCI of the year, tenge; empty when none is configured (then nothing of that year is charged). */
    public OptionalLong mci(int year) {
        Long value = mci.get(year);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Every configured rate. */
    public Map<Pollutant, BigDecimal> rates() {
        return rates;
    }

    /** Every configured MCI, by year. */
    public Map<Integer, Long> mciByYear() {
        return mci;
    }

    /** Whether a report of the pollutant and year is charged (it has a rate and its year an MCI). */
    public boolean charged(Pollutant pollutant, int year) {
        return rates.containsKey(pollutant) && mci.containsKey(year);
    }

    /**
     * The fee of {@code microTonnes} millionths of a tonne (grams) of the pollutant reported for the year, in
     * millionths of a tenge: grams × rate × MCI, rounded once, halves away from zero. 0 when not {@link #charged}.
     *
     * @throws ArithmeticException when the fee does not fit a {@code long} of millionths (about 9.2 trillion tenge)
     */
    public long feeMicroKzt(long microTonnes, Pollutant pollutant, int year) {
        if (!charged(pollutant, year)) {
            return 0;
        }
        return BigDecimal.valueOf(microTonnes).multiply(rates.get(pollutant))
                .multiply(BigDecimal.valueOf(mci.get(year))).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}

package kz.taza.inspection.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import kz.taza.contracts.emission.EmissionFeeRates;
import kz.taza.events.common.Pollutant;
import kz.taza.events.inspection.FineAmountBasis;
import kz.taza.events.inspection.FineArticle;
import kz.taza.events.inspection.OffenderSize;

/**
 * The amount of a fine in MCI by the article it is imposed under (Code of Administrative Offences; reference facts in
 * {@code shared/reference/domain-facts.md}, section 4, source S20).
 *
 * <ul>
 * <li><b>Art. 324</b>: a flat 10 / 15 / 20 / 100 MCI for an individual / a small / a medium / a large business
 * ({@link FineAmountBasis#FLAT_RATE}).</li>
 * <li><b>Art. 328(1)</b> (exceeding emission standards, or emitting without a permit): the Code calculates it per
 * case, and <b>no published formula was found</b>. <b>Assumption</b>, not law: when the excess mass is known, the
 * fine is a multiple of the emission fee that mass would pay, {@code excess tonnes × the pollutant's fee rate (MCI per
 * tonne, the Tax Code rates of} {@link EmissionFeeRates}{@code ) × multiple % / 100}, rounded to whole MCI, halves up
 * ({@link FineAmountBasis#EMISSION_FEE_MULTIPLE}); the multiple defaults to 1,000 % (ten times the fee) and is
 * configurable ({@code taza.inspection.fines.excess-fee-multiple-pct}). The same fee rates as the emission fees, no
 * second table; the MCI of the offence's year converts the result to tenge as for every fine. When the excess mass is
 * not known (an AMS exceedance does not carry it yet), the officer sets the amount
 * ({@link FineAmountBasis#SET_BY_OFFICER}), as for a fine that names no article.</li>
 * </ul>
 */
public final class FineSizing {

    /** The default multiple of the emission fee for art. 328(1), percent: ten times the fee (an assumption). */
    public static final int DEFAULT_EXCESS_FEE_MULTIPLE_PCT = 1_000;

    /** Art. 324's flat amounts, MCI. */
    public static final Map<OffenderSize, Long> ART_324_MCI;

    static {
        EnumMap<OffenderSize, Long> flat = new EnumMap<>(OffenderSize.class);
        flat.put(OffenderSize.INDIVIDUAL, 10L);
        flat.put(OffenderSize.SMALL_BUSINESS, 15L);
        flat.put(OffenderSize.MEDIUM_BUSINESS, 20L);
        flat.put(OffenderSize.LARGE_BUSINESS, 100L);
        ART_324_MCI = java.util.Collections.unmodifiableMap(flat);
    }

    private static final FineSizing DEFAULTS = new FineSizing(EmissionFeeRates.defaults(),
            DEFAULT_EXCESS_FEE_MULTIPLE_PCT);

    private final EmissionFeeRates feeRates;
    private final int excessFeeMultiplePct;

    /**
     * @param feeRates             the emission fee rates (MCI per tonne by pollutant)
     * @param excessFeeMultiplePct the multiple of the fee for art. 328(1), percent; positive
     */
    public FineSizing(EmissionFeeRates feeRates, int excessFeeMultiplePct) {
        this.feeRates = Objects.requireNonNull(feeRates, "feeRates");
        if (excessFeeMultiplePct <= 0) {
            throw new IllegalArgumentException("excessFeeMultiplePct must be positive; was " + excessFeeMultiplePct);
        }
        this.excessFeeMultiplePct = excessFeeMultiplePct;
    }

    /** The Tax Code's rates and 1,000 %. */
    public static FineSizing defaults() {
        return DEFAULTS;
    }

    public int excessFeeMultiplePct() {
        return excessFeeMultiplePct;
    }

    /** The fee rate of the pollutant, MCI per tonne; empty when the pollutant is not charged. */
    public Optional<BigDecimal> feeRate(Pollutant pollutant) {
        return feeRates.rate(pollutant);
    }

    /**
     * The amount and its basis.
     *
     * @param amountMci          the amount, MCI
     * @param basis              how it was arrived at
     * @param feeRateMciPerTonne the fee rate used ({@link FineAmountBasis#EMISSION_FEE_MULTIPLE} only, else null)
     * @param feeMultiplePct     the multiple used ({@link FineAmountBasis#EMISSION_FEE_MULTIPLE} only, else null)
     */
    public record Sized(long amountMci, FineAmountBasis basis, BigDecimal feeRateMciPerTonne,
            Integer feeMultiplePct) {
    }

    /**
     * Whether the article sizes the amount itself (then the officer gives none): art. 324 always, art. 328(1) when
     * the excess mass is known.
     */
    public static boolean articleSizes(FineArticle article, Double excessTonnes) {
        return article == FineArticle.ART_324 || (article == FineArticle.ART_328_1 && excessTonnes != null);
    }

    /**
     * Art. 324's flat amount for the offender's size.
     *
     * @throws IllegalArgumentException when the size is missing or UNKNOWN (validation refuses that first)
     */
    public Sized flatRate(OffenderSize size) {
        Long flat = size == null ? null : ART_324_MCI.get(size);
        if (flat == null) {
            throw new IllegalArgumentException("art. 324 needs the offender's size; was " + size);
        }
        return new Sized(flat, FineAmountBasis.FLAT_RATE, null, null);
    }

    /**
     * Art. 328(1) with a known excess mass (the assumption above): round_half_up(tonnes × rate × multiple / 100) MCI.
     * Empty when the pollutant has no fee rate. The amount may come out 0 for a tiny excess; validation refuses that.
     */
    public Optional<Sized> excessEmission(Pollutant pollutant, double excessTonnes) {
        return feeRates.rate(pollutant).map(rate -> new Sized(
                BigDecimal.valueOf(excessTonnes).multiply(rate).multiply(BigDecimal.valueOf(excessFeeMultiplePct))
                        .divide(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP).longValueExact(),
                FineAmountBasis.EMISSION_FEE_MULTIPLE, rate, excessFeeMultiplePct));
    }

    /** An amount the officer set. */
    public static Sized setByOfficer(long amountMci) {
        return new Sized(amountMci, FineAmountBasis.SET_BY_OFFICER, null, null);
    }
}

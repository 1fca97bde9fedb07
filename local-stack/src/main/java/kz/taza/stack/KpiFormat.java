package kz.taza.stack;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import kz.taza.events.common.KpiPeriod;

/** How the KPI view writes numbers, changes, periods and progress, one way everywhere. */
public final class KpiFormat {

    /** Shown for a KPI that has not been seen on the topic yet. */
    public static final String NOT_SEEN = "—";
    private static final char MINUS = '\u2212';

    private KpiFormat() {
    }

    /** A change in percent with its sign and one decimal: {@code −6.0 %}, {@code +2.5 %}, {@code 0.0 %}. */
    public static String changePct(double pct) {
        double rounded = Math.round(pct * 10.0) / 10.0;
        String digits = oneDecimal(Math.abs(rounded));
        if (rounded < 0) {
            return MINUS + digits + " %";
        }
        if (rounded > 0) {
            return "+" + digits + " %";
        }
        return digits + " %";
    }

    /** A share in percent with one decimal: {@code 87.5 %}. */
    public static String percent(double pct) {
        return oneDecimal(pct) + " %";
    }

    /** A whole count with thousands separators: {@code 1,234,567}. */
    public static String count(double value) {
        return decimal("#,##0").format(Math.round(value));
    }

    /** An amount in tenge: {@code 1,234,567 KZT}. */
    public static String kzt(double value) {
        return count(value) + " KZT";
    }

    /**
     * Progress toward a target: a bar of {@code width} cells and the share, e.g.
     * {@code [######------] 51.2 %}. The bar is full (and no more) at or past the target.
     */
    public static String progress(double value, double target, int width) {
        double share = target <= 0 ? 0.0 : value / target;
        int filled = (int) Math.floor(Math.min(1.0, Math.max(0.0, share)) * width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + percent(share * 100.0);
    }

    /** A period as a person reads it: {@code 2024}, {@code 2024-03}, {@code 2024-03-15}, {@code since 2021-01-01}. */
    public static String period(KpiPeriod period) {
        var start = period.getStart();
        return switch (period.getGranularity()) {
            case YEAR -> Integer.toString(start.getYear());
            case MONTH -> start.toString().substring(0, 7);
            case DAY -> start.toString();
            case PROGRAMME -> "since " + start;
            default -> start.toString();
        };
    }

    private static String oneDecimal(double value) {
        return decimal("0.0").format(value);
    }

    private static DecimalFormat decimal(String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        // 87.25 % reads as 87.3 %, as people round, not as banks do.
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format;
    }
}

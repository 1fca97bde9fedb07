package kz.taza.bench;

import java.util.Arrays;

/**
 * The arithmetic of the report: rates and latency percentiles. Percentiles are nearest-rank on the sorted sample
 * (p99 of 1,000 values is the 990th smallest), so a reported p99 is a latency some reading really had.
 */
public final class Stats {

    private Stats() {
    }

    /** Records per second of {@code records} done in {@code nanos} nanoseconds. */
    public static double perSecond(long records, long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("elapsed time must be positive, was " + nanos + " ns");
        }
        return records * 1_000_000_000.0 / nanos;
    }

    /** {@code value / baseline}, or NaN when the baseline is not a positive number. */
    public static double ratio(double value, double baseline) {
        return baseline > 0 ? value / baseline : Double.NaN;
    }

    /**
     * The nearest-rank percentile of the sample: the smallest value such that at least {@code percent}% of the sample
     * is at or below it.
     *
     * @param sorted  the sample in ascending order, not empty
     * @param percent in (0, 100]
     */
    public static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], was " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** p50, p95, p99 and max of a latency sample, in the sample's unit. */
    public record Latencies(int count, long p50, long p95, long p99, long max) {

        public static Latencies of(long[] sample) {
            if (sample.length == 0) {
                return new Latencies(0, -1, -1, -1, -1);
            }
            long[] sorted = sample.clone();
            Arrays.sort(sorted);
            return new Latencies(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
                    percentile(sorted, 99), sorted[sorted.length - 1]);
        }

        public boolean isEmpty() {
            return count == 0;
        }
    }
}

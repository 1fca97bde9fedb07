package kz.taza.emission.topology;

import kz.taza.events.common.KpiGranularity;

/**
 * The VALID intervals an AMS-required source has sent in its newest day and its newest month (Kazakhstan time), of
 * any pollutant: a source transmits in a period when it has at least one, and {@code ams.sources.transmitting}
 * counts it once. Older periods are kept in a window store for the lateness horizon (and the longest period), where
 * only a late or corrected reading looks; moving on to a newer period stores the old one there, once.
 */
final class SourcePeriods {

    /** No period yet. */
    static final long NONE = Long.MIN_VALUE;

    long dayStart = NONE;
    long dayCount;
    long monthStart = NONE;
    long monthCount;

    /** First day (epoch day) of the newest period of that granularity, or {@link #NONE}. */
    long start(KpiGranularity granularity) {
        return granularity == KpiGranularity.DAY ? dayStart : monthStart;
    }

    long count(KpiGranularity granularity) {
        return granularity == KpiGranularity.DAY ? dayCount : monthCount;
    }

    /** Makes {@code startDay} the newest period of that granularity, holding {@code count} VALID intervals. */
    void set(KpiGranularity granularity, long startDay, long count) {
        if (granularity == KpiGranularity.DAY) {
            dayStart = startDay;
            dayCount = count;
        } else {
            monthStart = startDay;
            monthCount = count;
        }
    }

    static void write(SourcePeriods p, BinaryOut out) {
        out.writeLong(p.dayStart);
        out.writeLong(p.dayCount);
        out.writeLong(p.monthStart);
        out.writeLong(p.monthCount);
    }

    static SourcePeriods read(java.io.DataInputStream in) throws java.io.IOException {
        SourcePeriods p = new SourcePeriods();
        p.dayStart = in.readLong();
        p.dayCount = in.readLong();
        p.monthStart = in.readLong();
        p.monthCount = in.readLong();
        return p;
    }
}

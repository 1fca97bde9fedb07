package kz.taza.emission.topology;

import java.time.Duration;
import java.util.Arrays;

import kz.taza.platform.kpi.Micros;

/**
 * What the KPIs counted for each interval of one series (facility, source and pollutant) within one block of time: the
 * tonnes of a VALID interval in millionths ({@link Micros}: grams, the interval's mass rounded once, as it was added to
 * the totals), or {@link #NOT_VALID} for an interval received with another status. It is what tells a
 * repeated reading (counted already: nothing changes) and a corrected one (the totals change by the difference) from
 * a new one.
 *
 * <p>Blocks are {@link #BLOCK} long and aligned to the epoch, so the block of an interval follows from its start. The
 * newest block of a series lives in the series' own record ({@link SeriesState}), which an in-order reading writes
 * anyway; older blocks are kept in a window store for the lateness horizon, one record per block, written once when
 * the series moves on to the next block. So an in-order reading costs no write of its own for this memory, and a
 * late or corrected one a read and a write of its block.
 */
final class CountedIntervals {

    /**
     * Length of a block: twelve 20-minute intervals. Longer blocks make the source's record longer (it is written on
     * every reading) and shorter ones the older blocks more frequent (one store write each); four hours keep both small.
     */
    static final Duration BLOCK = Duration.ofHours(4);
    static final long BLOCK_MILLIS = BLOCK.toMillis();
    /** What an interval received with a status other than VALID counted: no tonnes, no VALID interval. */
    static final long NOT_VALID = -1;
    /** What {@link #counted} answers for an interval never received. */
    static final long NOTHING = Long.MIN_VALUE;

    private final long blockStart;
    private int size;
    /** Minutes from the block's start, ascending. */
    private int[] offsets;
    private long[] counted;

    CountedIntervals(long blockStart) {
        this(blockStart, 0, new int[12], new long[12]);
    }

    private CountedIntervals(long blockStart, int size, int[] offsets, long[] counted) {
        this.blockStart = blockStart;
        this.size = size;
        this.offsets = offsets;
        this.counted = counted;
    }

    /** The start of the block holding an interval starting at {@code intervalStart}. */
    static long blockOf(long intervalStart) {
        return Math.floorDiv(intervalStart, BLOCK_MILLIS) * BLOCK_MILLIS;
    }

    long blockStart() {
        return blockStart;
    }

    boolean covers(long intervalStart) {
        return blockOf(intervalStart) == blockStart;
    }

    /** What was counted for the interval (in this block), or {@link #NOTHING}. */
    long counted(long intervalStart) {
        int i = Arrays.binarySearch(offsets, 0, size, offset(intervalStart));
        return i >= 0 ? counted[i] : NOTHING;
    }

    /** Remembers what the interval (in this block) now counts. */
    void count(long intervalStart, long value) {
        int offset = offset(intervalStart);
        int i = Arrays.binarySearch(offsets, 0, size, offset);
        if (i >= 0) {
            counted[i] = value;
            return;
        }
        int at = -i - 1;
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            counted = Arrays.copyOf(counted, size * 2);
        }
        System.arraycopy(offsets, at, offsets, at + 1, size - at);
        System.arraycopy(counted, at, counted, at + 1, size - at);
        offsets[at] = offset;
        counted[at] = value;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Start of the newest interval held; only for a block that is not empty. */
    long newestStart() {
        return blockStart + offsets[size - 1] * 60_000L;
    }

    int size() {
        return size;
    }

    /** Start of the i-th interval held, oldest first. */
    long startAt(int i) {
        return blockStart + offsets[i] * 60_000L;
    }

    /** What the i-th interval held counted. */
    long countedAt(int i) {
        return counted[i];
    }

    private int offset(long intervalStart) {
        long offset = intervalStart - blockStart;
        if (offset < 0 || offset >= BLOCK_MILLIS) {
            throw new IllegalArgumentException("interval " + intervalStart + " is not in the block starting at "
                    + blockStart);
        }
        return (int) (offset / 60_000L); // interval starts are whole minutes: ReadingRules refuses any other
    }

    /**
     * Version 2: what was counted in millionths. Version 1 (tonnes as doubles) began with the block start, whose first
     * byte is 0 for any time this service takes in.
     */
    static final BinarySerde<CountedIntervals> SERDE = BinarySerde.versioned("CountedIntervals", 2,
            (b, out) -> write(b, out), in -> read(in, 2), bytes -> bytes.length > 0 && bytes[0] == 0,
            in -> read(in, 1));

    /** Writes the block (in the current version's form, without a version byte: the caller's form carries one). */
    static void write(CountedIntervals block, BinaryOut out) {
        out.writeLong(block.blockStart);
        out.writeByte(block.size); // at most 240 one-minute intervals in four hours
        for (int i = 0; i < block.size; i++) {
            out.writeByte(block.offsets[i]);
            out.writeLong(block.counted[i]);
        }
    }

    /** Reads a block of the given version (1: tonnes as doubles, each rounded to millionths as a new reading's is). */
    static CountedIntervals read(java.io.DataInputStream in, int version) throws java.io.IOException {
        long start = in.readLong();
        int size = in.readUnsignedByte();
        int[] offsets = new int[Math.max(size, 1)];
        long[] counted = new long[Math.max(size, 1)];
        for (int i = 0; i < size; i++) {
            offsets[i] = in.readUnsignedByte();
            counted[i] = version == 1 ? versionOne(in.readDouble()) : in.readLong();
        }
        return new CountedIntervals(start, size, offsets, counted);
    }

    /** What a version-1 block counted: -1.0 was {@link #NOT_VALID}, any other value tonnes. */
    private static long versionOne(double counted) {
        return counted == -1.0 ? NOT_VALID : Micros.of(counted);
    }
}

package kz.taza.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitType;
import kz.taza.schemas.Regions;

/**
 * A deterministic fleet of facilities, their permits and the AMS readings their stacks send.
 *
 * <p>Every facility has {@code sourcesPerFacility} stacks, each measuring SO2, NOx, CO and dust in 20-minute
 * intervals: a <em>series</em> is one facility, stack and pollutant. Reading number {@code g} is interval
 * {@code g / series} of series {@code g % series}, so the readings of all series advance together in event time, as a
 * fleet of gateways sends them; the first interval lies far enough in the past that no reading is ever in the future.
 *
 * <p>What the readings are:
 * <ul>
 * <li>most are VALID and under the limit (30-80% of it);</li>
 * <li>one series in ten runs an exceedance episode every 50 intervals: 3 intervals at 130% of the limit, so each
 * episode gives one ThresholdExceeded (on its first interval above) and one ExceedanceEnded (on the next VALID
 * interval under the limit);</li>
 * <li>one reading in 200 is not VALID (CALIBRATION): counted in data availability, never compared with limits;</li>
 * <li>one reading in 5,000 has a negative concentration and is rejected by validation;</li>
 * <li>one facility in 20 has no permit (nothing to exceed).</li>
 * </ul>
 * {@link Expectation} follows the readings in order and says which of them start or end an episode, so the tool knows
 * how many exceedance events the pipeline must publish, and which reading caused each.
 */
public final class Fleet {

    public static final int INTERVAL_MINUTES = 20;
    static final long INTERVAL_MILLIS = INTERVAL_MINUTES * 60_000L;
    static final Pollutant[] POLLUTANTS = {Pollutant.SO2, Pollutant.NOX, Pollutant.CO, Pollutant.DUST};
    /** mg/Nm3 limits in the permits, per pollutant above. */
    static final double[] LIMITS = {500.0, 400.0, 1000.0, 50.0};
    static final double[] FLOWS = {180_000.0, 250_000.0, 90_000.0, 400_000.0};
    static final int EPISODE_EVERY = 50;
    static final int EPISODE_LENGTH = 3;
    static final int NOT_VALID_EVERY = 200;
    static final int REJECTED_EVERY = 5_000;
    static final int NO_PERMIT_EVERY = 20;

    private final int facilities;
    private final int sourcesPerFacility;
    private final long now;
    private final int series;
    private final long firstIntervalStart;
    private final long intervalsAvailable;
    private final List<String> regionCodes = Regions.codes();
    private final String[] facilityIds;
    private final String[] sourceIds;
    private final String[] gatewayIds;

    /**
     * @param facilities         facilities in the fleet
     * @param sourcesPerFacility stacks per facility
     * @param intervals          how many intervals each series must be able to send (the first lies that far back)
     * @param now                the wall clock the readings must not run ahead of
     */
    public Fleet(int facilities, int sourcesPerFacility, long intervals, Instant now) {
        this.facilities = facilities;
        this.sourcesPerFacility = sourcesPerFacility;
        this.now = now.toEpochMilli();
        this.series = facilities * sourcesPerFacility * POLLUTANTS.length;
        long lastStart = now.toEpochMilli() / INTERVAL_MILLIS * INTERVAL_MILLIS - INTERVAL_MILLIS;
        this.intervalsAvailable = intervals;
        this.firstIntervalStart = lastStart - intervals * INTERVAL_MILLIS;
        this.facilityIds = new String[facilities];
        for (int f = 0; f < facilities; f++) {
            facilityIds[f] = String.format("KZ-FAC-%05d", f + 1);
        }
        this.sourceIds = new String[sourcesPerFacility];
        for (int s = 0; s < sourcesPerFacility; s++) {
            sourceIds[s] = "STACK-" + (s + 1);
        }
        this.gatewayIds = new String[facilities * sourcesPerFacility];
        for (int g = 0; g < gatewayIds.length; g++) {
            gatewayIds[g] = String.format("AMS-GW-%s-%s-SN%08d", facilityIds[g / sourcesPerFacility],
                    sourceIds[g % sourcesPerFacility], g);
        }
    }

    /** A fleet whose series can send {@code readings} readings in all (rounded up to whole intervals). */
    public static Fleet forReadings(int facilities, int sourcesPerFacility, long readings, Instant now) {
        long series = (long) facilities * sourcesPerFacility * POLLUTANTS.length;
        return new Fleet(facilities, sourcesPerFacility, (readings + series - 1) / series + 1, now);
    }

    public int series() {
        return series;
    }

    /** What builds the same fleet again in another process ({@link #parse}): facilities, stacks, intervals, now. */
    public String describe() {
        return facilities + "," + sourcesPerFacility + "," + intervalsAvailable + "," + now;
    }

    public static Fleet parse(String description) {
        String[] f = description.split(",");
        return new Fleet(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                Instant.ofEpochMilli(Long.parseLong(f[3])));
    }

    public int facilityCount() {
        return facilities;
    }

    /** How many readings the fleet can send before its intervals would reach the present. */
    public long capacity() {
        return intervalsAvailable * series;
    }

    public String facilityId(int f) {
        return facilityIds[f];
    }

    /** The BIN of facility {@code f}'s operator: every facility has an operator of its own. */
    public String operatorBin(int f) {
        return String.format("%012d", 100_000_000_000L + f);
    }

    public Facility facility(int f) {
        List<EmissionSource> sources = new ArrayList<>();
        for (int s = 0; s < sourcesPerFacility; s++) {
            sources.add(EmissionSource.newBuilder().setSourceId(sourceIds[s]).setName("Stack " + (s + 1))
                    .setAmsRequired(true).setAmsInstalled(true).build());
        }
        Instant registered = Instant.ofEpochMilli(firstIntervalStart).minusSeconds(400L * 86_400);
        return Facility.newBuilder()
                .setFacilityId(facilityIds[f])
                .setOperatorBin(operatorBin(f))
                .setOperatorName("Operator " + (f + 1))
                .setFacilityName("Plant " + (f + 1))
                .setRegionCode(regionCodes.get(f % regionCodes.size()))
                .setCategory(f % 3 == 0 ? FacilityCategory.I : FacilityCategory.II)
                .setSector(f % 2 == 0 ? "energy" : "metallurgy")
                .setTop50(f < 50)
                .setSources(sources)
                .setRegisteredAt(registered)
                .setUpdatedAt(registered)
                .build();
    }

    /** The facility's ACTIVE permit with an mg/Nm3 limit per stack and pollutant, or null for one in 20. */
    public Permit permit(int f) {
        if (!hasPermit(f)) {
            return null;
        }
        List<PermitLimit> limits = new ArrayList<>();
        for (String source : sourceIds) {
            for (int p = 0; p < POLLUTANTS.length; p++) {
                limits.add(PermitLimit.newBuilder().setSourceId(source).setPollutant(POLLUTANTS[p])
                        .setMgPerNm3(LIMITS[p]).build());
            }
        }
        LocalDate from = Instant.ofEpochMilli(firstIntervalStart).atZone(ZoneOffset.UTC).toLocalDate().minusYears(1);
        Instant issued = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        return Permit.newBuilder()
                .setPermitId(String.format("KEP-%05d", f + 1))
                .setFacilityId(facilityIds[f])
                .setType(PermitType.KEP)
                .setStatus(PermitStatus.ACTIVE)
                .setValidFrom(from)
                .setValidTo(from.plusYears(10))
                .setLimits(limits)
                .setIssuedAt(issued)
                .setUpdatedAt(issued)
                .build();
    }

    static boolean hasPermit(int f) {
        return f % NO_PERMIT_EVERY != NO_PERMIT_EVERY - 1;
    }

    /** Facility index of reading {@code g} (its record key is that facility's id). */
    public int facilityOf(long g) {
        return (int) (g % series) / (sourcesPerFacility * POLLUTANTS.length);
    }

    /**
     * The number of the first reading after {@code g} that is not of {@code g}'s facility and interval: readings
     * {@code g} up to it are what that facility's gateway posts together for the interval.
     */
    public long endOfFacilityInterval(long g) {
        int perFacility = sourcesPerFacility * POLLUTANTS.length;
        return g - (int) (g % series) % perFacility + perFacility;
    }

    public AmsReading reading(long g) {
        if (g < 0 || g >= capacity()) {
            throw new IllegalArgumentException("reading " + g + " is beyond the fleet's " + capacity()
                    + " readings (its intervals would be in the future)");
        }
        int s = (int) (g % series);
        long k = g / series;
        int f = s / (sourcesPerFacility * POLLUTANTS.length);
        int source = (s / POLLUTANTS.length) % sourcesPerFacility;
        int p = s % POLLUTANTS.length;
        long mix = mix(g);
        Kind kind = kind(g, s, k);
        double concentration = switch (kind) {
            case REJECTED -> -1.0;
            case ABOVE -> LIMITS[p] * 1.3;
            default -> LIMITS[p] * (0.3 + 0.5 * ((mix >>> 11) & 0xFFFF) / 65_536.0);
        };
        Instant start = Instant.ofEpochMilli(firstIntervalStart + k * INTERVAL_MILLIS);
        String eventId = new UUID(mix, mix(g ^ 0x5DEECE66DL)).toString();
        return AmsReading.newBuilder()
                .setFacilityId(facilityIds[f])
                .setSourceId(sourceIds[source])
                .setPollutant(POLLUTANTS[p])
                .setIntervalStart(start)
                .setIntervalMinutes(INTERVAL_MINUTES)
                .setConcentrationMgNm3(concentration)
                .setFlowNm3PerHour(FLOWS[p] * (0.9 + 0.2 * ((mix >>> 29) & 0xFFFF) / 65_536.0))
                .setStatus(kind == Kind.NOT_VALID ? ReadingStatus.CALIBRATION : ReadingStatus.VALID)
                .setGatewayId(gatewayIds[f * sourcesPerFacility + source])
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(eventId)
                        .setOccurredAt(start.plusMillis(INTERVAL_MILLIS))
                        // A gateway sends one batch per facility and interval; the batch id correlates its readings.
                        .setCorrelationId(new UUID(mix(f * 1_000_003L + k), mix(k)).toString())
                        .setProducer("ams-gateway-2.4")
                        .build())
                .build();
    }

    /** What reading {@code g} is, by construction. */
    enum Kind {
        UNDER, ABOVE, NOT_VALID, REJECTED
    }

    Kind kind(long g) {
        return kind(g, (int) (g % series), g / series);
    }

    private Kind kind(long g, int s, long k) {
        long mix = mix(g);
        if (Long.remainderUnsigned(mix, REJECTED_EVERY) == 0) {
            return Kind.REJECTED;
        }
        if (Long.remainderUnsigned(mix >>> 7, NOT_VALID_EVERY) == 0) {
            return Kind.NOT_VALID;
        }
        long seriesMix = mix(s + 0x9E3779B9L);
        if (Long.remainderUnsigned(seriesMix, 10) == 0) {
            long phase = Long.remainderUnsigned(seriesMix >>> 8, EPISODE_EVERY);
            if ((k + phase) % EPISODE_EVERY < EPISODE_LENGTH) {
                return Kind.ABOVE;
            }
        }
        return Kind.UNDER;
    }

    /** SplitMix64: a cheap, well-spread hash of the reading number. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Follows readings in order (they must be fed in the order sent) and says what each does to its series' exceedance
     * episode: the same rule as the pipeline's (a VALID interval above the limit opens an episode unless one is open; the
     * next VALID interval at or under it ends it; nothing without a permit), written independently so that it checks
     * the pipeline rather than repeating it.
     */
    public final class Expectation {
        private final boolean[] open = new boolean[series];
        private long started;
        private long ended;
        private long rejected;

        public enum Event {
            NONE, STARTS_EPISODE, ENDS_EPISODE
        }

        public Event next(long g) {
            int s = (int) (g % series);
            Kind kind = kind(g);
            if (kind == Kind.REJECTED) {
                rejected++;
                return Event.NONE;
            }
            if (kind == Kind.NOT_VALID || !hasPermit(facilityOf(g))) {
                return Event.NONE;
            }
            if (kind == Kind.ABOVE && !open[s]) {
                open[s] = true;
                started++;
                return Event.STARTS_EPISODE;
            }
            if (kind == Kind.UNDER && open[s]) {
                open[s] = false;
                ended++;
                return Event.ENDS_EPISODE;
            }
            return Event.NONE;
        }

        /** Feeds readings {@code from} (inclusive) to {@code to} (exclusive). */
        public Expectation through(long from, long to) {
            for (long g = from; g < to; g++) {
                next(g);
            }
            return this;
        }

        public long started() {
            return started;
        }

        public long ended() {
            return ended;
        }

        public long rejected() {
            return rejected;
        }

        /** A copy, to count a stretch of readings from the current state on. */
        public Expectation copy() {
            Expectation copy = new Expectation();
            System.arraycopy(open, 0, copy.open, 0, open.length);
            return copy;
        }
    }

    public Expectation expectation() {
        return new Expectation();
    }
}

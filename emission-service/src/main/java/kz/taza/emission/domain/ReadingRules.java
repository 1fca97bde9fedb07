package kz.taza.emission.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;

/**
 * Whether an AMS reading can be taken in. A reading is accepted when its concentration is a number from zero to
 * {@value #MAX_CONCENTRATION_MG_NM3} mg/Nm3, its flow a number above zero and at most {@value #MAX_FLOW_NM3_PER_HOUR}
 * Nm3/h, its interval length divides a day and its start is a multiple of that length since the epoch, not before
 * {@link #EARLIEST_INTERVAL_START} and not in the future beyond a tolerance (clocks of gateways drift), and its facility, source
 * and pollutant are known: the facility is registered (permit.facilities.v1), the source is one of its sources and the
 * pollutant one the regulator monitors. Status is not checked here: non-VALID intervals are kept, they are only never
 * compared with limits.
 *
 * <p>The check of the hot path ({@link #firstViolation}) allocates nothing for a valid reading.
 */
public final class ReadingRules {

    /**
     * The highest concentration taken in, mg/Nm3 (100 g/Nm3: above the dust load of raw flue gas before any filter;
     * a permit's standards are in the tens to thousands). Bounded so that a unit error cannot reach the totals.
     */
    public static final double MAX_CONCENTRATION_MG_NM3 = 100_000.0;

    /**
     * The highest stack flow taken in, Nm3/h: several times the flue-gas flow of a whole 4 GW coal plant's stack. With
     * the concentration's bound and a day-long interval, one reading weighs at most 48,000 t, so every product and
     * sum stays finite.
     */
    public static final double MAX_FLOW_NM3_PER_HOUR = 20_000_000.0;

    /**
     * The earliest interval start taken in: 2000-01-01T00:00Z, long before AMS reporting began; earlier starts (and any
     * before 1970, which Kafka Streams would drop as a negative timestamp) are refused at the door.
     */
    public static final java.time.Instant EARLIEST_INTERVAL_START = java.time.Instant.parse("2000-01-01T00:00:00Z");

    private static final long EARLIEST_START_MILLIS = EARLIEST_INTERVAL_START.toEpochMilli();

    /** Minutes in a day; an interval length must divide it so that days hold whole intervals. */
    private static final int MINUTES_PER_DAY = 1440;

    private final long futureToleranceMillis;
    private final Set<Pollutant> monitoredPollutants;

    public ReadingRules(Duration futureTolerance, Set<Pollutant> monitoredPollutants) {
        this.futureToleranceMillis = futureTolerance.toMillis();
        this.monitoredPollutants = monitoredPollutants.isEmpty() ? EnumSet.noneOf(Pollutant.class)
                : EnumSet.copyOf(monitoredPollutants);
    }

    /** Default rules: five minutes of clock drift, every pollutant except OTHER. */
    public static ReadingRules defaults() {
        return new ReadingRules(Duration.ofMinutes(5), EnumSet.complementOf(EnumSet.of(Pollutant.OTHER)));
    }

    /** The first rule the reading breaks, or {@code null} when it is valid. */
    public ReadingViolation firstViolation(AmsReading reading, Facility facility, long nowMillis) {
        List<ReadingViolation> found = check(reading, facility, nowMillis, true);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every rule the reading breaks; empty when it is valid. */
    public List<ReadingViolation> violations(AmsReading reading, Facility facility, long nowMillis) {
        return check(reading, facility, nowMillis, false);
    }

    private List<ReadingViolation> check(AmsReading reading, Facility facility, long nowMillis, boolean firstOnly) {
        List<ReadingViolation> found = Collections.emptyList();
        double concentration = reading.getConcentrationMgNm3();
        if (!(concentration >= 0.0) || Double.isInfinite(concentration)) {
            found = add(found, ReadingViolation.Rule.NEGATIVE_CONCENTRATION, "concentrationMgNm3",
                    "concentration must be a number not below zero, was " + concentration);
            if (firstOnly) {
                return found;
            }
        }
        if (concentration > MAX_CONCENTRATION_MG_NM3 && !Double.isInfinite(concentration)) {
            found = add(found, ReadingViolation.Rule.CONCENTRATION_OUT_OF_RANGE, "concentrationMgNm3",
                    "concentration must be at most " + MAX_CONCENTRATION_MG_NM3 + " mg/Nm3, was " + concentration);
            if (firstOnly) {
                return found;
            }
        }
        double flow = reading.getFlowNm3PerHour();
        if (!(flow > 0.0) || Double.isInfinite(flow)) {
            found = add(found, ReadingViolation.Rule.NON_POSITIVE_FLOW, "flowNm3PerHour",
                    "flow must be a number above zero, was " + flow);
            if (firstOnly) {
                return found;
            }
        }
        if (flow > MAX_FLOW_NM3_PER_HOUR && !Double.isInfinite(flow)) {
            found = add(found, ReadingViolation.Rule.FLOW_OUT_OF_RANGE, "flowNm3PerHour",
                    "flow must be at most " + MAX_FLOW_NM3_PER_HOUR + " Nm3/h, was " + flow);
            if (firstOnly) {
                return found;
            }
        }
        int minutes = reading.getIntervalMinutes();
        long start = reading.getIntervalStart().toEpochMilli();
        if (minutes <= 0 || MINUTES_PER_DAY % minutes != 0) {
            found = add(found, ReadingViolation.Rule.INVALID_INTERVAL_LENGTH, "intervalMinutes",
                    "interval length must divide a day (e.g. 10, 15, 20, 30, 60 minutes), was " + minutes);
            if (firstOnly) {
                return found;
            }
        } else if (Math.floorMod(start, minutes * 60_000L) != 0) {
            found = add(found, ReadingViolation.Rule.MISALIGNED_INTERVAL, "intervalStart",
                    "interval start " + reading.getIntervalStart() + " is not aligned to " + minutes
                            + "-minute intervals");
            if (firstOnly) {
                return found;
            }
        }
        if (start < EARLIEST_START_MILLIS) {
            found = add(found, ReadingViolation.Rule.DATE_TOO_EARLY, "intervalStart",
                    "interval start " + reading.getIntervalStart() + " is before " + EARLIEST_INTERVAL_START);
            if (firstOnly) {
                return found;
            }
        } else if (start > nowMillis + futureToleranceMillis) {
            found = add(found, ReadingViolation.Rule.IN_FUTURE, "intervalStart",
                    "interval start " + reading.getIntervalStart() + " is in the future");
            if (firstOnly) {
                return found;
            }
        }
        if (!monitoredPollutants.contains(reading.getPollutant())) {
            found = add(found, ReadingViolation.Rule.UNKNOWN_POLLUTANT, "pollutant",
                    "pollutant " + reading.getPollutant() + " is not monitored");
            if (firstOnly) {
                return found;
            }
        }
        if (facility == null) {
            found = add(found, ReadingViolation.Rule.UNKNOWN_FACILITY, "facilityId",
                    "facility " + reading.getFacilityId() + " is not registered");
        } else if (sourceOf(facility, reading.getSourceId()) == null) {
            found = add(found, ReadingViolation.Rule.UNKNOWN_SOURCE, "sourceId",
                    "source " + reading.getSourceId() + " is not a source of facility " + reading.getFacilityId());
        }
        return found;
    }

    /** The facility's source with this id, or {@code null}; a linear scan, facilities have a handful of stacks. */
    public static EmissionSource sourceOf(Facility facility, String sourceId) {
        List<EmissionSource> sources = facility.getSources();
        for (int i = 0, n = sources.size(); i < n; i++) {
            EmissionSource source = sources.get(i);
            if (source.getSourceId().equals(sourceId)) {
                return source;
            }
        }
        return null;
    }

    private static List<ReadingViolation> add(List<ReadingViolation> found, ReadingViolation.Rule rule, String field,
            String message) {
        List<ReadingViolation> list = found.isEmpty() ? new ArrayList<>(2) : found;
        list.add(new ReadingViolation(rule, field, message));
        return list;
    }
}

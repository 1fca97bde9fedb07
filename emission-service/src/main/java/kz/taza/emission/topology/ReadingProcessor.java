package kz.taza.emission.topology;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.emission.domain.ExceedanceDetector.Transition;
import kz.taza.emission.domain.ExceedanceDetector;
import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.emission.domain.LatenessHorizon;
import kz.taza.emission.domain.PermitLimits;
import kz.taza.emission.domain.ReadingRules;
import kz.taza.emission.domain.ReadingViolation;
import kz.taza.emission.domain.SourceMonitoring;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ExceedanceEndReason;
import kz.taza.events.emission.ExceedanceEnded;
import kz.taza.events.emission.MonitoringGapDetected;
import kz.taza.events.emission.MonitoringResumed;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.emission.ThresholdExceeded;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.Permit;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.events.EventCause;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * Everything that happens to one AMS reading, in one pass over it and its facility's state (the readings topic is keyed
 * by facilityId, so all state of a facility lives in one task):
 * <ol>
 * <li>validation ({@link ReadingRules}) against the facility registry; a reading that fails goes to
 * {@code emission.ams-readings-rejected.v1} as its original bytes with the reason in the platform's
 * {@link RejectedRecordHeaders}, in the same transaction as everything else;</li>
 * <li>lateness ({@link LatenessHorizon}): a reading for an interval older than the horizon before the newest interval
 * this task has taken in is rejected the same way as TOO_LATE, and changes nothing else;</li>
 * <li>monitoring status of the source (MonitoringResumed when a gap closes), and, when the readings' own clock passes
 * the next check boundary, the check of every source of the task for a gap (MonitoringGapDetected);</li>
 * <li>the interval's contribution to the measured-emission and AMS KPIs, remembered per interval so that a reading
 * sent again, or corrected, changes the totals by the difference only: nothing is counted twice;</li>
 * <li>for VALID readings, the exceedance episode against the limit of the facility's ACTIVE permit.</li>
 * </ol>
 * <p>Per-interval state ({@link EmissionStores#CONTRIBUTIONS}) and per-period source counts
 * ({@link EmissionStores#SOURCE_PERIODS}) are window stores kept for the lateness horizon: Kafka Streams' own
 * mechanism for time-bounded state, which drops whole RocksDB segments as time moves on (no scans, no tombstones) and
 * gives the changelogs a matching retention. A time-prefixed key-value store with a punctuator deleting old ranges
 * would do the same work by hand, with a delete (and a changelog tombstone) per key. A window store ignores a write
 * into a segment it has already dropped, in silence; hence the lateness check comes first, so no accepted reading ever
 * writes there.
 *
 * <p>Lateness is measured against the newest interval start this task has accepted
 * ({@link EmissionStores#READING_CLOCK}, logged so it survives restarts and moves with the task), not the task's stream
 * time: the task also reads {@code emission.reports.v1}, whose record timestamps are submission times, and a report
 * submitted today would otherwise make a whole replay of last month's readings late. The window stores measure their
 * own retention from the newest window written, which is never ahead of this clock, so what is accepted is always
 * still held.
 *
 * <p>Monitoring gaps are measured on the same kind of clock, for the same reason: the newest event time of the readings
 * this task has accepted ({@link EmissionStores#READING_CLOCK}, the interval end as {@link ReceivedReading#eventTime}
 * gives it, clamped against a gateway's fast clock), not stream time. A source is silent when the other readings of
 * its partition have moved on without it; a report record says nothing about that, yet it moves stream time to its
 * submission time: in a replay of last year's readings a stream-time check would see every source silent at once
 * (and then never again, stream time standing at today), and live, a report would run ahead of the readings (which
 * come an interval and a transmission late) and declare gaps early. The check runs from {@link #process} when this
 * clock reaches the next multiple of {@code gapCheckEvery}, after the reading that moved it has been taken in: one scan
 * of the task's monitoring store per check, as the punctuation did, and one comparison per reading. Only accepted
 * readings move it: a rejected or too-late reading says nothing about what time it is. When no reading of the
 * partition arrives at all, the clock stands still and no gap is declared: event time has not moved.
 *
 * <p>KPI changes are summed in a logged in-memory store and handed on at a wall-clock interval, so the KPI totals see
 * one record per KPI, scope and period per interval instead of several per reading. Outputs: {@code byte[]} values are
 * rejected readings, {@link KpiDelta}s go to the KPI totals, Avro records to their public topics.
 */
final class ReadingProcessor implements Processor<String, ReceivedReading, String, Object> {
    /** The "exception" class a rule failure is reported as (nothing is thrown: rejection is routine). */
    static final String RULE_FAILURE_CLASS = ReadingViolation.class.getName();
    /** Index, among the events one reading causes, of its monitoring event (resumed) and its exceedance event. */
    private static final int MONITORING_EVENT = 0;
    private static final int EXCEEDANCE_EVENT = 1;
    private static final double NOT_VALID = -1.0;
    /** Key of the newest accepted interval start in the reading clock store (each task has its own store). */
    private static final String CLOCK_KEY = "newest-interval-start";
    /** Key of the newest accepted reading's event time (its interval end, clamped), the clock gaps are measured on. */
    private static final String EVENT_TIME_KEY = "newest-event-time";

    private final EmissionSettings settings;
    private final EventMetadataFactory events;
    private final ReadingRules rules;
    private final LatenessHorizon lateness;
    private final long gapThresholdMillis;
    private final long gapCheckEveryMillis;
    private final PeriodClock clock;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ValueAndTimestamp<Facility>> facilities;
    private KeyValueStore<String, ValueAndTimestamp<Permit>> permits;
    private WindowStore<String, Double> contributions;
    private WindowStore<String, Long> sourcePeriods;
    private KeyValueStore<String, Long> readingClock;
    /** The newest interval start accepted by this task; Long.MIN_VALUE until the first. */
    private long newestIntervalStart;
    /** The newest event time of an accepted reading; Long.MIN_VALUE until the first. Gaps are measured on it. */
    private long newestEventTime;
    /** The reading clock at or past which the next gap check runs. */
    private long nextGapCheck;
    private KeyValueStore<String, ExceedanceEpisode> episodes;
    private KeyValueStore<String, SourceMonitoring> monitoring;
    private KeyValueStore<String, RecentExceedances> recent;
    private KeyValueStore<String, KpiDelta> pending;
    private String applicationId;
    /** Scope strings, built once instead of per reading. */
    private final Map<String, String> regionScopes = new HashMap<>();
    private final EnumMap<Pollutant, String> pollutantScopes =
            new EnumMap<>(Pollutant.class);

    ReadingProcessor(EmissionSettings settings, EventMetadataFactory events) {
        this.settings = settings;
        this.events = events;
        this.rules = settings.readingRules();
        this.lateness = settings.latenessHorizon();
        this.gapThresholdMillis = settings.gapThreshold().toMillis();
        this.gapCheckEveryMillis = Math.max(1L, settings.gapCheckEvery().toMillis());
        this.clock = new PeriodClock(settings.zone());
        for (Pollutant pollutant : Pollutant.values()) {
            pollutantScopes.put(pollutant, KpiScopes.pollutant(pollutant));
        }
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.applicationId = context.applicationId();
        this.facilities = context.getStateStore(EmissionStores.FACILITIES);
        this.permits = context.getStateStore(EmissionStores.PERMITS);
        this.contributions = context.getStateStore(EmissionStores.CONTRIBUTIONS);
        this.sourcePeriods = context.getStateStore(EmissionStores.SOURCE_PERIODS);
        this.readingClock = context.getStateStore(EmissionStores.READING_CLOCK);
        Long newest = readingClock.get(CLOCK_KEY);
        this.newestIntervalStart = newest == null ? Long.MIN_VALUE : newest;
        Long eventTime = readingClock.get(EVENT_TIME_KEY);
        this.newestEventTime = eventTime == null ? Long.MIN_VALUE : eventTime;
        this.nextGapCheck = eventTime == null ? Long.MIN_VALUE : checkAfter(eventTime);
        this.episodes = context.getStateStore(EmissionStores.EPISODES);
        this.monitoring = context.getStateStore(EmissionStores.MONITORING);
        this.recent = context.getStateStore(EmissionStores.RECENT_EXCEEDANCES);
        this.pending = context.getStateStore(EmissionStores.PENDING_KPI);
        context.schedule(settings.kpiFlushInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flushKpiDeltas());
    }

    @Override
    public void process(Record<String, ReceivedReading> record) {
        ReceivedReading received = record.value();
        if (received == null) {
            reject(record, "EMPTY_RECORD", "a reading record without a value (tombstone) carries no reading");
            return;
        }
        AmsReading reading = received.reading();
        String facilityId = reading.getFacilityId();
        if (!facilityId.equals(record.key())) {
            reject(record, "KEY_MISMATCH", "record key '" + record.key() + "' is not the reading's facilityId '"
                    + facilityId + "'; readings are keyed by facilityId");
            return;
        }
        Facility facility = valueOf(facilities.get(facilityId));
        ReadingViolation violation = rules.firstViolation(reading, facility, context.currentSystemTimeMs());
        if (violation != null) {
            reject(record, violation.rule().name(), violation.describe());
            return;
        }
        long start = reading.getIntervalStart().toEpochMilli();
        ReadingViolation late = lateness.check(start, newestIntervalStart);
        if (late != null) {
            reject(record, late.rule().name(), late.describe());
            return;
        }
        if (start > newestIntervalStart) {
            newestIntervalStart = start;
            readingClock.put(CLOCK_KEY, start);
        }
        EmissionSource source = ReadingRules.sourceOf(facility, reading.getSourceId());
        long end = start + reading.getIntervalMinutes() * 60_000L;
        boolean valid = reading.getStatus() == ReadingStatus.VALID;
        clock.at(start);

        trackMonitoring(record, reading, source, start, end, valid);
        countContribution(reading, facility, source, start, valid);
        if (valid) {
            detectExceedance(record, reading, facility, start);
        }
        advanceEventTime(record.timestamp());
    }

    /**
     * Moves the reading clock to an accepted reading's event time and, when it reaches the next check boundary, checks
     * every source for a gap. Called after the reading itself is taken in, so the source that moved the clock is never
     * seen as silent by its own reading.
     */
    private void advanceEventTime(long eventTime) {
        if (eventTime <= newestEventTime) {
            return;
        }
        newestEventTime = eventTime;
        readingClock.put(EVENT_TIME_KEY, eventTime);
        if (eventTime >= nextGapCheck) {
            nextGapCheck = checkAfter(eventTime);
            detectGaps(eventTime);
        }
    }

    /** The first check boundary (a multiple of gapCheckEvery) after the given time. */
    private long checkAfter(long time) {
        return Math.floorDiv(time, gapCheckEveryMillis) * gapCheckEveryMillis + gapCheckEveryMillis;
    }

    private void trackMonitoring(Record<String, ReceivedReading> record, AmsReading reading, EmissionSource source,
            long start, long end, boolean valid) {
        String key = new SourceKey(reading.getFacilityId(), reading.getSourceId()).text();
        SourceMonitoring state = monitoring.get(key);
        if (state == null) {
            state = new SourceMonitoring();
        }
        long gapStartedAt = state.gapStartedAt();
        boolean resumed = state.onReading(start, end, valid, reading.getConcentrationMgNm3(),
                reading.getPollutant().name(), source.getAmsRequired());
        monitoring.put(key, state);
        if (resumed) {
            MonitoringResumed event = MonitoringResumed.newBuilder()
                    .setMetadata(causedBy(reading, key, MONITORING_EVENT))
                    .setFacilityId(reading.getFacilityId())
                    .setSourceId(reading.getSourceId())
                    .setGapStartedAt(Instant.ofEpochMilli(gapStartedAt))
                    .setResumedAt(reading.getIntervalStart())
                    .setGapMinutes((start - gapStartedAt) / 60_000L)
                    .build();
            context.forward(record.withValue(event));
        }
    }

    private void countContribution(AmsReading reading, Facility facility, EmissionSource source, long start,
            boolean valid) {
        String key = reading.getFacilityId() + '|' + reading.getSourceId() + '|' + reading.getPollutant();
        double tonnes = valid ? EmissionMass.tonnes(reading.getConcentrationMgNm3(), reading.getFlowNm3PerHour(),
                reading.getIntervalMinutes()) : NOT_VALID;
        Double previous = contributions.fetch(key, start);
        if (previous != null && previous == tonnes) {
            return; // the same interval sent again: already counted
        }
        contributions.put(key, tonnes, start);
        boolean wasValid = previous != null && previous >= 0;
        double tonnesDelta = (valid ? tonnes : 0.0) - (wasValid ? previous : 0.0);
        int validDelta = (valid ? 1 : 0) - (wasValid ? 1 : 0);
        String region = regionScope(facility);
        String pollutant = pollutantScopes.get(reading.getPollutant());
        if (tonnesDelta != 0.0 || validDelta != 0) {
            long month = clock.monthStartDay();
            add(EmissionKpi.MEASURED_TONNES, KpiScopes.NATIONAL, KpiGranularity.MONTH, month, tonnesDelta,
                    validDelta, start);
            add(EmissionKpi.MEASURED_TONNES, pollutant, KpiGranularity.MONTH, month, tonnesDelta, validDelta, start);
            if (region != null) {
                add(EmissionKpi.MEASURED_TONNES, region, KpiGranularity.MONTH, month, tonnesDelta, validDelta, start);
            }
        }
        if (validDelta == 0 || !source.getAmsRequired()) {
            return;
        }
        if (settings.requiredPollutants().contains(reading.getPollutant())) {
            long day = clock.epochDay();
            add(EmissionKpi.DATA_AVAILABILITY_PCT, KpiScopes.NATIONAL, KpiGranularity.DAY, day, validDelta,
                    validDelta, start);
            if (region != null) {
                add(EmissionKpi.DATA_AVAILABILITY_PCT, region, KpiGranularity.DAY, day, validDelta, validDelta,
                        start);
            }
        }
        String sourceKey = reading.getFacilityId() + '|' + reading.getSourceId() + '|';
        countTransmitting(sourceKey, KpiGranularity.DAY, clock.epochDay(), clock.dayStartMillis(), validDelta, region,
                start);
        countTransmitting(sourceKey, KpiGranularity.MONTH, clock.monthStartDay(), clock.monthStartMillis(),
                validDelta, region, start);
    }

    /** A source transmits in a period when it has at least one VALID interval in it; count it once. */
    private void countTransmitting(String sourceKey, KpiGranularity granularity, long startDay, long periodStart,
            int validDelta, String region, long eventTime) {
        String key = sourceKey + granularity.name();
        Long before = sourcePeriods.fetch(key, periodStart);
        long was = before == null ? 0 : before;
        long now = Math.max(0, was + validDelta);
        sourcePeriods.put(key, now == 0 ? null : now, periodStart); // null: nothing left to remember
        int change = (now > 0 ? 1 : 0) - (was > 0 ? 1 : 0);
        if (change != 0) {
            add(EmissionKpi.SOURCES_TRANSMITTING, KpiScopes.NATIONAL, granularity, startDay, change, change,
                    eventTime);
            if (region != null) {
                add(EmissionKpi.SOURCES_TRANSMITTING, region, granularity, startDay, change, change, eventTime);
            }
        }
    }

    private void detectExceedance(Record<String, ReceivedReading> record, AmsReading reading, Facility facility,
            long start) {
        String key = reading.getFacilityId() + '|' + reading.getSourceId() + '|' + reading.getPollutant();
        Permit permit = valueOf(permits.get(reading.getFacilityId()));
        double limit = PermitLimits.limitInForce(permit, reading.getSourceId(), reading.getPollutant(),
                clock.epochDay());
        ExceedanceEpisode state = episodes.get(key);
        if (state == null) {
            if (!PermitLimits.inForce(limit)) {
                return; // nothing to compare with and no episode to end: no state worth keeping
            }
            state = new ExceedanceEpisode();
        }
        Transition transition = ExceedanceDetector.apply(state, start, reading.getConcentrationMgNm3(), limit,
                permit == null ? null : permit.getPermitId(), startedAt -> ExceedanceEpisode.episodeIdFor(
                        reading.getFacilityId(), reading.getSourceId(), reading.getPollutant().name(), startedAt));
        if (transition == Transition.STALE) {
            return;
        }
        episodes.put(key, state);
        switch (transition) {
            case STARTED -> started(record, reading, facility, state);
            case ENDED_BACK_UNDER -> ended(record, reading, state, ExceedanceEndReason.BACK_UNDER_LIMIT);
            case ENDED_NO_LIMIT -> ended(record, reading, state, ExceedanceEndReason.LIMIT_NOT_IN_FORCE);
            default -> {
            }
        }
    }

    private void started(Record<String, ReceivedReading> record, AmsReading reading, Facility facility,
            ExceedanceEpisode state) {
        double measured = reading.getConcentrationMgNm3();
        ThresholdExceeded event = ThresholdExceeded.newBuilder()
                .setMetadata(causedBy(reading, state.episodeId(), EXCEEDANCE_EVENT))
                .setEpisodeId(state.episodeId())
                .setFacilityId(reading.getFacilityId())
                .setSourceId(reading.getSourceId())
                .setPollutant(reading.getPollutant())
                .setPermitId(state.permitId())
                .setLimitMgNm3(state.limitMgNm3())
                .setMeasuredMgNm3(measured)
                .setRatio(measured / state.limitMgNm3())
                .setIntervalStart(reading.getIntervalStart())
                .setIntervalMinutes(reading.getIntervalMinutes())
                .build();
        context.forward(record.withValue(event));
        remember(reading.getFacilityId(), new ExceedanceRecord(state.episodeId(), reading.getSourceId(),
                reading.getPollutant().name(), state.permitId(), state.limitMgNm3(), measured, state.startedAt(),
                null, state.intervalsAbove(), state.peakMgNm3(), null));
        long start = state.startedAt();
        long month = clock.monthStartDay();
        add(EmissionKpi.EXCEEDANCES_COUNT, KpiScopes.NATIONAL, KpiGranularity.MONTH, month, 1, 1, start);
        add(EmissionKpi.EXCEEDANCES_COUNT, pollutantScopes.get(reading.getPollutant()), KpiGranularity.MONTH,
                month, 1, 1, start);
        String region = regionScope(facility);
        if (region != null) {
            add(EmissionKpi.EXCEEDANCES_COUNT, region, KpiGranularity.MONTH, month, 1, 1, start);
        }
    }

    private void ended(Record<String, ReceivedReading> record, AmsReading reading, ExceedanceEpisode state,
            ExceedanceEndReason reason) {
        ExceedanceEnded event = ExceedanceEnded.newBuilder()
                .setMetadata(causedBy(reading, state.episodeId(), EXCEEDANCE_EVENT))
                .setEpisodeId(state.episodeId())
                .setFacilityId(reading.getFacilityId())
                .setSourceId(reading.getSourceId())
                .setPollutant(reading.getPollutant())
                .setPermitId(state.permitId())
                .setLimitMgNm3(state.limitMgNm3())
                .setStartedAt(Instant.ofEpochMilli(state.startedAt()))
                .setEndedAt(reading.getIntervalStart())
                .setIntervalsAbove(state.intervalsAbove())
                .setPeakMgNm3(state.peakMgNm3())
                .setReason(reason)
                .build();
        context.forward(record.withValue(event));
        RecentExceedances known = recent.get(reading.getFacilityId());
        double firstMeasured = state.limitMgNm3();
        if (known != null) {
            for (ExceedanceRecord e : known.episodes()) {
                if (e.episodeId().equals(state.episodeId())) {
                    firstMeasured = e.firstMeasuredMgNm3();
                }
            }
        }
        remember(reading.getFacilityId(), new ExceedanceRecord(state.episodeId(), reading.getSourceId(),
                reading.getPollutant().name(), state.permitId(), state.limitMgNm3(), firstMeasured,
                state.startedAt(), state.endedAt(), state.intervalsAbove(), state.peakMgNm3(), reason.name()));
    }

    private void remember(String facilityId, ExceedanceRecord episode) {
        RecentExceedances known = recent.get(facilityId);
        if (known == null) {
            known = new RecentExceedances(List.of());
        }
        recent.put(facilityId, known.with(episode, settings.recentExceedances()));
    }

    /**
     * Declares a gap for every AMS-required source of this task silent for longer than the threshold at the reading
     * clock {@code now}.
     */
    private void detectGaps(long now) {
        List<KeyValue<String, SourceMonitoring>> opened = new ArrayList<>();
        try (KeyValueIterator<String, SourceMonitoring> all = monitoring.all()) {
            while (all.hasNext()) {
                KeyValue<String, SourceMonitoring> entry = all.next();
                if (entry.value.detectGap(now, gapThresholdMillis)) {
                    opened.add(entry);
                }
            }
        }
        for (KeyValue<String, SourceMonitoring> entry : opened) {
            monitoring.put(entry.key, entry.value);
            SourceKey source = SourceKey.parse(entry.key);
            String facilityId = source.facilityId();
            MonitoringGapDetected event = MonitoringGapDetected.newBuilder()
                    .setMetadata(events.metadata(new EventCause("gap:" + entry.key + ":"
                            + entry.value.gapStartedAt(), entry.key, null), 0, Instant.ofEpochMilli(now)))
                    .setFacilityId(facilityId)
                    .setSourceId(source.sourceId())
                    .setLastReadingAt(Instant.ofEpochMilli(entry.value.gapStartedAt()))
                    .setThresholdMinutes((int) (gapThresholdMillis / 60_000L))
                    .build();
            context.forward(new Record<String, Object>(facilityId, event, now));
        }
    }

    /** Hands the KPI changes collected since the last flush on to the KPI totals, and forgets them. */
    private void flushKpiDeltas() {
        List<String> flushed = new ArrayList<>();
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, KpiDelta> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, KpiDelta> entry = all.next();
                flushed.add(entry.key);
                if (entry.value.amount() != 0.0 || entry.value.events() != 0) {
                    context.forward(new Record<String, Object>(entry.value.routingKey(), entry.value, now));
                }
            }
        }
        for (String key : flushed) {
            pending.delete(key);
        }
    }

    private void add(EmissionKpi kpi, String scope, KpiGranularity granularity, long startDay, double amount,
            long events, long eventTime) {
        String key = KpiDelta.pendingKey(kpi, scope, granularity, startDay);
        KpiDelta current = pending.get(key);
        pending.put(key, current == null
                ? new KpiDelta(kpi, scope, granularity, startDay, amount, events, eventTime)
                : current.plus(amount, events, eventTime));
    }

    private void reject(Record<String, ReceivedReading> record, String reasonCode, String message) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("taza.error.") && !header.key().startsWith("taza.source.")) {
                headers.add(header);
            }
        }
        RecordMetadata source = context.recordMetadata().orElse(null);
        headers.add(RejectedRecordHeaders.ERROR_CLASS, utf8(RULE_FAILURE_CLASS));
        headers.add(RejectedRecordHeaders.ERROR_MESSAGE, utf8(message));
        headers.add(RejectedRecordHeaders.ERROR_STAGE, utf8(RejectedRecordHeaders.Stage.PROCESSING.name()));
        headers.add(RejectedRecordHeaders.ERROR_REASON, utf8(reasonCode));
        if (source != null) {
            headers.add(RejectedRecordHeaders.SOURCE_TOPIC, utf8(source.topic()));
            headers.add(RejectedRecordHeaders.SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
            headers.add(RejectedRecordHeaders.SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        }
        headers.add(RejectedRecordHeaders.REJECTED_BY, utf8(applicationId));
        byte[] original = record.value() == null ? null : record.value().raw();
        context.forward(new Record<String, Object>(record.key(), new RejectedBytes(original), record.timestamp(),
                headers));
    }

    /** REGION:<code> of the facility, or null for a code that names no region; computed once per code. */
    private String regionScope(Facility facility) {
        String code = facility.getRegionCode();
        String scope = regionScopes.get(code);
        if (scope == null && !regionScopes.containsKey(code)) {
            scope = Regions.byCode(code).map(KpiScopes::region).orElse(null);
            regionScopes.put(code, scope);
        }
        return scope;
    }

    /**
     * Metadata of an event a reading causes, occurring at the reading's interval start: caused by the reading's event
     * (in its flow) when it has metadata, otherwise by the reading itself (its source, pollutant and interval), in the
     * flow named by {@code fallbackCorrelation}. Its id derives from that cause, so re-reading the reading yields the
     * same id.
     */
    private EventMetadata causedBy(AmsReading reading, String fallbackCorrelation, int index) {
        EventMetadata read = reading.getMetadata();
        EventCause cause = read != null
                ? new EventCause(read.getEventId(), read.getCorrelationId(), read.getEventId())
                : new EventCause("reading:" + reading.getFacilityId() + "|" + reading.getSourceId() + "|"
                        + reading.getPollutant() + "|" + reading.getIntervalStart().toEpochMilli(),
                        fallbackCorrelation, null);
        return events.metadata(cause, index, reading.getIntervalStart());
    }

    private static <V> V valueOf(ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The original bytes of a rejected reading, on their way to the rejected topic. */
    record RejectedBytes(byte[] bytes) {
    }
}

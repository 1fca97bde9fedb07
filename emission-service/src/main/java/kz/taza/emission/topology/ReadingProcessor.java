package kz.taza.emission.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import kz.taza.emission.domain.LimitKind;
import kz.taza.emission.domain.ReadingRules;
import kz.taza.emission.domain.ReadingViolation;
import kz.taza.emission.topology.ReadingOutput.ExceedanceEvent;
import kz.taza.emission.topology.ReadingOutput.MonitoringEvent;
import kz.taza.emission.topology.ReadingOutput.Rejection;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.MonitoringResumed;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.platform.events.EventMetadataFactory;

/**
 * Everything that happens to one AMS reading, in one pass over it and its source's record (the readings topic is keyed
 * by facilityId, so all state of a facility lives in one task). This class only orders the steps; each concern is a
 * collaborator that owns its rules and its state:
 * <ol>
 * <li>{@link ReadingValidation}: a record without a reading of its key's facility, or a reading breaking
 * {@link ReadingRules} against the facility registry ({@link ReferenceData}), is rejected;</li>
 * <li>{@link ReadingClock}: a reading for an interval beyond the lateness horizon of the newest one the task has taken
 * in is rejected as TOO_LATE and changes nothing else;</li>
 * <li>{@link MonitoringGaps}: the source's monitoring status (MonitoringResumed when a gap closes), and, when the
 * readings' own clock passes the next check boundary, the check of every source of the task for a gap;</li>
 * <li>{@link KpiContributions}: the interval's contribution to the measured-emission and AMS KPIs, exactly once per
 * interval (a repeat changes nothing, a correction the difference), handed on every flush interval;</li>
 * <li>{@link ExceedanceEpisodes}: for a VALID reading, the episodes against the limits of the facility's ACTIVE
 * permit, one per kind of limit (mg/Nm3, g/s, t/yr; {@link LimitKind}).</li>
 * </ol>
 * A reading in order costs one write of one cached store entry, its source's record ({@link SourceState}); the
 * reference data is read decoded ({@link ReferenceData}). Outputs are typed by destination ({@link ReadingOutput}) and
 * forwarded to that destination's child node only.
 *
 * <p><b>Exactly once.</b> The application runs with {@code exactly_once_v2}: what a task does between two commits is one
 * Kafka transaction, holding its output records (events, rejections, KPI changes to the repartition topic), the
 * changelog records of every store it wrote, and the offsets of the readings it consumed; the record cache of each
 * cached store is flushed into its changelog before the transaction commits. Either all of it is committed or none.
 * After a crash, or when a task moves to another instance, every store is rebuilt from its changelog to the last
 * committed transaction, and reading resumes from the offsets committed with it:
 * <ul>
 * <li>{@link EmissionStores#SOURCES}: each source's monitoring, its newest day and month counts, its pending KPI
 * contributions, and per pollutant the newest interval, the newest block of counted intervals, the episode of each kind of limit and
 * the tonnes of the newest year;</li>
 * <li>{@link EmissionStores#CONTRIBUTIONS}, {@link EmissionStores#SOURCE_PERIODS}: older blocks and periods, within
 * the horizon;</li>
 * <li>{@link EmissionStores#READING_CLOCK}: the lateness and gap clock;
 * {@link EmissionStores#RECENT_EXCEEDANCES}: the episodes the read API shows.</li>
 * </ul>
 * What this processor holds in memory is derived from those stores and taken up from them in {@link #init}, which
 * Kafka Streams calls again whenever it rebuilds the task's state: the decoded source records ({@link SourceStates}),
 * the clock's values ({@link ReadingClock}). The decoded reference data is derived from the global stores, which are
 * not part of the transaction (they follow their compacted topics) and are read as they are when a reading is
 * processed, as a GlobalKTable would be. So a reading whose transaction committed is counted exactly once, and one
 * whose transaction did not is processed again from the state before it, and counted then.
 */
final class ReadingProcessor implements Processor<String, ReceivedReading, String, ReadingOutput> {

    private final EmissionSettings settings;
    private final ReferenceData reference;
    private final ReadingCauses causes;
    private final ReadingClock clock;
    private final MonitoringGaps gaps;
    private final KpiContributions kpis;
    private final ExceedanceEpisodes episodes;
    private final SourceStates sources = new SourceStates();
    private final PeriodClock days;

    private ProcessorContext<String, ReadingOutput> context;
    private ReferenceData.Reader registry;
    private ReadingValidation validation;

    ReadingProcessor(EmissionSettings settings, EventMetadataFactory events, ReferenceData reference) {
        this.settings = settings;
        this.reference = reference;
        this.causes = new ReadingCauses(events);
        this.clock = new ReadingClock(settings.latenessHorizon(), settings.gapCheckEvery());
        this.gaps = new MonitoringGaps(settings.gapThreshold(), causes);
        this.kpis = new KpiContributions(settings);
        this.episodes = new ExceedanceEpisodes(causes, settings.recentExceedances());
        this.days = new PeriodClock(settings.zone());
    }

    @Override
    public void init(ProcessorContext<String, ReadingOutput> context) {
        this.context = context;
        this.registry = reference.reader(context);
        this.validation = new ReadingValidation(settings.readingRules(), context.applicationId());
        clock.init(context.getStateStore(EmissionStores.READING_CLOCK));
        sources.init(context.getStateStore(EmissionStores.SOURCES));
        kpis.init(context.getStateStore(EmissionStores.CONTRIBUTIONS),
                context.getStateStore(EmissionStores.SOURCE_PERIODS));
        episodes.init(context.getStateStore(EmissionStores.RECENT_EXCEEDANCES));
        context.schedule(settings.kpiFlushInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flushKpis(now));
    }

    @Override
    public void process(Record<String, ReceivedReading> record) {
        RecordMetadata origin = context.recordMetadata().orElse(null);
        Rejection malformed = validation.malformed(record, origin);
        if (malformed != null) {
            reject(record, malformed);
            return;
        }
        AmsReading reading = record.value().reading();
        Facility facility = registry.facility(reading.getFacilityId());
        Rejection invalid = validation.check(record, origin, facility, context.currentSystemTimeMs());
        if (invalid != null) {
            reject(record, invalid);
            return;
        }
        long start = reading.getIntervalStart().toEpochMilli();
        ReadingViolation late = clock.lateness(start);
        if (late != null) {
            reject(record, validation.reject(record, origin, late));
            return;
        }
        clock.accept(start);

        EmissionSource source = ReadingRules.sourceOf(facility, reading.getSourceId());
        SourceKey sourceKey = new SourceKey(reading.getFacilityId(), reading.getSourceId());
        String key = sourceKey.text();
        SourceState state = sources.get(key);
        MonitoringResumed resumed = gaps.onReading(sourceKey, state.monitoring, reading, source.getAmsRequired());
        if (resumed != null) {
            context.forward(record.withValue(new MonitoringEvent(resumed)), ReadingOutput.Route.MONITORING.child());
        }
        kpis.count(key, state, reading, source, facility.getRegionCode(), clock.newestIntervalStart());
        if (reading.getStatus() == ReadingStatus.VALID) {
            SeriesState series = state.series(reading.getPollutant());
            kz.taza.events.permit.Permit permit = registry.permit(reading.getFacilityId());
            PeriodClock day = days.at(start);
            for (LimitKind kind : LimitKind.all()) {
                ExceedanceEpisodes.Outcome outcome = episodes.onValidReading(kind, series, reading, permit,
                        day.epochDay(), day.yearStartDay());
                if (outcome.started()) {
                    kpis.countExceedance(state, kind, reading.getPollutant(), facility.getRegionCode(), start);
                }
                if (outcome.event() != null) {
                    context.forward(record.withValue(new ExceedanceEvent(outcome.event())),
                            ReadingOutput.Route.EXCEEDANCES.child());
                }
            }
        }
        sources.save(key, state);
        if (clock.advance(record.timestamp())) {
            checkGaps();
        }
    }

    /** Declares the gaps at the reading clock's time, after the reading that moved it was taken in. */
    private void checkGaps() {
        long now = clock.now();
        for (MonitoringGaps.Gap gap : gaps.detect(now, sources.all())) {
            sources.save(gap.sourceKey(), sources.get(gap.sourceKey()));
            context.forward(new Record<String, ReadingOutput>(gap.event().getFacilityId(),
                    new MonitoringEvent(gap.event()), now), ReadingOutput.Route.MONITORING.child());
        }
    }

    /** Hands the KPI contributions collected since the last flush on to the KPI totals, folded, and forgets them. */
    private void flushKpis(long now) {
        Map<String, KpiDelta> folded = new TreeMap<>();
        List<String> drained = new ArrayList<>(sources.withPendingKpis());
        sources.withPendingKpis().clear();
        for (String key : drained) {
            SourceState state = sources.get(key);
            Facility facility = registry.facility(SourceKey.parse(key).facilityId());
            kpis.drain(state, folded, facility == null ? null : facility.getOperatorBin());
            sources.save(key, state);
        }
        for (KpiDelta delta : folded.values()) {
            if (delta.amount() != 0 || delta.events() != 0) {
                context.forward(new Record<String, ReadingOutput>(delta.routingKey(), delta, now),
                        ReadingOutput.Route.KPI_DELTAS.child());
            }
        }
    }

    private void reject(Record<String, ReceivedReading> record, Rejection rejection) {
        context.forward(new Record<String, ReadingOutput>(record.key(), rejection, record.timestamp(),
                rejection.headers()), ReadingOutput.Route.REJECTED.child());
    }
}

package kz.taza.emission.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.emission.StatisticsBureau;
import kz.taza.emission.domain.DataAvailability;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.permit.Facility;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiMath;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;

/**
 * Sums KPI changes into totals and publishes the KPI values they change. Keyed by {@code kpiId|scope}, so all periods
 * of one KPI and scope are here: a year's reported tonnes and the year before (year-on-year change), a month and its
 * year. Totals are KTable-like: a late or corrected input changes the total of its period and the value is published
 * again under the same key; nothing is counted twice because the inputs arrive as differences. Totals are exact
 * ({@link KpiTotal}, in millionths), so a difference taken back restores a total bit for bit; the value published is
 * converted from the total each time, never summed in doubles. A change that would overflow a total is refused (an
 * {@link ArithmeticException}, so the change is quarantined and the total stays).
 *
 * <ul>
 * <li>measured tonnes and exceedance counts arrive per month and are added to the month and its year;</li>
 * <li>VALID AMS intervals arrive per day and are added to the day and its month; availability is their share of the
 * intervals expected from the AMS-required sources of the scope that have AMS installed ({@link DataAvailability});
 * a source obliged to have AMS but without one is no missing data: it is counted, from the registry, in
 * {@code ams.sources.obliged_not_installed}, which the task of partition 0 publishes on its own (wall clock, every
 * registry recount) for the day and month of the recount;</li>
 * <li>transmitting sources arrive per day and per month (a distinct count cannot be rolled up);</li>
 * <li>the enterprises connected ({@code ams.enterprises.connected.count}) are counted from each enterprise's
 * transmitting sources, which arrive per day and month under the enterprise's own scope, all on the partition of the
 * NATIONAL count ({@link KpiDelta#routingKey}): an enterprise going from none to some moves its scope's count by one
 * ({@link #countConnected}); the enterprises obliged and installed are counted from the registry ({@link AmsRegistry})
 * and published with {@code ams.sources.obliged_not_installed};</li>
 * <li>emission fees (due, and the part redirected to modernisation) arrive per year, in millionths of a tenge;</li>
 * <li>reported tonnes arrive per year; each change republishes the year's tonnes and change, and the next year's
 * change (its baseline moved).</li>
 * </ul>
 */
final class KpiAggregationProcessor implements Processor<String, KpiDelta, String, KpiValue> {

    private final EmissionSettings settings;
    private final PeriodClock clock;
    private ProcessorContext<String, KpiValue> context;
    private KeyValueStore<String, KpiTotal> totals;
    private KeyValueStore<String, ValueAndTimestamp<Facility>> facilities;
    private final Duration registryRecount;
    private final ReferenceData reference;
    private ReferenceData.Changes facilityChanges;
    /** The registry's AMS counts, null until the task's first (whole) count. */
    private AmsRegistry registry;
    private long registryAt = Long.MIN_VALUE;
    /** The registry counts last published, per KPI and scope (scopes at 0 left out, NATIONAL kept). */
    private final Map<EmissionKpi, Map<String, Long>> registryPublished = new EnumMap<>(EmissionKpi.class);
    private long registryPublishedDay = Long.MIN_VALUE;
    /** Whether this task has published the statistics bureau's figures since it started. */
    private boolean statisticsPublished;

    /**
     * @param registryRecount how often (wall clock) the task of partition 0 brings the registry's counts up to date
     *                        and publishes {@code ams.sources.obliged_not_installed} and the enterprises obliged and
     *                        installed
     * @param reference       the registry's changes ({@link ReferenceData#facilityChanges})
     */
    KpiAggregationProcessor(EmissionSettings settings, Duration registryRecount, ReferenceData reference) {
        this.settings = settings;
        this.registryRecount = registryRecount;
        this.reference = reference;
        this.clock = new PeriodClock(settings.zone());
    }

    @Override
    public void init(ProcessorContext<String, KpiValue> context) {
        this.context = context;
        this.totals = context.getStateStore(EmissionStores.KPI_TOTALS);
        this.facilities = context.getStateStore(EmissionStores.FACILITIES);
        // The registry's changes from now on; the first count reads it whole (a task started again counts again).
        close();
        this.facilityChanges = reference.facilityChanges();
        this.registry = null;
        this.statisticsPublished = false;
        // Counts of the whole registry: one task publishes them (every task sees the same global store).
        if (context.taskId().partition() == 0) {
            context.schedule(registryRecount, PunctuationType.WALL_CLOCK_TIME, this::publishRegistryCounts);
        }
    }

    @Override
    public void process(Record<String, KpiDelta> record) {
        KpiDelta delta = record.value();
        LocalDate start = LocalDate.ofEpochDay(delta.periodStartEpochDay());
        KpiPeriod period = new KpiPeriod(delta.granularity(), start);
        switch (delta.kpi()) {
            case MEASURED_TONNES, EXCEEDANCES_COUNT, EXCEEDANCES_MASS_RATE_COUNT, EXCEEDANCES_ANNUAL_MASS_COUNT -> {
                publishSum(delta, period, add(delta, period));
                KpiPeriod year = KpiPeriods.containing(KpiGranularity.YEAR, start);
                publishSum(delta, year, add(delta, year));
            }
            case DATA_AVAILABILITY_PCT -> {
                publishAvailability(delta, period, add(delta, period));
                KpiPeriod month = KpiPeriods.containing(KpiGranularity.MONTH, start);
                publishAvailability(delta, month, add(delta, month));
            }
            case SOURCES_TRANSMITTING, FEES_DUE_KZT, FEES_KEP_REDIRECTED_KZT ->
                    publishSum(delta, period, add(delta, period));
            case ENTERPRISES_CONNECTED -> {
                if (!KpiDelta.isEnterprise(delta.scope())) {
                    throw new IllegalStateException("connected enterprises are counted from enterprises' scopes, not "
                            + delta.scope());
                }
                countConnected(delta, period);
            }
            case REPORTED_TONNES -> {
                add(delta, period);
                publishReported(delta.scope(), period);
                KpiPeriod next = new KpiPeriod(KpiGranularity.YEAR, start.plusYears(1));
                if (totals.get(key(EmissionKpi.REPORTED_TONNES, delta.scope(), next)) != null) {
                    publishReported(delta.scope(), next);
                }
            }
            default -> throw new IllegalStateException("no aggregation for " + delta.kpi());
        }
    }

    private KpiTotal add(KpiDelta delta, KpiPeriod period) {
        String key = key(delta.kpi(), delta.scope(), period);
        KpiTotal total = totals.get(key);
        KpiTotal updated = (total == null ? KpiTotal.ZERO : total).plus(delta);
        totals.put(key, updated);
        return updated;
    }

    private void publishSum(KpiDelta delta, KpiPeriod period, KpiTotal total) {
        publish(delta.kpi(), delta.scope(), period, total.value(), null, null, total);
    }

    private void publishAvailability(KpiDelta delta, KpiPeriod period, KpiTotal total) {
        long sources = installedSources().getOrDefault(delta.scope(), 0L);
        long periodStart = clock.startOfDayMillis(period.getStart().toEpochDay());
        LocalDate nextStart = period.getGranularity() == KpiGranularity.DAY ? period.getStart().plusDays(1)
                : period.getStart().plusMonths(1);
        long periodEnd = clock.startOfDayMillis(nextStart.toEpochDay());
        long coveredUntil = total.dataAsOf() + settings.intervalMinutes() * 60_000L;
        long expected = DataAvailability.expectedIntervals(sources, settings.requiredPollutants().size(),
                periodStart, periodEnd, coveredUntil, settings.intervalMinutes());
        Double pct = DataAvailability.percent(Micros.toWhole(total.amount()), expected);
        if (pct != null) {
            publish(delta.kpi(), delta.scope(), period, pct, null, null, total);
        }
    }

    private void publishReported(String scope, KpiPeriod year) {
        KpiTotal total = totals.get(key(EmissionKpi.REPORTED_TONNES, scope, year));
        if (total == null) {
            return;
        }
        KpiTotal previous = totals.get(key(EmissionKpi.REPORTED_TONNES, scope, KpiPeriods.previous(year)));
        Double baseline = previous == null || previous.events() == 0 ? null : previous.value();
        Double change = KpiMath.changePct(baseline, total.value());
        publish(EmissionKpi.REPORTED_TONNES, scope, year, total.value(), baseline, change, total);
        if (change != null) {
            publish(EmissionKpi.REPORTED_CHANGE_PCT, scope, year, change, baseline, change, total);
        }
    }

    private void publish(EmissionKpi kpi, String scope, KpiPeriod period, double value, Double baseline,
            Double change, KpiTotal total) {
        long now = context.currentSystemTimeMs();
        KpiValue kpiValue = kpi.definition().value(scope, period, value, baseline, change, total.events(),
                Instant.ofEpochMilli(Math.max(0, total.dataAsOf())), Instant.ofEpochMilli(now));
        context.forward(new Record<>(kpi.definition().key(scope, period), kpiValue, now));
    }

    /**
     * AMS-required sources with AMS installed per scope (NATIONAL and each REGION): the denominator of data
     * availability. Brought up to date with the registry's changes now and then ({@link #registry}).
     */
    private Map<String, Long> installedSources() {
        return registry(false).installed();
    }

    /**
     * The registry's AMS counts: counted whole the first time a task asks (the feed was opened before, so nothing
     * changed since is missed), then brought up to date with the facilities the feed names, when the last update is
     * older than the refresh interval or when {@code fresh} asks for it. A task that starts again counts whole again.
     */
    private AmsRegistry registry(boolean fresh) {
        long now = context.currentSystemTimeMs();
        if (registry == null) {
            facilityChanges.drain(); // the whole count below sees them
            registry = AmsRegistry.countAll(facilities);
            registryAt = now;
            return registry;
        }
        if (!fresh && now - registryAt < settings.referenceRefresh().toMillis()) {
            return registry;
        }
        for (String facilityId : facilityChanges.drain()) {
            registry.apply(facilityId, facilities);
        }
        registryAt = now;
        return registry;
    }

    /**
     * Publishes the registry's counts for the day and the month (Kazakhstan time, wall clock) of the recount:
     * {@code ams.sources.obliged_not_installed} (its input events: the facilities with such a source),
     * {@code ams.enterprises.obliged.count} and {@code ams.enterprises.installed.count} (their input events: the
     * enterprises counted). Each for every scope whose count changed since it was last published here (a scope that
     * falls to 0 is published once more, as 0), and for every scope when the day moves on. NATIONAL is always
     * published.
     */
    private void publishRegistryCounts(long now) {
        if (!statisticsPublished) {
            publishStatistics(now);
            statisticsPublished = true;
        }
        AmsRegistry counts = registry(true);
        clock.at(now);
        long day = clock.epochDay();
        boolean newDay = day != registryPublishedDay;
        KpiPeriod dayPeriod = new KpiPeriod(KpiGranularity.DAY, LocalDate.ofEpochDay(day));
        KpiPeriod monthPeriod = new KpiPeriod(KpiGranularity.MONTH, LocalDate.ofEpochDay(clock.monthStartDay()));
        Instant asOf = Instant.ofEpochMilli(Math.max(0, counts.asOf()));
        publishCounts(EmissionKpi.SOURCES_OBLIGED_NOT_INSTALLED, counts.notInstalled(),
                counts.notInstalledFacilities(), newDay, List.of(dayPeriod, monthPeriod), asOf, now);
        publishCounts(EmissionKpi.ENTERPRISES_OBLIGED, counts.enterprisesObliged(), counts.enterprisesObliged(),
                newDay, List.of(dayPeriod, monthPeriod), asOf, now);
        publishCounts(EmissionKpi.ENTERPRISES_INSTALLED, counts.enterprisesInstalled(),
                counts.enterprisesInstalled(), newDay, List.of(dayPeriod, monthPeriod), asOf, now);
        registryPublishedDay = day;
    }

    /**
     * The statistics bureau's published figures ({@link StatisticsBureau}), {@code emissions.statistics.tonnes}: once
     * each time the task starts, the same values each time (the compacted topic keeps the one per year and scope).
     * Their dataAsOf is the end of their year; their input events, 1 (the published figure).
     */
    private void publishStatistics(long now) {
        KpiDefinition kpi = EmissionKpis.STATISTICS_TONNES;
        for (StatisticsBureau.Figure figure : StatisticsBureau.FIGURES) {
            KpiPeriod year = KpiPeriods.year(figure.year());
            Instant asOf = LocalDate.of(figure.year() + 1, 1, 1).atStartOfDay(settings.zone()).toInstant();
            KpiValue value = kpi.value(figure.scope(), year, figure.tonnes(), null, null, 1, asOf,
                    Instant.ofEpochMilli(now));
            context.forward(new Record<>(kpi.key(figure.scope(), year), value, now));
        }
    }

    private void publishCounts(EmissionKpi kpi, Map<String, Long> counts, Map<String, Long> inputs, boolean newDay,
            List<KpiPeriod> periods, Instant asOf, long now) {
        Map<String, Long> before = registryPublished.getOrDefault(kpi, Map.of());
        Set<String> scopes = new TreeSet<>(counts.keySet());
        scopes.addAll(before.keySet());
        scopes.add(KpiScopes.NATIONAL);
        Map<String, Long> published = new HashMap<>();
        for (String scope : scopes) {
            long count = counts.getOrDefault(scope, 0L);
            Long was = before.get(scope);
            if (newDay || was == null || was != count) {
                KpiDefinition definition = kpi.definition();
                for (KpiPeriod period : periods) {
                    KpiValue value = definition.value(scope, period, count, null, null,
                            inputs.getOrDefault(scope, 0L), asOf, Instant.ofEpochMilli(now));
                    context.forward(new Record<>(definition.key(scope, period), value, now));
                }
            }
            if (count > 0 || KpiScopes.NATIONAL.equals(scope)) {
                published.put(scope, count);
            }
        }
        registryPublished.put(kpi, published);
    }

    /**
     * Counts the enterprises with at least one AMS-required source transmitting in the period: the change of one
     * enterprise's transmitting sources (under its own scope, {@link KpiDelta#enterpriseScope}) moves the published
     * count of its scope when the enterprise goes from none to some, or back.
     */
    private void countConnected(KpiDelta delta, KpiPeriod period) {
        KpiTotal sources = add(delta, period);
        long now = sources.amount();
        long was = Micros.minus(now, delta.amount());
        int change = (now > 0 ? 1 : 0) - (was > 0 ? 1 : 0);
        if (change == 0) {
            return;
        }
        KpiDelta enterprises = new KpiDelta(delta.kpi(), KpiDelta.scopeOfEnterprise(delta.scope()),
                delta.granularity(), delta.periodStartEpochDay(), Micros.ofWhole(change), change, delta.dataAsOf());
        publishSum(enterprises, period, add(enterprises, period));
    }

    @Override
    public void close() {
        if (facilityChanges != null) {
            facilityChanges.close();
            facilityChanges = null;
        }
    }

    private static String key(EmissionKpi kpi, String scope, KpiPeriod period) {
        return kpi.definition().key(scope, period);
    }
}

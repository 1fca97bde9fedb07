package kz.taza.emission.topology;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import kz.taza.emission.domain.DataAvailability;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiMath;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

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
    private RegistryCounts registry;
    private long registryAt = Long.MIN_VALUE;
    /** The obliged-not-installed counts last published, per scope (scopes at 0 left out, NATIONAL kept). */
    private Map<String, Long> obligedPublished = Map.of();
    private long obligedPublishedDay = Long.MIN_VALUE;

    /**
     * @param registryRecount how often (wall clock) the task of partition 0 recounts the registry and publishes
     *                        {@code ams.sources.obliged_not_installed}
     */
    KpiAggregationProcessor(EmissionSettings settings, Duration registryRecount) {
        this.settings = settings;
        this.registryRecount = registryRecount;
        this.clock = new PeriodClock(settings.zone());
    }

    @Override
    public void init(ProcessorContext<String, KpiValue> context) {
        this.context = context;
        this.totals = context.getStateStore(EmissionStores.KPI_TOTALS);
        this.facilities = context.getStateStore(EmissionStores.FACILITIES);
        // A count of the whole registry: one task publishes it (every task sees the same global store).
        if (context.taskId().partition() == 0) {
            context.schedule(registryRecount, PunctuationType.WALL_CLOCK_TIME, this::publishObligedNotInstalled);
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
     * availability. Recounted from the registry now and then ({@link #registry}).
     */
    private Map<String, Long> installedSources() {
        return registry(false).installed();
    }

    /**
     * The registry's AMS counts, recounted when the last count is older than the refresh interval or when
     * {@code fresh} asks for a recount.
     */
    private RegistryCounts registry(boolean fresh) {
        long now = context.currentSystemTimeMs();
        if (!fresh && registryAt != Long.MIN_VALUE && now - registryAt < settings.referenceRefresh().toMillis()) {
            return registry;
        }
        registry = RegistryCounts.of(facilities);
        registryAt = now;
        return registry;
    }

    /**
     * Publishes {@code ams.sources.obliged_not_installed} for the day and the month (Kazakhstan time, wall clock)
     * of the recount, for every scope whose count changed since it was last published here (a scope whose last
     * source got its AMS is published once more, as 0), and for every scope when the day moves on. NATIONAL is
     * always published.
     */
    private void publishObligedNotInstalled(long now) {
        RegistryCounts counts = registry(true);
        clock.at(now);
        long day = clock.epochDay();
        boolean newDay = day != obligedPublishedDay;
        Set<String> scopes = new TreeSet<>(counts.notInstalled().keySet());
        scopes.addAll(obligedPublished.keySet());
        scopes.add(KpiScopes.NATIONAL);
        KpiPeriod dayPeriod = new KpiPeriod(KpiGranularity.DAY, LocalDate.ofEpochDay(day));
        KpiPeriod monthPeriod = new KpiPeriod(KpiGranularity.MONTH, LocalDate.ofEpochDay(clock.monthStartDay()));
        Map<String, Long> published = new HashMap<>();
        for (String scope : scopes) {
            long count = counts.notInstalled().getOrDefault(scope, 0L);
            Long before = obligedPublished.get(scope);
            if (newDay || before == null || before != count) {
                long facilitiesCounted = counts.notInstalledFacilities().getOrDefault(scope, 0L);
                Instant asOf = Instant.ofEpochMilli(Math.max(0, counts.asOf()));
                for (KpiPeriod period : List.of(dayPeriod, monthPeriod)) {
                    KpiDefinition kpi = EmissionKpi.SOURCES_OBLIGED_NOT_INSTALLED.definition();
                    KpiValue value = kpi.value(scope, period, count, null, null, facilitiesCounted, asOf,
                            Instant.ofEpochMilli(now));
                    context.forward(new Record<>(kpi.key(scope, period), value, now));
                }
            }
            if (count > 0 || KpiScopes.NATIONAL.equals(scope)) {
                published.put(scope, count);
            }
        }
        obligedPublished = published;
        obligedPublishedDay = day;
    }

    /**
     * What the facility registry says of AMS, per scope (NATIONAL and each REGION).
     *
     * @param installed             AMS-required sources with AMS installed (the availability denominator)
     * @param notInstalled          AMS-required sources without AMS installed
     * @param notInstalledFacilities facilities with at least one such source
     * @param asOf                  the newest registry record's timestamp, {@link Long#MIN_VALUE} when none
     */
    record RegistryCounts(Map<String, Long> installed, Map<String, Long> notInstalled,
            Map<String, Long> notInstalledFacilities, long asOf) {

        static RegistryCounts of(KeyValueStore<String, ValueAndTimestamp<Facility>> facilities) {
            Map<String, Long> installed = new HashMap<>();
            Map<String, Long> notInstalled = new HashMap<>();
            Map<String, Long> notInstalledFacilities = new HashMap<>();
            long asOf = Long.MIN_VALUE;
            try (KeyValueIterator<String, ValueAndTimestamp<Facility>> all = facilities.all()) {
                while (all.hasNext()) {
                    ValueAndTimestamp<Facility> stored = all.next().value;
                    Facility facility = stored == null ? null : stored.value();
                    if (facility == null) {
                        continue;
                    }
                    asOf = Math.max(asOf, stored.timestamp());
                    long withAms = 0;
                    long without = 0;
                    for (EmissionSource source : facility.getSources()) {
                        if (source.getAmsRequired()) {
                            if (source.getAmsInstalled()) {
                                withAms++;
                            } else {
                                without++;
                            }
                        }
                    }
                    String region = Regions.byCode(facility.getRegionCode()).map(KpiScopes::region).orElse(null);
                    addTo(installed, region, withAms);
                    addTo(notInstalled, region, without);
                    addTo(notInstalledFacilities, region, without > 0 ? 1 : 0);
                }
            }
            return new RegistryCounts(installed, notInstalled, notInstalledFacilities, asOf);
        }

        private static void addTo(Map<String, Long> counts, String region, long n) {
            if (n > 0) {
                counts.merge(KpiScopes.NATIONAL, n, Long::sum);
                if (region != null) {
                    counts.merge(region, n, Long::sum);
                }
            }
        }
    }

    private static String key(EmissionKpi kpi, String scope, KpiPeriod period) {
        return kpi.definition().key(scope, period);
    }
}

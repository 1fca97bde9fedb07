package kz.taza.emission.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

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
 * intervals expected from the AMS-required sources of the scope ({@link DataAvailability});</li>
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
    private Map<String, Long> requiredSources = Map.of();
    private long requiredSourcesAt = Long.MIN_VALUE;

    KpiAggregationProcessor(EmissionSettings settings) {
        this.settings = settings;
        this.clock = new PeriodClock(settings.zone());
    }

    @Override
    public void init(ProcessorContext<String, KpiValue> context) {
        this.context = context;
        this.totals = context.getStateStore(EmissionStores.KPI_TOTALS);
        this.facilities = context.getStateStore(EmissionStores.FACILITIES);
    }

    @Override
    public void process(Record<String, KpiDelta> record) {
        KpiDelta delta = record.value();
        LocalDate start = LocalDate.ofEpochDay(delta.periodStartEpochDay());
        KpiPeriod period = new KpiPeriod(delta.granularity(), start);
        switch (delta.kpi()) {
            case MEASURED_TONNES, EXCEEDANCES_COUNT -> {
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
        long sources = requiredSources().getOrDefault(delta.scope(), 0L);
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

    /** AMS-required sources per scope (NATIONAL and each REGION), recounted from the registry now and then. */
    private Map<String, Long> requiredSources() {
        long now = context.currentSystemTimeMs();
        if (requiredSourcesAt != Long.MIN_VALUE && now - requiredSourcesAt < settings.referenceRefresh().toMillis()) {
            return requiredSources;
        }
        Map<String, Long> counts = new HashMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Facility>> all = facilities.all()) {
            while (all.hasNext()) {
                ValueAndTimestamp<Facility> stored = all.next().value;
                Facility facility = stored == null ? null : stored.value();
                if (facility == null) {
                    continue;
                }
                long required = 0;
                for (EmissionSource source : facility.getSources()) {
                    if (source.getAmsRequired()) {
                        required++;
                    }
                }
                if (required > 0) {
                    counts.merge(KpiScopes.NATIONAL, required, Long::sum);
                    long n = required;
                    Regions.byCode(facility.getRegionCode())
                            .ifPresent(region -> counts.merge(KpiScopes.region(region), n, Long::sum));
                }
            }
        }
        requiredSources = counts;
        requiredSourcesAt = now;
        return counts;
    }

    private static String key(EmissionKpi kpi, String scope, KpiPeriod period) {
        return kpi.definition().key(scope, period);
    }
}

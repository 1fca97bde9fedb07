package kz.taza.inspection.topology;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.inspection.ComplianceKpiTotals;
import kz.taza.inspection.domain.ComplianceKpiRules;
import kz.taza.inspection.domain.ComplianceKpiRules.Contribution;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiMath;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKey;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The compliance KPIs ({@link InspectionKpis}), from the events on {@code inspection.events.v1} (see
 * {@link ComplianceKpiRules} for what each event adds): {@code inspections.completed.count},
 * {@code inspections.violations.count}, {@code fines.imposed_kzt}, {@code fines.collected_kzt},
 * {@code fines.collection_rate_pct} and {@code orders.overdue.count}, each for NATIONAL and REGION:&lt;code&gt;, per
 * MONTH and YEAR. Running totals per scope and period are a KTable aggregation, so an
 * event of an earlier period (a late payment entry, an order fulfilled late) updates that period's value.
 */
public final class ComplianceKpiTopology implements StreamsTopology {

    /**
     * Store of the running totals, keyed like KPI values with {@link #TOTALS} in place of the KPI id (one total holds
     * the figures of all six KPIs of a scope and period).
     */
    public static final String TOTALS_STORE = "inspection-kpi-totals";
    /** The name of the running totals in their keys ({@code compliance|NATIONAL|YEAR:2025-01-01}). */
    static final String TOTALS = "compliance";

    private static final List<KpiGranularity> GRANULARITIES = List.of(KpiGranularity.MONTH, KpiGranularity.YEAR);

    private final Clock clock;

    public ComplianceKpiTopology(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void build(StreamsBuilder builder) {
        Serde<ComplianceKpiTotals> totalsSerde = AvroSerdes.of(ComplianceKpiTotals.class);
        // Each counted event adds to its day's month and year, nationally and in its region.
        KStream<String, ComplianceKpiTotals> contributions = Inputs.stream(builder, InspectionTopics.EVENTS)
                .flatMap((facilityId, event) -> contributions(event), Named.as("kpi-contributions"));
        // Regrouped by scope and period through a repartition topic whose bad records are quarantined too.
        Inputs.repartition(contributions, "kpi-by-scope-period", totalsSerde)
                .groupByKey(Grouped.with(Serdes.String(), totalsSerde))
                // Running totals per scope and period; a late event updates its own period.
                .aggregate(ComplianceKpiTopology::zero, (key, delta, total) -> add(total, delta),
                        Named.as("kpi-totals"),
                        Materialized.<String, ComplianceKpiTotals, KeyValueStore<Bytes, byte[]>>as(TOTALS_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(totalsSerde))
                .toStream(Named.as("kpi-totals-changes"))
                // The six KPI values of the scope and period, under their kpi.values.v1 keys.
                .flatMap((key, totals) -> kpiValues(key, totals), Named.as("kpi-values"))
                .to(PlatformTopics.KPI_VALUES.name(), PlatformTopics.KPI_VALUES.produced()
                        .withName("write-inspection-kpis"));
    }

    private static List<KeyValue<String, ComplianceKpiTotals>> contributions(SpecificRecord event) {
        List<KeyValue<String, ComplianceKpiTotals>> out = new ArrayList<>();
        ComplianceKpiRules.of(event).ifPresent(c -> {
            ComplianceKpiTotals delta = delta(c, occurredAt(event));
            List<String> scopes = new ArrayList<>();
            scopes.add(KpiScopes.NATIONAL);
            if (c.regionCode() != null) {
                scopes.add("REGION:" + c.regionCode());
            }
            for (String scope : scopes) {
                for (KpiGranularity granularity : GRANULARITIES) {
                    KpiPeriod period = KpiPeriods.containing(granularity, c.day());
                    out.add(KeyValue.pair(totalsKey(scope, period), delta));
                }
            }
        });
        return out;
    }

    static String totalsKey(String scope, KpiPeriod period) {
        return KpiKeys.key(TOTALS, scope, period);
    }

    private static Instant occurredAt(SpecificRecord event) {
        Object metadata = event.get(event.getSchema().getField("metadata").pos());
        return ((EventMetadata) metadata).getOccurredAt();
    }

    private static ComplianceKpiTotals delta(Contribution c, Instant occurredAt) {
        return ComplianceKpiTotals.newBuilder()
                .setInspectionsCompleted(c.inspectionsCompleted())
                .setViolations(c.violations())
                .setFinesImposedKzt(c.finesImposedKzt())
                .setFinesCollectedKzt(c.finesCollectedKzt())
                .setOrdersOverdue(c.ordersOverdue())
                .setFinesImposed(c.finesImposed())
                .setFinesWithoutInspection(c.finesWithoutInspection())
                .setInputEvents(1)
                .setDataAsOf(occurredAt)
                .build();
    }

    private static ComplianceKpiTotals zero() {
        return ComplianceKpiTotals.newBuilder()
                .setInspectionsCompleted(0).setViolations(0).setFinesImposedKzt(0).setFinesCollectedKzt(0)
                .setOrdersOverdue(0).setFinesImposed(0).setFinesWithoutInspection(0).setInputEvents(0)
                .setDataAsOf(Instant.EPOCH).build();
    }

    /**
     * The totals and the change, field by field. Counts and tenge are whole numbers in {@code long}s, so the sums are
     * exact (an order fulfilled after being counted overdue takes back exactly its one); one that would overflow is
     * refused (an {@link ArithmeticException}: the change is quarantined, the totals stay), never wrapped.
     */
    static ComplianceKpiTotals add(ComplianceKpiTotals total, ComplianceKpiTotals delta) {
        return ComplianceKpiTotals.newBuilder()
                .setInspectionsCompleted(Math.addExact(total.getInspectionsCompleted(),
                        delta.getInspectionsCompleted()))
                .setViolations(Math.addExact(total.getViolations(), delta.getViolations()))
                .setFinesImposedKzt(Math.addExact(total.getFinesImposedKzt(), delta.getFinesImposedKzt()))
                .setFinesCollectedKzt(Math.addExact(total.getFinesCollectedKzt(), delta.getFinesCollectedKzt()))
                .setOrdersOverdue(Math.addExact(total.getOrdersOverdue(), delta.getOrdersOverdue()))
                .setFinesImposed(Math.addExact(total.getFinesImposed(), delta.getFinesImposed()))
                .setFinesWithoutInspection(Math.addExact(total.getFinesWithoutInspection(),
                        delta.getFinesWithoutInspection()))
                .setInputEvents(Math.addExact(total.getInputEvents(), delta.getInputEvents()))
                .setDataAsOf(delta.getDataAsOf().isAfter(total.getDataAsOf()) ? delta.getDataAsOf()
                        : total.getDataAsOf())
                .build();
    }

    private List<KeyValue<String, KpiValue>> kpiValues(String key, ComplianceKpiTotals t) {
        KpiKey totalsKey = KpiKeys.parse(key);
        String scope = totalsKey.scope();
        KpiPeriod period = totalsKey.period();
        Instant now = clock.instant();
        List<KeyValue<String, KpiValue>> out = new ArrayList<>();
        out.add(value(InspectionKpis.INSPECTIONS_COMPLETED, scope, period, t.getInspectionsCompleted(), t, now));
        out.add(value(InspectionKpis.VIOLATIONS, scope, period, t.getViolations(), t, now));
        out.add(value(InspectionKpis.FINES_IMPOSED, scope, period, t.getFinesImposedKzt(), t, now));
        out.add(value(InspectionKpis.FINES_COLLECTED, scope, period, t.getFinesCollectedKzt(), t, now));
        out.add(value(InspectionKpis.FINES_COUNT, scope, period, t.getFinesImposed(), t, now));
        out.add(value(InspectionKpis.FINES_WITHOUT_INSPECTION, scope, period, t.getFinesWithoutInspection(), t, now));
        // The rate has no value while nothing was imposed in the period.
        Double rate = KpiMath.percent(t.getFinesCollectedKzt(), t.getFinesImposedKzt());
        if (rate != null) {
            out.add(value(InspectionKpis.COLLECTION_RATE, scope, period, rate, t, now));
        }
        out.add(value(InspectionKpis.ORDERS_OVERDUE, scope, period, t.getOrdersOverdue(), t, now));
        return out;
    }

    private static KeyValue<String, KpiValue> value(KpiDefinition kpi, String scope, KpiPeriod period, double value,
            ComplianceKpiTotals totals, Instant now) {
        return KeyValue.pair(kpi.key(scope, period), kpi.value(scope, period, value, null, null,
                totals.getInputEvents(), totals.getDataAsOf(), now));
    }
}

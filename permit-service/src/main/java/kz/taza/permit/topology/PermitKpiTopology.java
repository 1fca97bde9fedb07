package kz.taza.permit.topology;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Predicate;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import kz.taza.contracts.permit.PermitKpis;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermittedTonnes;
import kz.taza.permit.domain.PermitKpiRules;
import kz.taza.platform.errors.Inputs;
import kz.taza.platform.kafka.StreamsTopology;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.Micros;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The permit KPIs ({@link PermitKpis}), recomputed on every change of a facility or permit and published on {@code kpi.values.v1}:
 * <ul>
 * <li>{@code permits.active.count}: ACTIVE permits, NATIONAL and per {@code PERMIT_TYPE:<type>};</li>
 * <li>{@code permits.kep_coverage_pct}: share of the facilities in {@code CATEGORY:I} and {@code GROUP:TOP50_CAT1}
 * holding an ACTIVE KEP;</li>
 * <li>{@code emissions.permitted.tonnes}: the t/yr limits of the ACTIVE permits, NATIONAL, per REGION and per
 * POLLUTANT (the permitted series).</li>
 * </ul>
 * All are stocks, not flows: each value is the figure at the moment of the change that produced it, filed under the
 * YEAR (Kazakhstan time) of that change's event time. The compacted topic keeps the latest value per year, i.e. the
 * year-end figure for past years and the current figure for this year. Built from the public compacted state topics
 * (the same state transfer other services use), as KTable aggregations with subtractors, so an update or a revocation
 * moves the counts down as well as up.
 *
 * <p>The re-groupings by scope go through repartition topics the DSL decodes itself: a record there that does not decode
 * is quarantined by the platform's deserialization handler to {@code <application id>-<name>-repartition-rejected}
 * (outside the task's transaction: the DSL has no step between a table's re-grouping and its aggregation).
 */
public final class PermitKpiTopology implements StreamsTopology {

    /** Name of the permitted series' aggregation (its store, its repartition topic's prefix). */
    static final String PERMITTED = "permit-kpi-permitted";
    /** The last value published per KPI key of the permitted series, so that only changed figures are sent. */
    static final String PERMITTED_PUBLISHED = "permit-kpi-permitted-published";
    /** The one key the permitted series is summed under. */
    private static final String PERMITTED_SERIES = "emissions.permitted.tonnes";

    private final ZoneId zone;

    public PermitKpiTopology(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public void build(StreamsBuilder builder) {
        // The state topics as tables; a record that does not decode leaves the facility's previous value in place.
        KTable<String, Facility> facilities = Inputs.table(builder, PermitTopics.FACILITIES, "permit-kpi-facilities");
        KTable<String, Permit> permits = Inputs.table(builder, PermitTopics.PERMITS, "permit-kpi-permits");

        // Active permits: a status change to anything but ACTIVE retracts the permit from its counts.
        KTable<String, Permit> active = permits.filter((facilityId, permit) -> PermitKpiRules.isActive(permit),
                Named.as("permit-kpi-active"));
        publish(countBy(active, "permit-kpi-active-total", (id, permit) -> KpiScopes.NATIONAL),
                "permit-kpi-active-total");
        publish(countBy(active, "permit-kpi-active-by-type",
                (id, permit) -> PermitKpiRules.permitTypeScope(permit.getType())), "permit-kpi-active-by-type");

        // KEP coverage: each facility with its current permit (or none), counted per coverage scope.
        KTable<String, FacilityPermit> facts = facilities.leftJoin(permits, FacilityPermit::new,
                Named.as("permit-kpi-facility-with-permit"));
        for (String scope : PermitKpiRules.COVERAGE_SCOPES) {
            String name = "permit-kpi-coverage-" + scope.replace(':', '-').toLowerCase(java.util.Locale.ROOT);
            KTable<String, Long> inScope = countBy(
                    facts.filter(inScope(scope), Named.as(name + "-in-scope")), name + "-in-scope-count",
                    (id, fact) -> scope);
            KTable<String, Long> covered = countBy(
                    facts.filter(inScope(scope).and((id, fact) -> PermitKpiRules.holdsActiveKep(fact.permit())),
                            Named.as(name + "-covered")),
                    name + "-covered-count", (id, fact) -> scope);
            KStream<String, Coverage> changes = inScope
                    .leftJoin(covered, (all, holding) -> new Coverage(all, holding == null ? 0 : holding),
                            Named.as(name + "-ratio"))
                    .toStream(Named.as(name + "-changes"));
            changes.processValues(() -> new ToKpiValue<>(PermitKpis.KEP_COVERAGE, zone,
                    c -> PermitKpiRules.coveragePct(c.holding(), c.all()), Coverage::all), Named.as(name + "-kpi"))
                    .selectKey((scopeKey, value) -> KpiKeys.key(value), Named.as(name + "-key"))
                    .to(PlatformTopics.KPI_VALUES.name(), PlatformTopics.KPI_VALUES.produced()
                            .withName(name + "-write"));
        }

        // The permitted series: each facility's t/yr limits in force, summed under one key (a few thousand
        // facilities at most), then published per scope whose figure changed.
        Serde<PermittedTonnes> permittedSerde = AvroSerdes.of(PermittedTonnes.class);
        KTable<String, PermittedTonnes> permitted = facts
                .groupBy((facilityId, fact) -> KeyValue.pair(PERMITTED_SERIES, contribution(fact)),
                        Grouped.with(PERMITTED + "-by-series", Serdes.String(), permittedSerde))
                .aggregate(() -> new PermittedTonnes(new HashMap<>(), 0L),
                        (key, contribution, total) -> PermitKpiTopology.add(total, contribution, 1),
                        (key, contribution, total) -> PermitKpiTopology.add(total, contribution, -1),
                        Named.as(PERMITTED), Materialized.<String, PermittedTonnes, KeyValueStore<Bytes, byte[]>>as(
                                PERMITTED).withKeySerde(Serdes.String()).withValueSerde(permittedSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PERMITTED_PUBLISHED),
                Serdes.String(), Serdes.Long()));
        permitted.toStream(Named.as(PERMITTED + "-changes"))
                .filter((key, total) -> total != null, Named.as(PERMITTED + "-present"))
                .process(() -> new PermittedKpiValues(zone), Named.as(PERMITTED + "-kpi"), PERMITTED_PUBLISHED)
                .to(PlatformTopics.KPI_VALUES.name(), PlatformTopics.KPI_VALUES.produced()
                        .withName(PERMITTED + "-write"));
    }

    /** A facility's contribution to the permitted series (empty without an active permit). */
    static PermittedTonnes contribution(FacilityPermit fact) {
        Map<String, Long> grams = fact == null ? Map.of()
                : PermitKpiRules.permittedGrams(fact.facility(), fact.permit());
        return new PermittedTonnes(new HashMap<>(grams), grams.isEmpty() ? 0L : 1L);
    }

    /**
     * The total with a contribution added ({@code sign} 1) or taken away (-1). Whole grams, so a permit issued and
     * revoked again restores the total exactly; a scope that falls to zero stays, so its KPI is published as 0.
     */
    static PermittedTonnes add(PermittedTonnes total, PermittedTonnes contribution, int sign) {
        Map<String, Long> grams = new TreeMap<>(total.getGramsByScope());
        contribution.getGramsByScope().forEach((scope, g) -> grams.merge(scope, sign * g, Micros::plus));
        return new PermittedTonnes(new HashMap<>(grams),
                Math.addExact(total.getFacilities(), sign * contribution.getFacilities()));
    }

    private void publish(KTable<String, Long> counts, String name) {
        counts.toStream(Named.as(name + "-changes"))
                .filter((scope, count) -> count != null, Named.as(name + "-present"))
                .processValues(() -> new ToKpiValue<Long>(PermitKpis.ACTIVE_COUNT, zone, count -> count, count -> count),
                        Named.as(name + "-kpi"))
                .selectKey((scope, kpiValue) -> KpiKeys.key(kpiValue), Named.as(name + "-key"))
                .to(PlatformTopics.KPI_VALUES.name(), PlatformTopics.KPI_VALUES.produced().withName(name + "-write"));
    }

    private static <V> KTable<String, Long> countBy(KTable<String, V> table, String name,
            BiFunction<String, V, String> scopeOf) {
        // Re-key each facility under its scope; the facilityId rides along so the count can subtract it again.
        return table.groupBy((facilityId, value) -> KeyValue.pair(scopeOf.apply(facilityId, value), facilityId),
                Grouped.with(name + "-by-scope", Serdes.String(), Serdes.String()))
                .count(Named.as(name), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(name)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()));
    }

    private static ScopePredicate inScope(String scope) {
        return new ScopePredicate(scope, null);
    }

    /**
     * Publishes the permitted series per scope for the YEAR of the change (its event time), only where the figure
     * differs from the one last published for that scope and year.
     */
    private static final class PermittedKpiValues implements Processor<String, PermittedTonnes, String, KpiValue> {
        private final ZoneId zone;
        private ProcessorContext<String, KpiValue> context;
        private KeyValueStore<String, Long> published;

        PermittedKpiValues(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public void init(ProcessorContext<String, KpiValue> processorContext) {
            this.context = processorContext;
            this.published = processorContext.getStateStore(PERMITTED_PUBLISHED);
        }

        @Override
        public void process(Record<String, PermittedTonnes> record) {
            Instant asOf = Instant.ofEpochMilli(record.timestamp());
            KpiPeriod year = KpiPeriods.containing(KpiGranularity.YEAR, asOf, zone);
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            for (Map.Entry<String, Long> scope : new TreeMap<>(record.value().getGramsByScope()).entrySet()) {
                KpiDefinition kpi = PermitKpis.PERMITTED_TONNES;
                String key = kpi.key(scope.getKey(), year);
                if (scope.getValue().equals(published.get(key))) {
                    continue;
                }
                published.put(key, scope.getValue());
                context.forward(record.withKey(key).withValue(kpi.value(scope.getKey(), year,
                        Micros.toDouble(scope.getValue()), null, null,
                        record.value().getFacilities(), asOf, now)));
            }
        }
    }

    /** A facility and its current permit (null when it holds none); never serialised. */
    record FacilityPermit(Facility facility, Permit permit) {
    }

    /** Facilities in a coverage scope, and how many of them hold an active KEP. */
    record Coverage(long all, long holding) {
    }

    /** A facility-in-scope test, optionally narrowed by a second condition. */
    private record ScopePredicate(String scope, BiPredicate<String, FacilityPermit> also)
            implements Predicate<String, FacilityPermit> {
        @Override
        public boolean test(String id, FacilityPermit fact) {
            return fact != null && PermitKpiRules.coverageScopesOf(fact.facility()).contains(scope)
                    && (also == null || also.test(id, fact));
        }

        ScopePredicate and(BiPredicate<String, FacilityPermit> condition) {
            return new ScopePredicate(scope, condition);
        }
    }

    /**
     * Turns an aggregate keyed by scope into the KPI value for the YEAR of the change that produced it; the record's
     * timestamp (the event time of the newest input) is the value's dataAsOf.
     */
    private static final class ToKpiValue<V> implements FixedKeyProcessor<String, V, KpiValue> {
        private final KpiDefinition kpi;
        private final ZoneId zone;
        private final ToDoubleFunction<V> value;
        private final ToLongFunction<V> inputs;
        private FixedKeyProcessorContext<String, KpiValue> context;

        ToKpiValue(KpiDefinition kpi, ZoneId zone, ToDoubleFunction<V> value,
                ToLongFunction<V> inputs) {
            this.kpi = kpi;
            this.zone = zone;
            this.value = value;
            this.inputs = inputs;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, KpiValue> processorContext) {
            this.context = processorContext;
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            Instant asOf = Instant.ofEpochMilli(record.timestamp());
            KpiValue kpiValue = kpi.value(record.key(), KpiPeriods.containing(KpiGranularity.YEAR, asOf, zone),
                    value.applyAsDouble(record.value()), null, null, inputs.applyAsLong(record.value()), asOf,
                    Instant.ofEpochMilli(context.currentSystemTimeMs()));
            context.forward(record.withValue(kpiValue));
        }
    }
}

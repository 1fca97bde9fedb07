package kz.taza.platform.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.schemas.KpiKeys;

/**
 * One KPI of the catalogue: its id, what it means, its unit, the granularities and scopes it is published at, the
 * targets the programme sets for it and the service that owns (alone writes) it. It is also the one way Taza turns a
 * computed figure into a {@link KpiValue} and its key on {@code kpi.values.v1}: {@link #value} takes the target from
 * the definition and refuses a scope or granularity the definition does not declare, so a topology that publishes
 * something the catalogue does not say fails its tests instead of surprising an analyst.
 *
 * <p>Definitions of a domain live in its contract ({@code kz.taza.contracts.<domain>}); this class knows no domain.
 */
public final class KpiDefinition {

    private final String id;
    private final String meaning;
    private final KpiUnit unit;
    private final Set<KpiGranularity> granularities;
    private final List<String> scopes;
    private final List<KpiTarget> targets;
    private final String owner;

    private KpiDefinition(Builder b) {
        this.id = require(b.id, "id", b.id);
        if (!b.id.matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+")) {
            throw new IllegalArgumentException("KPI id '" + b.id + "' is not <area>.<name>[.<qualifier>] in lower case");
        }
        this.meaning = require(b.meaning, "meaning", b.id);
        this.unit = Objects.requireNonNull(b.unit, () -> "unit of " + b.id);
        if (b.granularities.isEmpty() || b.granularities.contains(KpiGranularity.UNKNOWN)) {
            throw new IllegalArgumentException("KPI " + b.id + " needs the granularities it is published at");
        }
        this.granularities = Collections.unmodifiableSet(EnumSet.copyOf(b.granularities));
        if (b.scopes.isEmpty()) {
            throw new IllegalArgumentException("KPI " + b.id + " needs the scopes it is published for");
        }
        for (String scope : b.scopes) {
            if (!KpiScopePattern.isPattern(scope)) {
                throw new IllegalArgumentException("KPI " + b.id + ": '" + scope + "' is not a scope pattern");
            }
        }
        this.scopes = List.copyOf(b.scopes);
        for (KpiTarget target : b.targets) {
            if (target.scope() != null && scopes.stream().noneMatch(s -> KpiScopePattern.covers(s, target.scope()))) {
                throw new IllegalArgumentException("KPI " + b.id + " has a target for scope " + target.scope()
                        + ", which it is not published for");
            }
            if (target.granularity() != null && !granularities.contains(target.granularity())) {
                throw new IllegalArgumentException("KPI " + b.id + " has a target for " + target.granularity()
                        + ", which it is not published at");
            }
        }
        this.targets = List.copyOf(b.targets);
        this.owner = require(b.owner, "owner", b.id);
    }

    /** Starts the definition of a KPI. */
    public static Builder kpi(String id) {
        return new Builder(id);
    }

    /** For example {@code emissions.reported.change_pct}. */
    public String id() {
        return id;
    }

    /** One sentence for analysts: what the value counts or measures. */
    public String meaning() {
        return meaning;
    }

    public KpiUnit unit() {
        return unit;
    }

    /** The granularities values are published at, in the order of {@link KpiGranularity}. */
    public Set<KpiGranularity> granularities() {
        return granularities;
    }

    /** The scope patterns values are published for, in the order the definition lists them. */
    public List<String> scopes() {
        return scopes;
    }

    /** The targets the programme sets; empty when it sets none. */
    public List<KpiTarget> targets() {
        return targets;
    }

    /** The service that computes and publishes the KPI, e.g. {@code emission-service}. */
    public String owner() {
        return owner;
    }

    /** Whether values are published for this scope. */
    public boolean declaresScope(String scope) {
        return scopes.stream().anyMatch(pattern -> KpiScopePattern.matches(pattern, scope));
    }

    /** Whether values are published at this granularity. */
    public boolean declaresGranularity(KpiGranularity granularity) {
        return granularities.contains(granularity);
    }

    /** The target of the value for a scope and granularity (the first target that applies), or {@code null}. */
    public Double target(String scope, KpiGranularity granularity) {
        for (KpiTarget target : targets) {
            if (target.appliesTo(scope, granularity)) {
                return target.value();
            }
        }
        return null;
    }

    /** The key of this KPI's value for a scope and period: {@code kpiId|scope|period}. */
    public String key(String scope, KpiPeriod period) {
        return KpiKeys.key(id, scope, period);
    }

    /**
     * A value of this KPI, with its unit and target from the definition; {@code baseline} and {@code changePct} are
     * {@code null} where they do not apply.
     *
     * @throws IllegalArgumentException when the definition does not declare the scope or the period's granularity
     */
    public KpiValue value(String scope, KpiPeriod period, double value, Double baseline, Double changePct,
            long inputEvents, Instant dataAsOf, Instant computedAt) {
        if (!declaresScope(scope)) {
            throw new IllegalArgumentException("KPI " + id + " is not published for scope " + scope + " (declared: "
                    + scopes + ")");
        }
        if (!declaresGranularity(period.getGranularity())) {
            throw new IllegalArgumentException("KPI " + id + " is not published at " + period.getGranularity()
                    + " (declared: " + granularities() + ")");
        }
        return KpiValue.newBuilder()
                .setKpiId(id)
                .setScope(scope)
                .setPeriod(period)
                .setValue(value)
                .setUnit(unit.wire())
                .setTarget(target(scope, period.getGranularity()))
                .setBaseline(baseline)
                .setChangePct(changePct)
                .setInputEvents(inputEvents)
                .setDataAsOf(dataAsOf)
                .setComputedAt(computedAt)
                .build();
    }

    /**
     * What is wrong with a record that claims to be a value of this KPI: its id, unit, scope, granularity or target
     * differ from the definition. Empty when the record is as the catalogue says.
     */
    public List<String> problemsWith(KpiValue value) {
        List<String> problems = new ArrayList<>();
        String key = KpiKeys.key(value);
        if (!id.equals(value.getKpiId())) {
            problems.add(key + ": not a value of " + id);
        }
        if (!unit.wire().equals(value.getUnit())) {
            problems.add(key + ": unit " + value.getUnit() + ", the catalogue says " + unit.wire());
        }
        if (!declaresScope(value.getScope())) {
            problems.add(key + ": scope " + value.getScope() + " is not among " + scopes);
        }
        KpiGranularity granularity = value.getPeriod().getGranularity();
        if (!declaresGranularity(granularity)) {
            problems.add(key + ": granularity " + granularity + " is not among " + granularities());
        }
        Double target = target(value.getScope(), granularity);
        if (!Objects.equals(target, value.getTarget())) {
            problems.add(key + ": target " + value.getTarget() + ", the catalogue says " + target);
        }
        return problems;
    }

    @Override
    public String toString() {
        return id;
    }

    private static String require(String text, String what, String id) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("KPI " + id + " needs its " + what);
        }
        return text;
    }

    /** Builds a {@link KpiDefinition}; every part but the targets is required. */
    public static final class Builder {
        private final String id;
        private String meaning;
        private KpiUnit unit;
        private final Set<KpiGranularity> granularities = EnumSet.noneOf(KpiGranularity.class);
        private final List<String> scopes = new ArrayList<>();
        private final List<KpiTarget> targets = new ArrayList<>();
        private String owner;

        private Builder(String id) {
            this.id = id;
        }

        /** One sentence for analysts. */
        public Builder meaning(String sentence) {
            this.meaning = sentence;
            return this;
        }

        public Builder unit(KpiUnit kpiUnit) {
            this.unit = kpiUnit;
            return this;
        }

        /** The granularities values are published at. */
        public Builder per(KpiGranularity first, KpiGranularity... more) {
            granularities.add(first);
            granularities.addAll(List.of(more));
            return this;
        }

        /** The scope patterns values are published for, e.g. {@code NATIONAL}, {@code REGION:*}. */
        public Builder scopes(String first, String... more) {
            scopes.add(first);
            scopes.addAll(List.of(more));
            return this;
        }

        /** A target for every value. */
        public Builder target(double value) {
            targets.add(KpiTarget.always(value));
            return this;
        }

        /** A target for the values of one scope pattern and granularity (either {@code null} for every one). */
        public Builder target(double value, String scope, KpiGranularity granularity) {
            targets.add(new KpiTarget(value, scope, granularity));
            return this;
        }

        /** The service that publishes the KPI. */
        public Builder owner(String service) {
            this.owner = service;
            return this;
        }

        public KpiDefinition build() {
            return new KpiDefinition(this);
        }
    }
}

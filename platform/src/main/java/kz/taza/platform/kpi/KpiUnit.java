package kz.taza.platform.kpi;

/**
 * The unit of a KPI's value, target and baseline, with the one spelling it has on the wire ({@code KpiValue.unit}).
 * Percent is {@code pct} everywhere: a reader compares units as text.
 */
public enum KpiUnit {
    /** Tonnes of a pollutant. */
    TONNES("t"),
    /** Percent: 12.5 means 12.5 %. */
    PERCENT("pct"),
    /** A number of things (permits, episodes, inspections, trees). */
    COUNT("count"),
    /** Kazakhstan tenge. */
    TENGE("KZT"),
    /** Hectares. */
    HECTARES("ha");

    private final String wire;

    KpiUnit(String wire) {
        this.wire = wire;
    }

    /** The spelling on {@code kpi.values.v1}. */
    public String wire() {
        return wire;
    }
}

package kz.taza.platform.kpi;

import java.util.Arrays;

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

    /** The unit a record names; an unknown spelling is refused (there is exactly one per unit). */
    public static KpiUnit ofWire(String spelling) {
        return Arrays.stream(values()).filter(u -> u.wire.equals(spelling)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no KPI unit is spelled '" + spelling + "'"));
    }
}

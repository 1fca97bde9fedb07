package kz.taza.contracts.forest;

import java.util.Map;
import java.util.Optional;

import kz.taza.schemas.KpiScopes;

/**
 * Reference data: the area of the state forest fund, the denominator of {@code forest.fire_detection.coverage_pct}.
 *
 * <p><b>Assumption, not a published per-region table.</b> Kazakhstan's state forest fund is commonly given as about
 * 30 million hectares (of which roughly 13–14 million are forest-covered); Taza uses the round 30,000,000 ha
 * nationally [U: not verified against the Forestry Committee's current forest-fund accounting]. No per-region
 * forest-fund areas have been found with a source, so none is set by default and the regional coverage percentage is
 * not published; tree-planting-service accepts per-region (and a different national) area as configuration
 * ({@code taza.forest.forest-fund-hectares.<scope>}), and a scenario that sets them must compute its truth with the
 * same figures.
 */
public final class ForestFund {

    /** The assumed national area of the state forest fund, in hectares. */
    public static final double NATIONAL_HECTARES = 30_000_000d;

    /** The default areas by KPI scope ({@code NATIONAL}; no region is known by default). */
    public static final Map<String, Double> DEFAULT_HECTARES = Map.of(KpiScopes.NATIONAL, NATIONAL_HECTARES);

    private final Map<String, Double> hectaresByScope;

    public ForestFund(Map<String, Double> hectaresByScope) {
        this.hectaresByScope = Map.copyOf(hectaresByScope);
        this.hectaresByScope.forEach((scope, hectares) -> {
            if (!(hectares > 0)) {
                throw new IllegalArgumentException("the forest fund of " + scope + " must be positive, got "
                        + hectares);
            }
        });
    }

    /** The defaults: {@link #NATIONAL_HECTARES} nationally, nothing per region. */
    public static ForestFund defaults() {
        return new ForestFund(DEFAULT_HECTARES);
    }

    /** The forest-fund area of a scope, when known. */
    public Optional<Double> hectares(String scope) {
        return Optional.ofNullable(hectaresByScope.get(scope));
    }

    /** Every area known, by scope. */
    public Map<String, Double> all() {
        return hectaresByScope;
    }
}

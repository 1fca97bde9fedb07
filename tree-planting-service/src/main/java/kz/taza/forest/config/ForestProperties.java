package kz.taza.forest.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import kz.taza.contracts.forest.ForestFund;
import kz.taza.forest.domain.DensityBounds;
import kz.taza.schemas.KpiScopes;
import kz.taza.schemas.Regions;

/**
 * Settings of the tree-planting service ({@code taza.forest.*}, e.g. {@code TAZA_FOREST_DENSITY_MAX_TREES_PER_HECTARE}).
 */
@ConfigurationProperties(prefix = "taza.forest")
public class ForestProperties {

    private final Density density = new Density();
    /** Most plantings one batch request may carry. */
    private int maxBatchSize = 500;
    /**
     * Forest-fund area in hectares by {@code national} or region code ({@code taza.forest.forest-fund-hectares.43});
     * the denominator of the detection coverage percentage. Defaults to {@link ForestFund#DEFAULT_HECTARES} (an
     * assumed national figure, no region).
     */
    private Map<String, Double> forestFundHectares = new LinkedHashMap<>(
            Map.of("national", ForestFund.NATIONAL_HECTARES));

    public Map<String, Double> getForestFundHectares() {
        return forestFundHectares;
    }

    public void setForestFundHectares(Map<String, Double> forestFundHectares) {
        this.forestFundHectares = forestFundHectares;
    }

    /** The configured forest-fund areas by KPI scope; a key that is neither {@code national} nor a region fails. */
    public ForestFund forestFund() {
        Map<String, Double> byScope = new LinkedHashMap<>();
        forestFundHectares.forEach((key, hectares) -> {
            String scope = "national".equalsIgnoreCase(key.strip()) ? KpiScopes.NATIONAL
                    : KpiScopes.region(Regions.byCode(key.strip()).orElseThrow(() -> new IllegalArgumentException(
                            "taza.forest.forest-fund-hectares." + key + ": not 'national' nor a region code")));
            byScope.put(scope, hectares);
        });
        return new ForestFund(byScope);
    }

    public Density getDensity() {
        return density;
    }

    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    /** Plausible trees per hectare of a planting; reports outside are refused. */
    public static class Density {
        private double minTreesPerHectare = DensityBounds.DEFAULT.minTreesPerHectare();
        private double maxTreesPerHectare = DensityBounds.DEFAULT.maxTreesPerHectare();

        public double getMinTreesPerHectare() {
            return minTreesPerHectare;
        }

        public void setMinTreesPerHectare(double minTreesPerHectare) {
            this.minTreesPerHectare = minTreesPerHectare;
        }

        public double getMaxTreesPerHectare() {
            return maxTreesPerHectare;
        }

        public void setMaxTreesPerHectare(double maxTreesPerHectare) {
            this.maxTreesPerHectare = maxTreesPerHectare;
        }

        public DensityBounds toBounds() {
            return new DensityBounds(minTreesPerHectare, maxTreesPerHectare);
        }
    }
}

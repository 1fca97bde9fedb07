package kz.taza.forest.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import kz.taza.forest.domain.DensityBounds;

/**
 * Settings of the tree-planting service ({@code taza.forest.*}, e.g. {@code TAZA_FOREST_DENSITY_MAX_TREES_PER_HECTARE}).
 */
@ConfigurationProperties(prefix = "taza.forest")
public class ForestProperties {

    private final Density density = new Density();
    /** Most plantings one batch request may carry. */
    private int maxBatchSize = 500;

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

package kz.taza.forest.domain;

/**
 * The plausible range of trees per hectare of a planting. Forest-fund plantings run at about 2,000–4,000 trees per
 * hectare; direct seeding of saxaul on the Aral seabed is reckoned far sparser. A figure outside the range is far more
 * likely a typing error (hectares entered as square metres, an extra zero on the count) or a padded report than a real
 * planting, so it is refused rather than counted. Both ends are configurable.
 *
 * @param minTreesPerHectare lowest plausible density, inclusive
 * @param maxTreesPerHectare highest plausible density, inclusive
 */
public record DensityBounds(double minTreesPerHectare, double maxTreesPerHectare) {

    /** 100 to 10,000 trees per hectare. */
    public static final DensityBounds DEFAULT = new DensityBounds(100, 10_000);

    public DensityBounds {
        if (!(minTreesPerHectare > 0) || !(maxTreesPerHectare >= minTreesPerHectare)) {
            throw new IllegalArgumentException("density bounds must satisfy 0 < min <= max, got "
                    + minTreesPerHectare + ".." + maxTreesPerHectare);
        }
    }

    public boolean contains(double treesPerHectare) {
        return treesPerHectare >= minTreesPerHectare && treesPerHectare <= maxTreesPerHectare;
    }
}

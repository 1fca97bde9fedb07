package kz.taza.simulator.scenario;

import java.time.LocalDate;

/**
 * What a scenario is built from: the seed (same seed and sizes, same scenario, byte for byte) and its sizes.
 *
 * @param seed             seed of every random choice
 * @param facilities       facilities of Categories I–III to register (the 50 largest enterprises' Category I
 *                         facilities among them; fewer enterprises when there are few facilities)
 * @param amsDays          days of AMS readings (20-minute intervals) from {@link #amsStart}
 * @param plantingsPerYear tree plantings reported per year 2021–2025 (the yearly totals stay the published ones)
 * @param amsStart         first day of the AMS readings (Kazakhstan time)
 */
public record ScenarioConfig(long seed, int facilities, int amsDays, int plantingsPerYear, LocalDate amsStart) {

    /** The default scenario: a few thousand facilities, two days of AMS readings, 400 plantings a year. */
    public static final ScenarioConfig DEFAULT = new ScenarioConfig(2024L, 2000, 2, 400, LocalDate.of(2025, 11, 3));

    public ScenarioConfig {
        if (facilities < 12) {
            throw new IllegalArgumentException("a scenario needs at least 12 facilities, got " + facilities);
        }
        if (amsDays < 1 || amsDays > 366) {
            throw new IllegalArgumentException("amsDays must be between 1 and 366, got " + amsDays);
        }
        if (plantingsPerYear < 20) {
            throw new IllegalArgumentException("plantingsPerYear must be at least 20 (one per region), got "
                    + plantingsPerYear);
        }
    }

    public ScenarioConfig withSeed(long newSeed) {
        return new ScenarioConfig(newSeed, facilities, amsDays, plantingsPerYear, amsStart);
    }

    public ScenarioConfig withFacilities(int n) {
        return new ScenarioConfig(seed, n, amsDays, plantingsPerYear, amsStart);
    }

    public ScenarioConfig withAmsDays(int days) {
        return new ScenarioConfig(seed, facilities, days, plantingsPerYear, amsStart);
    }

    public ScenarioConfig withPlantingsPerYear(int n) {
        return new ScenarioConfig(seed, facilities, amsDays, n, amsStart);
    }
}

package kz.taza.inspection.domain;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configurable settings of the enforcement rules.
 *
 * @param exceedanceWindow          length of the rolling window of exceedance episodes (30 days): the first episode in
 *                                  it gets a compliance notice, {@code repeatedEpisodes} in it an unscheduled inspection
 * @param repeatedEpisodes          episodes in the window that trigger an unscheduled inspection (3)
 * @param severeRatio               measured/limit ratio from which one episode alone triggers an unscheduled
 *                                  inspection (2.0)
 * @param noticeResponseWorkingDays working days the operator has to answer a compliance notice (10)
 * @param episodeRetention          how long episodes are remembered (before the newest one) to recognise replays and to
 *                                  count exceedances in the risk score (365 days)
 * @param mciKztByYear              the monthly calculation index in tenge per year (2024 3,692; 2025 3,932; 2026 4,325)
 * @param holidays                  public holidays that are not working days, besides Saturdays and Sundays
 * @param zone                      the regulator's zone: "today", and the day of an instant, are taken there
 */
public record EnforcementPolicy(Duration exceedanceWindow, int repeatedEpisodes, double severeRatio,
        int noticeResponseWorkingDays, Duration episodeRetention, Map<Integer, Long> mciKztByYear,
        Set<java.time.LocalDate> holidays, ZoneId zone) {

    public EnforcementPolicy {
        Objects.requireNonNull(exceedanceWindow, "exceedanceWindow");
        Objects.requireNonNull(episodeRetention, "episodeRetention");
        if (repeatedEpisodes < 1) {
            throw new IllegalArgumentException("repeatedEpisodes must be at least 1");
        }
        if (severeRatio <= 1.0) {
            throw new IllegalArgumentException("severeRatio must be above 1.0 (an exceedance has a ratio above 1)");
        }
        if (episodeRetention.compareTo(exceedanceWindow) < 0) {
            throw new IllegalArgumentException("episodeRetention must be at least the exceedance window");
        }
        mciKztByYear = Map.copyOf(mciKztByYear);
        holidays = Set.copyOf(holidays);
        Objects.requireNonNull(zone, "zone");
    }

    /**
     * The published settings: 30 days, 3 episodes, ratio 2.0, 10 working days, MCI 2024-2026, Kazakhstan's statutory
     * holidays, UTC+05:00.
     */
    public static EnforcementPolicy defaults() {
        return new EnforcementPolicy(Duration.ofDays(30), 3, 2.0, 10, Duration.ofDays(365),
                Map.of(2024, 3_692L, 2025, 3_932L, 2026, 4_325L),
                KazakhstanHolidays.between(2000, 2099, KazakhstanHolidays.KURBAN_AIT.values(), Set.of()),
                ZoneOffset.ofHours(5));
    }

    /** The MCI of a year in tenge, if it is configured. */
    public Optional<Long> mciKzt(int year) {
        return Optional.ofNullable(mciKztByYear.get(year));
    }
}

package kz.taza.emission.topology;

import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.emission.domain.LimitKind;

/**
 * What the pipeline keeps about one series (a source's pollutant) inside its source's record: the newest interval
 * taken in, what was counted for the intervals of the newest block ({@link KpiContributions}), where the series
 * stands against each kind of limit ({@link ExceedanceEpisodes}: one episode per {@link LimitKind}), and the tonnes of
 * its VALID intervals in the newest calendar year (Kazakhstan time) it has counted, for the annual mass limit.
 */
final class SeriesState {

    /** No interval taken in yet. */
    static final long NEVER = Long.MIN_VALUE;

    long newestStart = NEVER;
    /** The newest block of counted intervals (the one holding {@link #newestStart}); null before the first. */
    CountedIntervals recent;
    /** The episode against the concentration (mg/Nm3) limit. */
    ExceedanceEpisode episode = new ExceedanceEpisode();
    /** The episode against the mass-rate (g/s) limit. */
    ExceedanceEpisode massRate = new ExceedanceEpisode();
    /** The episode against the annual mass (t/yr) limit. */
    ExceedanceEpisode annualMass = new ExceedanceEpisode();
    /** First day (epoch day) of the calendar year whose tonnes {@link #yearGrams} holds; {@link #NEVER} before. */
    long yearStartDay = NEVER;
    /** The tonnes of the VALID intervals counted in that year, in millionths (grams; {@link kz.taza.platform.kpi.Micros}). */
    long yearGrams;

    ExceedanceEpisode episode(LimitKind kind) {
        return switch (kind) {
            case CONCENTRATION -> episode;
            case MASS_RATE -> massRate;
            case ANNUAL_MASS -> annualMass;
        };
    }

    /**
     * Counts the change of a VALID interval's grams (a new interval, or a correction's difference) in its year: a
     * newer year starts the year's tonnes again; an older year's change is dropped (its comparison is over).
     */
    void countInYear(long intervalYearStartDay, long gramsDelta) {
        if (intervalYearStartDay > yearStartDay) {
            yearStartDay = intervalYearStartDay;
            yearGrams = gramsDelta;
        } else if (intervalYearStartDay == yearStartDay) {
            yearGrams += gramsDelta;
        }
    }
}

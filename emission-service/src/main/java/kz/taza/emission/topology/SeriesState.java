package kz.taza.emission.topology;

import kz.taza.emission.domain.ExceedanceEpisode;

/**
 * What the pipeline keeps about one series (a source's pollutant) inside its source's record: the newest interval
 * taken in, what was counted for the intervals of the newest block ({@link KpiContributions}), and where the series
 * stands against its limit ({@link ExceedanceEpisodes}).
 */
final class SeriesState {

    /** No interval taken in yet. */
    static final long NEVER = Long.MIN_VALUE;

    long newestStart = NEVER;
    /** The newest block of counted intervals (the one holding {@link #newestStart}); null before the first. */
    CountedIntervals recent;
    ExceedanceEpisode episode = new ExceedanceEpisode();
}

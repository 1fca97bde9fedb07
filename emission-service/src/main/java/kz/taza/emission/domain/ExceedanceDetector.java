package kz.taza.emission.domain;

/**
 * Turns the VALID intervals of one source and pollutant into exceedance episodes of one kind of limit
 * ({@link LimitKind}; each kind is its own series, with its own {@link ExceedanceEpisode}). The value compared is the
 * kind's: the concentration, the mass rate, or the tonnes of the year so far. An interval above the limit in
 * force (strictly: exactly at the limit is not an exceedance) starts an episode unless one is open; further intervals
 * above it belong to the same episode; the first VALID interval at or under the limit ends it, and so does a VALID
 * interval when no limit is in force any more (the permit was suspended, revoked or expired, or the limit removed).
 * When the permit is amended mid-episode, later intervals are compared with the new limit.
 *
 * <p>Only intervals newer than the newest one compared count: a late or repeated interval cannot rewrite episodes
 * that were already published. Intervals that are not VALID are never given to the detector. Allocates nothing.
 */
public final class ExceedanceDetector {

    /** What an interval did to the episode. */
    public enum Transition {
        /** Nothing to publish (state may still have advanced). */
        NONE,
        /** Older than (or the same as) the newest interval compared: ignored, state unchanged. */
        STALE,
        /** An episode started with this interval. */
        STARTED,
        /** The open episode ended: this interval is at or under the limit. */
        ENDED_BACK_UNDER,
        /** The open episode ended: no limit is in force any more. */
        ENDED_NO_LIMIT,
        /** The open annual-mass episode ended: the interval is of a new calendar year. */
        ENDED_YEAR
    }

    private ExceedanceDetector() {
    }

    /**
     * Advances the state by one VALID interval.
     *
     * @param measured   the interval's value in the kind's unit
     * @param limit      the limit of the kind in force, or {@link PermitLimits#NONE}
     * @param permitId   the permit the limit comes from (used when an episode starts)
     * @param episodeId  supplies the id of an episode that starts (called only then)
     */
    public static Transition apply(ExceedanceEpisode state, long intervalStart, double measured,
            double limit, String permitId, java.util.function.LongFunction<String> episodeId) {
        if (state.lastComparedStart != ExceedanceEpisode.NEVER && intervalStart <= state.lastComparedStart) {
            return Transition.STALE;
        }
        state.lastComparedStart = intervalStart;
        state.lastMeasured = measured;
        if (!PermitLimits.inForce(limit)) {
            return state.open ? close(state, intervalStart, Transition.ENDED_NO_LIMIT) : Transition.NONE;
        }
        if (measured > limit) {
            state.limitNow = limit;
            state.measuredNow = measured;
            if (state.open) {
                state.intervalsAbove++;
                state.peak = Math.max(state.peak, measured);
                return Transition.NONE;
            }
            state.open = true;
            state.episodeId = episodeId.apply(intervalStart);
            state.permitId = permitId;
            state.limit = limit;
            state.startedAt = intervalStart;
            state.intervalsAbove = 1;
            state.peak = measured;
            state.excessTonnes = 0.0;
            state.peakConcentrationMgNm3 = 0.0;
            return Transition.STARTED;
        }
        return state.open ? close(state, intervalStart, Transition.ENDED_BACK_UNDER) : Transition.NONE;
    }

    /**
     * Ends the open episode at a VALID interval newer than the newest compared, without comparing it: the annual
     * mass's year ended. The interval counts as compared. Returns {@link Transition#STALE} for an older interval and
     * {@link Transition#NONE} when no episode is open (nothing changes then).
     */
    public static Transition endYear(ExceedanceEpisode state, long intervalStart, double measured) {
        if (state.lastComparedStart != ExceedanceEpisode.NEVER && intervalStart <= state.lastComparedStart) {
            return Transition.STALE;
        }
        if (!state.open) {
            return Transition.NONE;
        }
        state.lastComparedStart = intervalStart;
        state.lastMeasured = measured;
        return close(state, intervalStart, Transition.ENDED_YEAR);
    }

    /**
     * Records what an interval above the limit (one whose {@link #apply} left the episode open) adds to the episode:
     * its concentration, and its tonnes above the limit, summed over the intervals ({@code cumulative} false: the
     * mass rate) or replacing the figure (true: the annual mass, whose excess is the year's tonnes above the limit).
     */
    public static void above(ExceedanceEpisode state, double concentrationMgNm3, double excessTonnes,
            boolean cumulative) {
        state.peakConcentrationMgNm3 = Math.max(state.peakConcentrationMgNm3, concentrationMgNm3);
        state.excessTonnes = cumulative ? excessTonnes : state.excessTonnes + excessTonnes;
    }

    private static Transition close(ExceedanceEpisode state, long intervalStart, Transition how) {
        state.open = false;
        state.endedAt = intervalStart;
        return how;
    }
}

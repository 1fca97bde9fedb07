package kz.taza.emission.domain;

/**
 * Turns the VALID intervals of one source and pollutant into exceedance episodes. An interval above the limit in
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
        ENDED_NO_LIMIT
    }

    private ExceedanceDetector() {
    }

    /**
     * Advances the state by one VALID interval.
     *
     * @param limitMgNm3 the limit in force, or {@link PermitLimits#NONE}
     * @param permitId   the permit the limit comes from (used when an episode starts)
     * @param episodeId  supplies the id of an episode that starts (called only then)
     */
    public static Transition apply(ExceedanceEpisode state, long intervalStart, double measuredMgNm3,
            double limitMgNm3, String permitId, java.util.function.LongFunction<String> episodeId) {
        if (state.lastComparedStart != ExceedanceEpisode.NEVER && intervalStart <= state.lastComparedStart) {
            return Transition.STALE;
        }
        state.lastComparedStart = intervalStart;
        state.lastMeasuredMgNm3 = measuredMgNm3;
        if (!PermitLimits.inForce(limitMgNm3)) {
            return state.open ? close(state, intervalStart, Transition.ENDED_NO_LIMIT) : Transition.NONE;
        }
        if (measuredMgNm3 > limitMgNm3) {
            if (state.open) {
                state.intervalsAbove++;
                state.peakMgNm3 = Math.max(state.peakMgNm3, measuredMgNm3);
                return Transition.NONE;
            }
            state.open = true;
            state.episodeId = episodeId.apply(intervalStart);
            state.permitId = permitId;
            state.limitMgNm3 = limitMgNm3;
            state.startedAt = intervalStart;
            state.intervalsAbove = 1;
            state.peakMgNm3 = measuredMgNm3;
            return Transition.STARTED;
        }
        return state.open ? close(state, intervalStart, Transition.ENDED_BACK_UNDER) : Transition.NONE;
    }

    private static Transition close(ExceedanceEpisode state, long intervalStart, Transition how) {
        state.open = false;
        state.endedAt = intervalStart;
        return how;
    }
}

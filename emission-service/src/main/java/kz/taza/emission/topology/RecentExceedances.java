package kz.taza.emission.topology;

import java.util.ArrayList;
import java.util.List;

/** The most recent exceedance episodes of one facility, newest first, bounded in length. */
public record RecentExceedances(List<ExceedanceRecord> episodes) {

    /** Adds or replaces (same episodeId) an episode at the front, keeping at most {@code max}. */
    RecentExceedances with(ExceedanceRecord episode, int max) {
        List<ExceedanceRecord> list = new ArrayList<>(Math.min(max, episodes.size() + 1));
        list.add(episode);
        for (ExceedanceRecord e : episodes) {
            if (list.size() >= max) {
                break;
            }
            if (!e.episodeId().equals(episode.episodeId())) {
                list.add(e);
            }
        }
        return new RecentExceedances(List.copyOf(list));
    }
}

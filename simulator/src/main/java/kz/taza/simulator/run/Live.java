package kz.taza.simulator.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model;
import kz.taza.simulator.scenario.Scenario.Reading;
import kz.taza.simulator.scenario.Scenario;

/**
 * AMS readings flowing continuously on an accelerated clock until the process is stopped. The clock starts
 * {@code lookbackHours} before now and runs {@code speed} times faster than the wall clock until it has caught up with
 * now, then in real time (the emission service refuses intervals in the future). Every AMS source sends its interval
 * when the clock passes the interval's end; now and then (about one interval in {@code 1/episodeChance}) a source
 * starts an exceedance of a few intervals.
 */
public final class Live {

    private final Scenario scenario;
    private final Replay replay;
    private final Progress progress;
    private final double speed;
    private final long lookbackHours;
    private final double episodeChance;

    public Live(Scenario scenario, Replay replay, Progress progress, double speed, long lookbackHours,
            double episodeChance) {
        this.scenario = scenario;
        this.replay = replay;
        this.progress = progress;
        this.speed = speed;
        this.lookbackHours = lookbackHours;
        this.episodeChance = episodeChance;
    }

    /** Runs until interrupted. */
    public void run() throws InterruptedException {
        long intervalMs = Scenario.INTERVAL_MINUTES * 60_000L;
        long wallStart = System.currentTimeMillis();
        long simStart = (wallStart - lookbackHours * 3_600_000L) / intervalMs * intervalMs;
        progress.phase(String.format(java.util.Locale.ROOT, "live: AMS readings from %s at %.0fx until stopped",
                Instant.ofEpochMilli(simStart), speed));
        SplittableRandom random = new SplittableRandom(scenario.config().seed() ^ 0x5EEDL);
        Map<String, int[]> episodes = new LinkedHashMap<>();
        long next = simStart;
        while (!Thread.currentThread().isInterrupted()) {
            long wall = System.currentTimeMillis();
            long simNow = Math.min(wall, simStart + (long) ((wall - wallStart) * speed));
            if (next + intervalMs > simNow) {
                Thread.sleep(Math.max(10, (long) ((next + intervalMs - simNow) / Math.max(1.0, speed))));
                continue;
            }
            Instant start = Instant.ofEpochMilli(next);
            int sequence = (int) (next / intervalMs);
            int slotOfDay = (int) Math.floorMod(next + 5 * 3_600_000L, 86_400_000L) / (int) intervalMs;
            Map<String, List<Reading>> byFacility = new LinkedHashMap<>();
            for (AmsSource s : scenario.amsSources()) {
                List<Reading> readings = new ArrayList<>(scenario.readingsAt(s, sequence, start, slotOfDay));
                exceed(random, episodes, s, readings);
                byFacility.computeIfAbsent(s.facilityId(), k -> new ArrayList<>()).addAll(readings);
            }
            replay.parallel(new ArrayList<>(byFacility.entrySet()), e -> replay.postReadings(e.getKey(),
                    e.getValue()));
            next += intervalMs;
        }
    }

    /** Live exceedances: a source with limits now and then goes above one limit for 1–3 intervals. */
    private void exceed(SplittableRandom random, Map<String, int[]> episodes, AmsSource s, List<Reading> readings) {
        if (s.limitMgNm3().isEmpty()) {
            return;
        }
        String key = s.facilityId() + "/" + s.sourceId();
        int[] open = episodes.get(key);
        if (open == null && random.nextDouble() < episodeChance) {
            open = new int[] {random.nextInt(Model.POLLUTANTS.size()), 1 + random.nextInt(3)};
            episodes.put(key, open);
        }
        if (open == null) {
            return;
        }
        String pollutant = Model.POLLUTANTS.get(open[0]);
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            if (r.pollutant().equals(pollutant) && "VALID".equals(r.status())) {
                readings.set(i, new Reading(r.facilityId(), r.sourceId(), r.pollutant(), r.intervalStart(),
                        r.intervalMinutes(), Math.round(s.limitMgNm3().get(pollutant) * 1.3 * 100) / 100.0,
                        r.flowNm3PerHour(), r.status()));
            }
        }
        if (--open[1] <= 0) {
            episodes.remove(key);
        }
    }
}

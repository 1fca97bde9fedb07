package kz.taza.simulator.scenario;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.DetectionSystem;
import kz.taza.simulator.scenario.Model.Episode;
import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Model.Fire;
import kz.taza.simulator.scenario.Model.FlowSurge;
import kz.taza.simulator.scenario.Model.MaterialLot;
import kz.taza.simulator.scenario.Model.Outage;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Model.Plan;
import kz.taza.simulator.scenario.Model.Planting;
import kz.taza.simulator.scenario.Model.Report;
import kz.taza.simulator.scenario.Model.Survey;

/**
 * A whole scenario, built by {@link ScenarioGenerator}: the registry, permits, annual reports, the AMS sources with
 * their episodes, outages and flow surges, the forest programme (with the nurseries' planting material), forest fires
 * and early fire detection systems. AMS readings are not stored: {@link #readings} computes the
 * readings of one source and interval on demand, from the seed, so any number of days costs no memory.
 */
public record Scenario(ScenarioConfig config, List<Facility> facilities, List<Permit> permits, List<Report> reports,
        List<AmsSource> amsSources, List<Episode> episodes, List<Outage> outages, List<Plan> plans,
        List<Planting> plantings, List<Survey> surveys, List<Fire> fires, List<DetectionSystem> detectionSystems,
        List<MaterialLot> materialLots, Map<String, List<Outage>> outagesBySource,
        Map<String, List<Episode>> episodesBySource, List<FlowSurge> flowSurges,
        Map<String, List<FlowSurge>> surgesBySource) {

    /** A scenario without flow surges or planting material, with its per-source indexes of outages and episodes. */
    public static Scenario of(ScenarioConfig config, List<Facility> facilities, List<Permit> permits,
            List<Report> reports, List<AmsSource> amsSources, List<Episode> episodes, List<Outage> outages,
            List<Plan> plans, List<Planting> plantings, List<Survey> surveys, List<Fire> fires,
            List<DetectionSystem> detectionSystems) {
        return of(config, facilities, permits, reports, amsSources, episodes, outages, plans, plantings, surveys,
                fires, detectionSystems, List.of(), List.of());
    }

    /** A scenario with its per-source indexes of outages, episodes and flow surges. */
    public static Scenario of(ScenarioConfig config, List<Facility> facilities, List<Permit> permits,
            List<Report> reports, List<AmsSource> amsSources, List<Episode> episodes, List<Outage> outages,
            List<Plan> plans, List<Planting> plantings, List<Survey> surveys, List<Fire> fires,
            List<DetectionSystem> detectionSystems, List<MaterialLot> materialLots, List<FlowSurge> flowSurges) {
        Map<String, List<Outage>> outagesBySource = new java.util.HashMap<>();
        outages.forEach(o -> outagesBySource.computeIfAbsent(o.facilityId() + "/" + o.sourceId(),
                k -> new ArrayList<>()).add(o));
        Map<String, List<Episode>> episodesBySource = new java.util.HashMap<>();
        episodes.forEach(e -> episodesBySource.computeIfAbsent(e.facilityId() + "/" + e.sourceId(),
                k -> new ArrayList<>()).add(e));
        return new Scenario(config, List.copyOf(facilities), List.copyOf(permits), List.copyOf(reports),
                List.copyOf(amsSources), List.copyOf(episodes), List.copyOf(outages), List.copyOf(plans),
                List.copyOf(plantings), List.copyOf(surveys), List.copyOf(fires), List.copyOf(detectionSystems),
                List.copyOf(materialLots), Map.copyOf(outagesBySource),
                Map.copyOf(episodesBySource), List.copyOf(flowSurges), surgeIndex(flowSurges));
    }

    private static Map<String, List<FlowSurge>> surgeIndex(List<FlowSurge> surges) {
        Map<String, List<FlowSurge>> bySource = new java.util.HashMap<>();
        surges.forEach(s -> bySource.computeIfAbsent(s.facilityId() + "/" + s.sourceId(),
                k -> new ArrayList<>()).add(s));
        return Map.copyOf(bySource);
    }

    /** Kazakhstan time (UTC+05:00): AMS days start at local midnight. */
    public static final ZoneOffset ZONE = ZoneOffset.ofHours(5);
    /** AMS averaging interval, minutes. */
    public static final int INTERVAL_MINUTES = 20;
    public static final int INTERVALS_PER_DAY = 24 * 60 / INTERVAL_MINUTES;

    /** One AMS interval of one pollutant, as a gateway sends it. */
    public record Reading(String facilityId, String sourceId, String pollutant, Instant intervalStart,
            int intervalMinutes, double concentrationMgNm3, double flowNm3PerHour, String status) {
    }

    public int amsIntervals() {
        return config.amsDays() * INTERVALS_PER_DAY;
    }

    /** Start of an AMS interval (0 = the AMS start day's local midnight). */
    public Instant intervalStart(int interval) {
        return config.amsStart().atStartOfDay().toInstant(ZONE).plusSeconds(60L * INTERVAL_MINUTES * interval);
    }

    /** The Kazakhstan day of an interval. */
    public LocalDate dayOf(int interval) {
        return config.amsStart().plusDays(interval / INTERVALS_PER_DAY);
    }

    /** The readings of a source in an interval: one per pollutant, or none in a gap. */
    public List<Reading> readings(AmsSource source, int interval) {
        return readingsAt(source, interval, intervalStart(interval), interval % INTERVALS_PER_DAY);
    }

    /**
     * The readings of a source for an interval starting at {@code start}: the live mode uses it with its own clock
     * ({@code sequence} seeds the noise, {@code slotOfDay} the daily cycle); episodes and outages of the scenario apply
     * only to the replayed intervals.
     */
    public List<Reading> readingsAt(AmsSource source, int sequence, Instant start, int slotOfDay) {
        Outage outage = null;
        String sourceKey = source.facilityId() + "/" + source.sourceId();
        for (Outage o : outagesBySource.getOrDefault(sourceKey, List.of())) {
            if (sequence >= o.firstInterval() && sequence < o.firstInterval() + o.intervals()) {
                outage = o;
                break;
            }
        }
        if (outage != null && outage.status() == null) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + source.index() * 7_919L
                + sequence);
        // A daily cycle of load (±10%), noise of a few percent, never below zero.
        double load = 1.0 + 0.10 * Math.sin(2 * Math.PI * slotOfDay / INTERVALS_PER_DAY);
        double flow = round(source.flowNm3PerHour() * load * (1 + 0.03 * gaussian(random))
                * surgeFactor(sourceKey, sequence), 0);
        List<Reading> out = new ArrayList<>(Model.POLLUTANTS.size());
        for (String pollutant : Model.POLLUTANTS) {
            double base = source.baseMgNm3().get(pollutant);
            double concentration = base * load * (1 + 0.06 * gaussian(random));
            String status = outage == null ? "VALID" : outage.status();
            Episode episode = episodeAt(sourceKey, pollutant, sequence);
            if (episode != null && outage == null) {
                concentration = source.limitMgNm3().get(pollutant) * episode.ratio() * (1 + 0.01 * gaussian(random));
            }
            out.add(new Reading(source.facilityId(), source.sourceId(), pollutant, start, INTERVAL_MINUTES,
                    round(Math.max(0.0, concentration), 2), flow, status));
        }
        return out;
    }

    /** The flow's factor in an interval: a surge's, or 1. */
    private double surgeFactor(String sourceKey, int interval) {
        for (FlowSurge s : surgesBySource.getOrDefault(sourceKey, List.of())) {
            if (interval >= s.firstInterval() && interval < s.firstInterval() + s.intervals()) {
                return s.factor();
            }
        }
        return 1.0;
    }

    private Episode episodeAt(String sourceKey, String pollutant, int interval) {
        for (Episode e : episodesBySource.getOrDefault(sourceKey, List.of())) {
            if (e.pollutant().equals(pollutant) && interval >= e.firstInterval()
                    && interval < e.firstInterval() + e.intervals()) {
                return e;
            }
        }
        return null;
    }

    /** A standard normal value clipped to ±3, so noise never reaches a limit by chance. */
    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double g = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(-3, Math.min(3, g));
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Facility by id. */
    public Map<String, Facility> facilitiesById() {
        Map<String, Facility> byId = new java.util.LinkedHashMap<>();
        facilities.forEach(f -> byId.put(f.facilityId(), f));
        return byId;
    }
}

package kz.taza.simulator.scenario;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import kz.taza.contracts.permit.AmsObligation;
import kz.taza.contracts.permit.KepDeadlines;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.SourceKind;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Episode;
import kz.taza.simulator.scenario.Model.DetectionSystem;
import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Model.Fire;
import kz.taza.simulator.scenario.Model.MaterialLot;
import kz.taza.simulator.scenario.Model.Fate;
import kz.taza.simulator.scenario.Model.FlowSurge;
import kz.taza.simulator.scenario.Model.Limit;
import kz.taza.simulator.scenario.Model.Outage;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Model.Plan;
import kz.taza.simulator.scenario.Model.Planting;
import kz.taza.simulator.scenario.Model.Report;
import kz.taza.simulator.scenario.Model.Source;
import kz.taza.simulator.scenario.Model.Survey;

/**
 * Builds a plausible Kazakhstan from a seed (see simulator/README.md for the figures and their sources):
 * <ul>
 * <li>facilities in the 20 regions, weighted by each region's share of stationary emissions (Pavlodar and Karaganda
 * the largest), Categories I–III; the 50 largest enterprises (fewer in small scenarios) own 1–3 Category I facilities
 * each, in the heavy-industry regions;</li>
 * <li>sources per facility, each declaring its tonnes; the obligation rule ({@link AmsObligation}: a Category I
 * stack of ≥ 500 t/yr) decides which must have an AMS, and the enterprises' rollout is fitted to the published shares
 * installed and connected ({@link AmsRollout});</li>
 * <li>permits by category (KEP, environmental impact permit, declaration) with limits per source and pollutant; not
 * every Category I facility holds a KEP yet; a few permits are suspended or revoked;</li>
 * <li>reports for 2023 (scaled to ≈ 2.26 Mt nationally) and 2024 calibrated by {@link Calibration}; a few 2023 reports
 * are first sent wrong and corrected later;</li>
 * <li>AMS episodes (one source with three exceedances, one severe, a few single ones) and outages (faults,
 * calibration, maintenance, substituted values, gaps) on separate 4-hour slots, so each episode is unambiguous; a few
 * stack flow surges above the g/s limits and one source's year of readings above its t/yr limit
 * ({@link #massLimitParts});</li>
 * <li>tree plans, plantings and surveys for 2021–2025 summing to the published yearly totals, saxaul on the Aral
 * seabed in Kyzylorda;</li>
 * <li>forest fires 2023–2025 whose final areas sum to the published 116,000 ha burned in 2023 (and assumed totals
 * for 2024 and 2025), a few with a final area corrected later; early fire detection systems covering 1.3 million ha
 * by April 2025 and 5.6 million ha by the end of 2025;</li>
 * <li>planting material prepared in each autumn for the next year's planting (2021–2026): seedlings of 1.1–1.3 times
 * the next year's plan in most regions and short of it in one a year, the Aral seabed's published 2,083 t of seed and
 * 48.7 million saxaul seedlings over 2021–2025, a few lots corrected after losses or a recount.</li>
 * </ul>
 * Everything comes from one {@link SplittableRandom} per concern, seeded from the scenario's seed, and is generated in
 * a fixed order: the same configuration gives the same scenario.
 */
public final class ScenarioGenerator {

    /** Region code, its stationary emissions in kt (2022/2024 statistics, rounded; some estimated), its name. */
    static final Object[][] REGIONS = {
            {"55", 694.0, "Pavlodar"}, {"35", 455.0, "Karaganda"}, {"15", 136.5, "Aktobe"},
            {"23", 132.1, "Atyrau"}, {"63", 95.0, "East Kazakhstan"}, {"11", 69.5, "Akmola"},
            {"62", 60.0, "Ulytau"}, {"31", 52.9, "Zhambyl"}, {"71", 49.1, "Astana"}, {"47", 45.0, "Mangystau"},
            {"75", 43.3, "Almaty"}, {"10", 39.0, "Abai"}, {"39", 35.0, "Kostanay"}, {"79", 29.3, "Shymkent"},
            {"19", 28.8, "Almaty region"}, {"61", 26.3, "Turkistan"}, {"27", 25.8, "West Kazakhstan"},
            {"43", 24.9, "Kyzylorda"}, {"59", 20.0, "North Kazakhstan"}, {"33", 15.4, "Zhetysu"}};
    /** Where the largest enterprises' Category I facilities are. */
    static final String[] HEAVY_REGIONS = {"55", "55", "55", "35", "35", "35", "15", "23", "63", "62", "47", "10"};
    static final String[] TOP_SECTORS = {"energy", "energy", "metallurgy", "metallurgy", "mining", "oil_gas"};
    static final String[] SECTORS = {"energy", "metallurgy", "mining", "oil_gas", "chemicals", "cement",
            "manufacturing", "utilities", "agriculture", "construction"};

    /** Trees planted per year (published: 2021 138 M; 2021–23 839.5 M; 2024 264.9 M; 2025 270 M). */
    public static final long[] TREES_PER_YEAR = {138_000_000L, 350_000_000L, 351_500_000L, 264_900_000L,
            270_000_000L};
    /** Saxaul hectares on the Aral seabed per year (2021 101k, 2022 250k, 2023 194k, 2024 127k, 2025 120k). */
    public static final double[] ARAL_HECTARES_PER_YEAR = {101_000, 250_000, 194_000, 127_000, 120_000};
    public static final int FIRST_YEAR = 2021;
    public static final int YEARS = 5;

    private final ScenarioConfig config;

    public ScenarioGenerator(ScenarioConfig config) {
        this.config = config;
    }

    public static Scenario generate(ScenarioConfig config) {
        return new ScenarioGenerator(config).build();
    }

    private SplittableRandom random(int concern) {
        return new SplittableRandom(config.seed() * 31L + concern);
    }

    Scenario build() {
        List<Facility> raw = facilities();
        Map<String, Double> tonnes2023 = tonnes2023(raw);
        List<Facility> declared = raw.stream().map(f -> f.withSources(declaredSources(f, tonnes2023))).toList();
        AmsRollout rollout = AmsRollout.of(declared);
        List<Facility> facilities = declared.stream().map(f -> f.withSources(rollout.settle(f))).toList();
        List<Permit> permits = permits(facilities, tonnes2023);
        List<Report> reports = reports(facilities, tonnes2023);
        List<AmsSource> amsSources = amsSources(facilities, permits);
        List<Episode> episodes = new ArrayList<>();
        List<Outage> outages = new ArrayList<>();
        amsEvents(amsSources, episodes, outages);
        List<FlowSurge> surges = new ArrayList<>();
        massLimitParts(facilities, permits, amsSources, episodes, outages, surges);
        List<Plan> plans = new ArrayList<>();
        List<Planting> plantings = new ArrayList<>();
        List<Survey> surveys = new ArrayList<>();
        forest(plans, plantings, surveys);
        List<Fire> fires = fires();
        List<DetectionSystem> detectionSystems = detectionSystems();
        List<MaterialLot> materialLots = plantingMaterial(plans);
        return Scenario.of(config, facilities, permits, reports, amsSources, episodes, outages, plans, plantings,
                surveys, fires, detectionSystems, materialLots, surges);
    }

    // ---------------------------------------------------------------- registry

    private List<Facility> facilities() {
        SplittableRandom random = random(1);
        int n = config.facilities();
        int enterprises = Math.max(3, Math.min(50, n / 40));
        List<Facility> out = new ArrayList<>();
        int[] perRegion = new int[REGIONS.length];
        // The largest enterprises first: 1–3 Category I facilities each, in the heavy-industry regions.
        int topFacilities = 0;
        int topBudget = Math.max(enterprises, Math.min(n / 10, enterprises * 2));
        for (int e = 0; e < enterprises && topFacilities < topBudget; e++) {
            int count = 1 + random.nextInt(3);
            String sector = TOP_SECTORS[random.nextInt(TOP_SECTORS.length)];
            String operator = enterpriseName(e, sector);
            String bin = bin(random);
            for (int k = 0; k < count && topFacilities < topBudget; k++) {
                String region = HEAVY_REGIONS[random.nextInt(HEAVY_REGIONS.length)];
                out.add(facility(random, region, perRegion, "I", sector, true, e, operator, bin));
                topFacilities++;
            }
        }
        double[] weights = new double[REGIONS.length];
        double total = 0;
        for (int i = 0; i < REGIONS.length; i++) {
            // Facilities spread more evenly than emissions: half by emissions, half evenly.
            weights[i] = 0.5 * (Double) REGIONS[i][1] / 2_200.0 + 0.5 / REGIONS.length;
            total += weights[i];
        }
        int remaining = n - out.size();
        int cat1 = Math.max(2, remaining * 8 / 100);
        int cat2 = Math.max(2, remaining * 32 / 100);
        for (int i = 0; i < remaining; i++) {
            String category = i < cat1 ? "I" : i < cat1 + cat2 ? "II" : "III";
            String region = pick(random, weights, total);
            String sector = SECTORS[random.nextInt(SECTORS.length)];
            String operator = operatorName(random, sector);
            out.add(facility(random, region, perRegion, category, sector, false, -1, operator, bin(random)));
        }
        return out;
    }

    private Facility facility(SplittableRandom random, String region, int[] perRegion, String category,
            String sector, boolean top50, int enterprise, String operator, String bin) {
        int r = regionIndex(region);
        int number = ++perRegion[r];
        String id = String.format(Locale.ROOT, "KZ-%s-%04d", region, number);
        int sources = switch (category) {
            case "I" -> 2 + random.nextInt(4);
            case "II" -> 1 + random.nextInt(3);
            default -> 1;
        };
        double[] shares = new double[sources];
        double sum = 0;
        for (int i = 0; i < sources; i++) {
            // The first stack is the main one.
            shares[i] = (i == 0 ? 2.0 : 0.4) + random.nextDouble();
            sum += shares[i];
        }
        List<Source> list = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            // kind, tonnes and the AMS obligation are settled once the tonnes are known (declaredSources, AmsRollout).
            list.add(Source.unsettled("STACK-" + (i + 1), (i == 0 ? "Main stack " : "Stack ") + (i + 1),
                    shares[i] / sum));
        }
        String name = (String) REGIONS[r][2] + " " + facilityKind(sector) + " " + number;
        return new Facility(id, bin, operator, name, region, category, sector, top50, enterprise, list,
                pollutantShares(sector));
    }

    private static Map<String, Double> pollutantShares(String sector) {
        double[] s = switch (sector) {
            case "energy" -> new double[] {0.46, 0.20, 0.09, 0.25};
            case "metallurgy" -> new double[] {0.38, 0.12, 0.30, 0.20};
            case "mining", "cement", "construction" -> new double[] {0.10, 0.10, 0.15, 0.65};
            case "oil_gas" -> new double[] {0.30, 0.30, 0.30, 0.10};
            default -> new double[] {0.20, 0.25, 0.30, 0.25};
        };
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < Model.POLLUTANTS.size(); i++) {
            shares.put(Model.POLLUTANTS.get(i), s[i]);
        }
        return shares;
    }

    /** 2023 tonnes per facility: lognormal by category and region, the group at its share, scaled to ≈ 2.26 Mt. */
    private Map<String, Double> tonnes2023(List<Facility> facilities) {
        SplittableRandom random = random(2);
        Map<String, Double> raw = new LinkedHashMap<>();
        double group = 0;
        double rest = 0;
        for (Facility f : facilities) {
            double median = switch (f.category()) {
                case "I" -> f.top50() ? 9_000 : 2_500;
                case "II" -> 120;
                default -> 8;
            };
            double regionFactor = Math.sqrt((Double) REGIONS[regionIndex(f.regionCode())][1] / 60.0);
            double t = median * regionFactor * Math.exp(0.6 * Scenario.gaussian(random));
            raw.put(f.facilityId(), t);
            if (f.top50Cat1()) {
                group += t;
            } else {
                rest += t;
            }
        }
        double groupScale = Calibration.TOP50_CAT1_SHARE_2023 * Calibration.NATIONAL_TONNES_2023 / group;
        double restScale = (1 - Calibration.TOP50_CAT1_SHARE_2023) * Calibration.NATIONAL_TONNES_2023 / rest;
        Map<String, Double> out = new LinkedHashMap<>();
        for (Facility f : facilities) {
            out.put(f.facilityId(), raw.get(f.facilityId()) * (f.top50Cat1() ? groupScale : restScale));
        }
        return out;
    }

    // ---------------------------------------------------------------- permits

    private List<Permit> permits(List<Facility> facilities, Map<String, Double> tonnes) {
        SplittableRandom random = random(3);
        List<Permit> out = new ArrayList<>();
        int serial = 0;
        for (int i = 0; i < facilities.size(); i++) {
            Facility f = facilities.get(i);
            double p = switch (f.category()) {
                case "I" -> f.top50() ? 0.92 : 0.40;
                case "II" -> 0.95;
                default -> 0.90;
            };
            double holdDraw = random.nextDouble();
            // Category I facilities outside the top 50 without a KEP mostly run on a transitional environmental
            // impact permit until they must hold a KEP (KepDeadlines); the top 50 have needed one since 2025.
            boolean transitional = "I".equals(f.category()) && !f.top50() && holdDraw >= p && holdDraw < 0.97;
            boolean holds = holdDraw < p || transitional;
            Fate fate = Fate.ACTIVE;
            double fateDraw = random.nextDouble();
            if (!holds) {
                continue;
            }
            if (!f.top50() && !"I".equals(f.category())) {
                fate = fateDraw < 0.01 ? Fate.REVOKED : fateDraw < 0.03 ? Fate.SUSPENDED : Fate.ACTIVE;
            }
            String type = transitional ? "ENVIRONMENTAL_IMPACT_PERMIT" : switch (f.category()) {
                case "I" -> "KEP";
                case "II" -> "ENVIRONMENTAL_IMPACT_PERMIT";
                default -> "DECLARATION";
            };
            String prefix = transitional ? "EIP" : switch (f.category()) {
                case "I" -> "KEP";
                case "II" -> "EIP";
                default -> "DEC";
            };
            serial++;
            LocalDate from = LocalDate.of(2022 + random.nextInt(3), 1 + random.nextInt(12), 1);
            LocalDate to = transitional ? KepDeadlines.CODE.lastTransitionalDay(false)
                    : from.plusYears("I".equals(f.category()) ? 10 : 8).minusDays(1);
            List<Limit> limits = new ArrayList<>();
            double facilityTonnes = tonnes.get(f.facilityId());
            for (Source s : f.sources()) {
                for (String pollutant : Model.POLLUTANTS) {
                    double tpy = round(facilityTonnes * s.share() * f.pollutantShares().get(pollutant) * 1.3, 3);
                    if (tpy <= 0) {
                        continue;
                    }
                    double gps = round(tpy * 1e6 / (8_760 * 3_600.0), 4);
                    // A transitional permit carries mass limits only: so the AMS part of the scenario (its
                    // episodes against mg/Nm³ limits) is the same on every day, also once it is no longer issued.
                    Double mg = s.amsInstalled() && !transitional ? limitMgNm3(f, pollutant) : null;
                    limits.add(new Limit(s.sourceId(), pollutant, Math.max(gps, 0.0001), tpy, mg));
                }
            }
            List<String> bat = "KEP".equals(type) ? List.of(batFor(f.sector())) : List.of();
            out.add(new Permit(f.facilityId(), String.format(Locale.ROOT, "%s-%s-%05d", prefix, f.regionCode(),
                    serial), type, from, to, limits, bat, fate, transitional));
        }
        return out;
    }

    /**
     * The facility's sources as declared at registration: each an ORGANISED stack declaring its part of the
     * facility's 2023 tonnes (rounded to the tonne), and obliged to have AMS as {@link AmsObligation} decides it (a
     * Category I stack of ≥ 500 t/yr). The scenario declares no power-plant capacity or fuel and no wastewater
     * discharge: its power plants' stacks are obliged by their mass where they reach it (a documented choice; the
     * scenario's facility is a whole industrial site, not a plant with a rated capacity).
     */
    static List<Source> declaredSources(Facility f, Map<String, Double> tonnes) {
        List<Source> out = new ArrayList<>();
        double facilityTonnes = tonnes.get(f.facilityId());
        FacilityCategory category = FacilityCategory.valueOf(f.category());
        for (Source s : f.sources()) {
            double declared = Math.round(facilityTonnes * s.share());
            EmissionSource registered = EmissionSource.newBuilder().setSourceId(s.sourceId()).setName(s.name())
                    .setAmsRequired(false).setAmsInstalled(false).setKind(SourceKind.valueOf(s.kind()))
                    .setDeclaredTonnesPerYear(declared).build();
            boolean required = AmsObligation.obliged(category, registered);
            out.add(new Source(s.sourceId(), s.name(), s.share(), required, false, s.kind(), declared, false));
        }
        return out;
    }

    /**
     * Which obliged enterprises (operators, by BIN) have installed their AMS and which have connected it, fitted to
     * the shares the ministry published (domain facts, section 2: 91 enterprises obliged, 62 installed, 34
     * connected; {@link Calibration#AMS_INSTALLED_SHARE}, {@link Calibration#AMS_CONNECTED_SHARE}). The obliged
     * enterprises are ranked by a hash of their BIN (so the choice shifts no other random draw); the first
     * {@code round(n × 34/91)} have an AMS at every obliged source that sends its readings, the next ones up to
     * {@code round(n × 62/91)} have them installed but send nothing (not connected), the rest have none installed.
     * <b>Assumption</b> (the published figures do not say): an enterprise installs and connects all its obliged
     * sources or none, and a connected one's AMS send readings every day of the scenario.
     */
    record AmsRollout(java.util.Set<String> installed, java.util.Set<String> connected) {

        static AmsRollout of(List<Facility> facilities) {
            List<String> obliged = facilities.stream().filter(f -> f.sources().stream().anyMatch(Source::amsRequired))
                    .map(Facility::operatorBin).distinct()
                    .sorted(java.util.Comparator.comparingInt((String bin) -> Math.floorMod(("ams-rollout-" + bin)
                            .hashCode(), 1_000_003)).thenComparing(bin -> bin))
                    .toList();
            int installed = (int) Math.round(obliged.size() * Calibration.AMS_INSTALLED_SHARE);
            int connected = (int) Math.round(obliged.size() * Calibration.AMS_CONNECTED_SHARE);
            return new AmsRollout(java.util.Set.copyOf(obliged.subList(0, installed)),
                    java.util.Set.copyOf(obliged.subList(0, connected)));
        }

        /** The facility's sources with installation and transmission settled. */
        List<Source> settle(Facility f) {
            boolean hasAms = installed.contains(f.operatorBin());
            boolean sends = connected.contains(f.operatorBin());
            List<Source> out = new ArrayList<>();
            for (Source s : f.sources()) {
                boolean on = s.amsRequired() && hasAms;
                out.add(new Source(s.sourceId(), s.name(), s.share(), s.amsRequired(), on, s.kind(),
                        s.declaredTonnesPerYear(), on && sends));
            }
            return out;
        }
    }

    /** Typical concentration at an AMS, mg/Nm³, by pollutant. */
    static double baseMgNm3(Facility f, String pollutant) {
        double factor = 0.8 + Math.floorMod((f.facilityId() + pollutant).hashCode(), 40) / 100.0;
        double base = switch (pollutant) {
            case "SO2" -> "energy".equals(f.sector()) ? 900 : 450;
            case "NOX" -> 320;
            case "CO" -> 150;
            default -> 60;
        };
        return round(base * factor, 1);
    }

    /** The permit's mg/Nm³ limit: 1.6 times the typical concentration (noise stays far below it). */
    static double limitMgNm3(Facility f, String pollutant) {
        return round(baseMgNm3(f, pollutant) * 1.6, 1);
    }

    private static String batFor(String sector) {
        return switch (sector) {
            case "energy" -> "BAT-KZ-LCP";
            case "metallurgy" -> "BAT-KZ-NFM";
            case "mining" -> "BAT-KZ-MIN";
            case "oil_gas" -> "BAT-KZ-REF";
            default -> "BAT-KZ-GEN";
        };
    }

    // ---------------------------------------------------------------- reports

    private List<Report> reports(List<Facility> facilities, Map<String, Double> tonnes) {
        SplittableRandom random = random(4);
        List<Double> group = new ArrayList<>();
        List<Double> rest = new ArrayList<>();
        double groupTotal = 0;
        double restTotal = 0;
        for (Facility f : facilities) {
            double t = tonnes.get(f.facilityId());
            if (f.top50Cat1()) {
                group.add(t);
                groupTotal += t;
            } else {
                rest.add(t);
                restTotal += t;
            }
        }
        double[] noiseGroup = new double[group.size()];
        for (int i = 0; i < noiseGroup.length; i++) {
            // Some enterprises modernised more than others: 0.5 on average, 0.35–0.65 each.
            noiseGroup[i] = 0.7 + 0.6 * random.nextDouble();
        }
        double[] noiseRest = new double[rest.size()];
        for (int i = 0; i < noiseRest.length; i++) {
            noiseRest[i] = 1 + 0.08 * Scenario.gaussian(random);
        }
        double[] group2024 = Calibration.scaleTo(group, i -> noiseGroup[i], Calibration.groupFactor() * groupTotal);
        double[] rest2024 = Calibration.scaleTo(rest, i -> noiseRest[i],
                Calibration.restFactor(groupTotal, restTotal) * restTotal);
        List<Report> out = new ArrayList<>();
        int gi = 0;
        int ri = 0;
        for (Facility f : facilities) {
            double t23 = tonnes.get(f.facilityId());
            double t24 = f.top50Cat1() ? group2024[gi++] : rest2024[ri++];
            for (String pollutant : reportedPollutants(f)) {
                double share = f.pollutantShares().get(pollutant) / reportedShare(f);
                double r23 = round(t23 * share, 3);
                double r24 = round(t24 * share, 3);
                // About 2% of the 2023 reports are first sent with a wrong figure and corrected later.
                Double wrong = random.nextDouble() < 0.02 ? round(r23 * 1.25, 3) : null;
                out.add(new Report(f.facilityId(), 2023, pollutant, r23, wrong));
                out.add(new Report(f.facilityId(), 2024, pollutant, r24, null));
            }
        }
        return out;
    }

    /** Category III facilities report their two main pollutants; the others all four. */
    static List<String> reportedPollutants(Facility f) {
        return "III".equals(f.category()) ? List.of("CO", "DUST") : Model.POLLUTANTS;
    }

    private static double reportedShare(Facility f) {
        double s = 0;
        for (String p : reportedPollutants(f)) {
            s += f.pollutantShares().get(p);
        }
        return s;
    }

    // ---------------------------------------------------------------- AMS

    private List<AmsSource> amsSources(List<Facility> facilities, List<Permit> permits) {
        SplittableRandom random = random(5);
        Map<String, Permit> byFacility = new LinkedHashMap<>();
        permits.forEach(p -> byFacility.put(p.facilityId(), p));
        List<AmsSource> out = new ArrayList<>();
        for (Facility f : facilities) {
            Permit permit = byFacility.get(f.facilityId());
            for (Source s : f.sources()) {
                if (!s.amsTransmits()) {
                    continue; // no AMS, or one installed but not connected: no readings
                }
                Map<String, Double> base = new LinkedHashMap<>();
                Map<String, Double> limits = new LinkedHashMap<>();
                for (String pollutant : Model.POLLUTANTS) {
                    base.put(pollutant, baseMgNm3(f, pollutant));
                    if (permit != null && permit.fate() == Fate.ACTIVE && !permit.transitional()) {
                        limits.put(pollutant, limitMgNm3(f, pollutant));
                    }
                }
                double drawn = 250_000 + 900_000 * random.nextDouble();
                double flow = Math.max(1.0, round(Math.min(drawn, flowWithinMassLimits(permit, s.sourceId(), base)),
                        0));
                out.add(new AmsSource(out.size(), f.facilityId(), s.sourceId(), f.regionCode(), base, flow, limits));
            }
        }
        return out;
    }

    /**
     * The highest concentration an AMS of the scenario reports, as a multiple of the pollutant's typical one: a
     * planned episode at its highest ratio (2.4) of the mg/Nm³ limit (1.6 times typical) with its noise (+3%), at the
     * daily load's peak (+10%); the flow's own noise (at most +9%) multiplies in as well, so 2.4 × 1.6 × 1.03 × 1.1 ×
     * 1.09 ≈ 4.74, rounded up.
     */
    static final double PEAK_MASS_RATE_FACTOR = 4.8;

    /**
     * The highest stack flow (Nm³/h) at which the source's mass rate stays under every g/s limit its permit sets,
     * whatever the scenario makes it report (episodes of the mg/Nm³ limit included; {@link #PEAK_MASS_RATE_FACTOR}):
     * the g/s limits are derived from the facility's tonnes (1.3 times its average rate), so a flow drawn without
     * reference to them would put most intervals above them. The scenario keeps its mass-limit outcome known: no
     * interval above a g/s limit, and (over the AMS days, at most a year) no source's tonnes above its t/yr limit, as
     * the ground truth computes from the readings. No permit, or no g/s limit at the source: no cap.
     */
    static double flowWithinMassLimits(Permit permit, String sourceId, Map<String, Double> baseMgNm3) {
        return flowWithinMassLimits(permit, sourceId, baseMgNm3, PEAK_MASS_RATE_FACTOR);
    }

    /** The highest flow at which the source's typical mass rate is 1 / {@code headroom} of every g/s limit. */
    static double flowWithinMassLimits(Permit permit, String sourceId, Map<String, Double> baseMgNm3,
            double headroom) {
        double cap = Double.MAX_VALUE;
        if (permit == null) {
            return cap;
        }
        for (Limit l : permit.limits()) {
            Double base = baseMgNm3.get(l.pollutant());
            if (l.sourceId().equals(sourceId) && base != null && base > 0) {
                // g/s = mg/Nm3 x Nm3/h / 3,600,000
                cap = Math.min(cap, l.gramsPerSecond() * 3_600_000.0 / (headroom * base));
            }
        }
        return cap;
    }

    /**
     * Episodes and outages on 4-hour slots (12 intervals): never in the first or last slot, at most one thing per
     * slot and source, in the slot's middle, so each episode starts and ends between VALID intervals under the limit.
     * Each facility plays at most one part, so the enforcement that follows is known in advance: the first facility
     * with limits gets three episodes on one source (repeated: a notice, then an unscheduled inspection), the second a
     * severe one (ratio 2.4: a notice and an unscheduled inspection), about one in six others a single episode (a
     * compliance notice).
     */
    private void amsEvents(List<AmsSource> sources, List<Episode> episodes, List<Outage> outages) {
        SplittableRandom random = random(6);
        int slots = config.amsDays() * Scenario.INTERVALS_PER_DAY / 12;
        int facilitiesWithEpisodes = 0;
        java.util.Set<String> withEpisodes = new java.util.HashSet<>();
        for (AmsSource s : sources) {
            boolean[] used = new boolean[slots];
            used[0] = true;
            used[slots - 1] = true;
            if (!s.limitMgNm3().isEmpty() && !withEpisodes.contains(s.facilityId())) {
                int part = facilitiesWithEpisodes == 0 ? 0 : facilitiesWithEpisodes == 1 ? 1 : 2;
                int wanted = part == 0 ? 3 : part == 1 ? 1 : random.nextInt(6) == 0 ? 1 : 0;
                if (wanted > 0) {
                    withEpisodes.add(s.facilityId());
                    facilitiesWithEpisodes++;
                }
                for (int e = 0; e < wanted; e++) {
                    int slot = freeSlot(random, used);
                    if (slot < 0) {
                        break;
                    }
                    String pollutant = part == 0 ? "SO2" : Model.POLLUTANTS.get(random.nextInt(4));
                    double ratio = part == 1 ? 2.4 : round(1.15 + 0.5 * random.nextDouble(), 2);
                    int length = 1 + random.nextInt(4);
                    episodes.add(new Episode(s.facilityId(), s.sourceId(), pollutant, slot * 12 + 4, length, ratio));
                }
            }
            for (int slot = 1; slot < slots - 1; slot++) {
                if (used[slot] || random.nextDouble() >= 0.08) {
                    continue;
                }
                used[slot] = true;
                double kind = random.nextDouble();
                String status = kind < 0.35 ? "FAULT" : kind < 0.55 ? "MAINTENANCE" : kind < 0.75 ? "CALIBRATION"
                        : kind < 0.82 ? "SUBSTITUTED" : null;
                int length = status == null ? 4 + random.nextInt(3) : 1 + random.nextInt(4);
                outages.add(new Outage(s.facilityId(), s.sourceId(), slot * 12 + 3, length, status));
            }
        }
        episodes.sort(java.util.Comparator.comparing(Episode::facilityId).thenComparingInt(Episode::firstInterval));
    }

    private static int freeSlot(SplittableRandom random, boolean[] used) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int slot = 1 + random.nextInt(Math.max(1, used.length - 2));
            if (!used[slot]) {
                used[slot] = true;
                return slot;
            }
        }
        for (int slot = 1; slot < used.length - 1; slot++) {
            if (!used[slot]) {
                used[slot] = true;
                return slot;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- mass-limit episodes

    /** Stack flow surges above a g/s limit, at as many sources (of distinct facilities) as there are candidates. */
    static final int FLOW_SURGES = 3;
    /**
     * A surge source's usual mass rate, as a fraction of its tightest g/s limit, is at most 1 / this: its highest
     * concentration outside a surge (typical × 1.1 daily peak × 1.18 noise) at its highest flow (+9% noise) is 1.415 ×
     * typical, so the usual intervals stay under every g/s limit; a surge of about 1.5–2.5 × the flow is above.
     */
    static final double SURGE_SOURCE_HEADROOM = 1.5;
    /**
     * The highest surging flow a surge may reach, Nm³/h (with the daily peak and noise, 1.2 × the usual flow × the
     * factor): a very large power station's stack; emission-service takes up to 20,000,000.
     */
    static final double MAX_SURGE_FLOW_NM3_PER_HOUR = 5_000_000;
    /** The share of the valid intervals of the replay's first year after which the annual-mass source is above. */
    static final double ANNUAL_MASS_CROSSING = 2.0 / 3.0;

    /**
     * The scenario's mass-limit episodes (the concentration episodes are {@link #amsEvents}'s), deterministic from the
     * seed. Candidates are AMS sources without concentration episodes whose facility's permit is ACTIVE, not
     * transitional (a replay after a transitional permit's end does not issue it) and sets limits for every pollutant
     * at the source; those of facilities without any concentration episode come first
     * (so the enforcement each part calls for is its own), each facility plays at most one part:
     * <ul>
     * <li>annual mass: the first candidate's permit gets, for the pollutant its readings emit most of, a t/yr limit
     * below the tonnes its VALID intervals of the replay's first year add up to: crossed, in the middle of an
     * interval's tonnes, after {@link #ANNUAL_MASS_CROSSING} of them. An assumption: the service counts a year's tonnes
     * from the readings it receives (which start on the AMS start day), so the limit stands for what was left of the
     * year's quota then; the permit's other limits stay as generated;</li>
     * <li>mass rate: at up to {@link #FLOW_SURGES} further candidates, the usual flow is set so that the tightest
     * pollutant runs at 1 / {@link #SURGE_SOURCE_HEADROOM} of its g/s limit, and in one free 4-hour slot (no
     * outage, no episode) the flow surges for 3–6 intervals (1–2 hours) by one factor, chosen so that every surge
     * interval of that pollutant is 1.2–1.5 × its g/s limit and every other pollutant stays under 0.95 × its own: one
     * MASS_RATE episode per surge, and no concentration changes (mg/Nm³ limits untouched). A candidate where no
     * factor does that for one pollutant alone is skipped; if none does, the first candidate surges all the same
     * (more than one pollutant above).</li>
     * </ul>
     * Only values change (no reading is added or removed). {@code amsSources} and {@code permits} are updated in place.
     */
    private void massLimitParts(List<Facility> facilities, List<Permit> permits, List<AmsSource> amsSources,
            List<Episode> episodes, List<Outage> outages, List<FlowSurge> surges) {
        SplittableRandom random = random(23);
        Map<String, Permit> permitOf = new LinkedHashMap<>();
        permits.forEach(p -> permitOf.put(p.facilityId(), p));
        java.util.Set<String> episodeFacilities = new java.util.HashSet<>();
        java.util.Set<String> episodeSources = new java.util.HashSet<>();
        episodes.forEach(e -> {
            episodeFacilities.add(e.facilityId());
            episodeSources.add(e.facilityId() + "/" + e.sourceId());
        });
        List<AmsSource> candidates = new ArrayList<>();
        for (AmsSource s : amsSources) {
            Permit permit = permitOf.get(s.facilityId());
            boolean planned = episodeSources.contains(s.facilityId() + "/" + s.sourceId());
            boolean limited = permit != null
                    && Model.POLLUTANTS.stream().allMatch(p -> limitOf(permit, s.sourceId(), p) != null);
            // not a transitional permit: a replay after its end does not issue it, and the episodes would vanish
            if (limited && permit.fate() == Fate.ACTIVE && !permit.transitional() && !planned) {
                candidates.add(s);
            }
        }
        // a seeded shuffle, then the facilities without concentration episodes first (a stable sort)
        for (int i = candidates.size() - 1; i > 0; i--) {
            java.util.Collections.swap(candidates, i, random.nextInt(i + 1));
        }
        candidates.sort(java.util.Comparator.comparing(s -> episodeFacilities.contains(s.facilityId())));
        Scenario provisional = Scenario.of(config, facilities, permits, List.of(), amsSources, episodes, outages,
                List.of(), List.of(), List.of(), List.of(), List.of());
        java.util.Set<String> played = new java.util.HashSet<>();
        for (AmsSource s : candidates) {
            if (annualMassLimit(provisional, s, permits, permitOf.get(s.facilityId()))) {
                played.add(s.facilityId());
                break;
            }
        }
        FlowSurge fallback = null;
        AmsSource fallbackSource = null;
        for (AmsSource s : candidates) {
            if (surges.size() == FLOW_SURGES) {
                break;
            }
            if (played.contains(s.facilityId())) {
                continue;
            }
            Permit permit = permitOf.get(s.facilityId());
            AmsSource surging = new AmsSource(s.index(), s.facilityId(), s.sourceId(), s.regionCode(), s.baseMgNm3(),
                    Math.max(1.0, round(flowWithinMassLimits(permit, s.sourceId(), s.baseMgNm3(),
                            SURGE_SOURCE_HEADROOM), 0)), s.limitMgNm3());
            int[] window = surgeWindow(random, provisional, s);
            if (window == null) {
                continue;
            }
            double ratio = round(1.2 + 0.3 * random.nextDouble(), 2);
            double[] factor = surgeFactor(provisional, surging, permit, window, ratio);
            if (factor == null || surging.flowNm3PerHour() * factor[0] * 1.2 > MAX_SURGE_FLOW_NM3_PER_HOUR) {
                continue;
            }
            FlowSurge surge = new FlowSurge(s.facilityId(), s.sourceId(), window[0], window[1], factor[0]);
            if (factor[1] == 0 && fallback == null) {
                fallback = surge;
                fallbackSource = surging;
            }
            if (factor[1] == 1) {
                surges.add(surge);
                amsSources.set(s.index(), surging);
                played.add(s.facilityId());
            }
        }
        if (surges.isEmpty() && fallback != null) {
            surges.add(fallback);
            amsSources.set(fallbackSource.index(), fallbackSource);
        }
        surges.sort(java.util.Comparator.comparing(FlowSurge::facilityId).thenComparingInt(FlowSurge::firstInterval));
    }

    private static Limit limitOf(Permit permit, String sourceId, String pollutant) {
        for (Limit l : permit.limits()) {
            if (l.sourceId().equals(sourceId) && l.pollutant().equals(pollutant) && l.gramsPerSecond() > 0
                    && l.tonnesPerYear() > 0) {
                return l;
            }
        }
        return null;
    }

    /**
     * Lowers the source's t/yr limit of the pollutant its readings emit most of, so that its year's tonnes cross it
     * (see {@link #massLimitParts}); false when the source has too few VALID intervals in the first year.
     */
    private static boolean annualMassLimit(Scenario provisional, AmsSource s, List<Permit> permits, Permit permit) {
        int firstYear = provisional.dayOf(0).getYear();
        Map<String, List<Double>> tonnes = new LinkedHashMap<>();
        Model.POLLUTANTS.forEach(p -> tonnes.put(p, new ArrayList<>()));
        for (int i = 0; i < provisional.amsIntervals() && provisional.dayOf(i).getYear() == firstYear; i++) {
            for (Scenario.Reading r : provisional.readings(s, i)) {
                if ("VALID".equals(r.status())) {
                    // whole grams, as the service counts a year's tonnes
                    tonnes.get(r.pollutant()).add(Math.round(kz.taza.contracts.emission.EmissionMass.tonnes(
                            r.concentrationMgNm3(), r.flowNm3PerHour(), r.intervalMinutes()) * 1e6) / 1e6);
                }
            }
        }
        String pollutant = null;
        double most = 0;
        for (Map.Entry<String, List<Double>> e : tonnes.entrySet()) {
            double sum = e.getValue().stream().mapToDouble(Double::doubleValue).sum();
            if (sum > most) {
                most = sum;
                pollutant = e.getKey();
            }
        }
        if (pollutant == null || tonnes.get(pollutant).size() < 3) {
            return false;
        }
        List<Double> t = tonnes.get(pollutant);
        int k = Math.max(1, Math.min(t.size() - 1, (int) (t.size() * ANNUAL_MASS_CROSSING)));
        double before = 0;
        for (int i = 0; i < k; i++) {
            before += t.get(i);
        }
        double limit = round(before + t.get(k) / 2, 3);
        if (!(limit > before + 1e-6 && limit < before + t.get(k) - 1e-6)) {
            limit = before + t.get(k) / 2;
        }
        List<Limit> limits = new ArrayList<>();
        for (Limit l : permit.limits()) {
            limits.add(l.sourceId().equals(s.sourceId()) && l.pollutant().equals(pollutant)
                    ? new Limit(l.sourceId(), l.pollutant(), l.gramsPerSecond(), limit, l.mgPerNm3()) : l);
        }
        permits.set(permits.indexOf(permit), new Permit(permit.facilityId(), permit.permitId(), permit.type(),
                permit.validFrom(), permit.validTo(), limits, permit.batConclusions(), permit.fate(),
                permit.transitional()));
        return true;
    }

    /**
     * A surge window of the source: 3–6 intervals from the fourth of a free 4-hour slot (neither the first nor the
     * last, no outage or episode of the source in it), so the intervals around it are usual VALID ones; null if none.
     */
    private static int[] surgeWindow(SplittableRandom random, Scenario provisional, AmsSource s) {
        int slots = provisional.amsIntervals() / 12;
        boolean[] used = new boolean[Math.max(slots, 1)];
        String key = s.facilityId() + "/" + s.sourceId();
        provisional.outagesBySource().getOrDefault(key, List.of()).forEach(o -> used[o.firstInterval() / 12] = true);
        provisional.episodesBySource().getOrDefault(key, List.of()).forEach(e -> used[e.firstInterval() / 12] = true);
        List<Integer> free = new ArrayList<>();
        for (int slot = 1; slot < slots - 1; slot++) {
            if (!used[slot]) {
                free.add(slot);
            }
        }
        int length = 3 + random.nextInt(4);
        return free.isEmpty() ? null : new int[] {free.get(random.nextInt(free.size())) * 12 + 3, length};
    }

    /**
     * The flow factor of a surge at {@code window} (first interval, length) that puts the tightest pollutant's mass
     * rate at at least {@code ratio} × its g/s limit in every interval, and whether the other pollutants stay under
     * 0.95 × theirs then ({1} in the second place; {0} when they do not at any factor of at least 1.1 × the limit);
     * null when an interval of the window is not VALID.
     */
    private static double[] surgeFactor(Scenario provisional, AmsSource surging, Permit permit, int[] window,
            double ratio) {
        int n = Model.POLLUTANTS.size();
        double[] lowest = new double[n];
        double[] highest = new double[n];
        java.util.Arrays.fill(lowest, Double.MAX_VALUE);
        for (int i = window[0]; i < window[0] + window[1]; i++) {
            List<Scenario.Reading> readings = provisional.readings(surging, i);
            if (readings.size() != n) {
                return null;
            }
            for (Scenario.Reading r : readings) {
                if (!"VALID".equals(r.status())) {
                    return null;
                }
                int p = Model.POLLUTANTS.indexOf(r.pollutant());
                double share = kz.taza.contracts.emission.EmissionMass.gramsPerSecond(r.concentrationMgNm3(),
                        r.flowNm3PerHour()) / limitOf(permit, surging.sourceId(), r.pollutant()).gramsPerSecond();
                lowest[p] = Math.min(lowest[p], share);
                highest[p] = Math.max(highest[p], share);
            }
        }
        int tightest = 0;
        for (int p = 1; p < n; p++) {
            if (lowest[p] > lowest[tightest]) {
                tightest = p;
            }
        }
        double others = 0;
        for (int p = 0; p < n; p++) {
            others = p == tightest ? others : Math.max(others, highest[p]);
        }
        double a = lowest[tightest];
        double wanted = Math.ceil(ratio / a * 100) / 100;
        if (wanted * others <= 0.95) {
            return new double[] {wanted, 1};
        }
        double highestAlone = Math.floor(0.95 / others * 100) / 100;
        if (highestAlone * a >= 1.1) {
            return new double[] {highestAlone, 1};
        }
        return new double[] {wanted, 0};
    }

    // ---------------------------------------------------------------- forest

    private void forest(List<Plan> plans, List<Planting> plantings, List<Survey> surveys) {
        SplittableRandom random = random(7);
        int perYear = config.plantingsPerYear();
        for (int y = 0; y < YEARS; y++) {
            int year = FIRST_YEAR + y;
            long treesLeft = TREES_PER_YEAR[y];
            // Aral seabed: saxaul in Kyzylorda, mostly seeding, about 1 in 10 plantings, 300 trees per ha.
            int aralCount = Math.max(1, perYear / 10);
            double haLeft = ARAL_HECTARES_PER_YEAR[y];
            long[] regionTrees = new long[REGIONS.length];
            double[] regionHa = new double[REGIONS.length];
            for (int k = 0; k < aralCount; k++) {
                double ha = k == aralCount - 1 ? round(haLeft, 2) : round(haLeft / (aralCount - k)
                        * (0.8 + 0.4 * random.nextDouble()), 2);
                haLeft = round(haLeft - ha, 2);
                long trees = Math.round(ha * (250 + 100 * random.nextDouble()));
                treesLeft -= trees;
                LocalDate on = plantingDate(random, year);
                plantings.add(new Planting(String.format(Locale.ROOT, "KZL-%d-A%04d", year, k + 1), "43",
                        "Kazaly forestry institution", "Aral seabed, block " + (k + 1), "saxaul", trees, ha, on,
                        true, random.nextInt(4) == 0 ? "SEEDLINGS" : "SEEDING"));
                regionTrees[regionIndex("43")] += trees;
                regionHa[regionIndex("43")] += ha;
            }
            int ordinary = perYear - aralCount;
            for (int k = 0; k < ordinary; k++) {
                int r = k < REGIONS.length ? k : random.nextInt(REGIONS.length);
                String region = (String) REGIONS[r][0];
                long trees = k == ordinary - 1 ? treesLeft
                        : Math.round(treesLeft / (double) (ordinary - k) * (0.7 + 0.6 * random.nextDouble()));
                treesLeft -= trees;
                double density = 1_800 + 1_700 * random.nextDouble();
                double ha = round(trees / density, 2);
                String species = SPECIES[random.nextInt(SPECIES.length)];
                plantings.add(new Planting(String.format(Locale.ROOT, "KZ%s-%d-%05d", region, year, k + 1), region,
                        REGIONS[r][2] + " forestry institution " + (1 + random.nextInt(5)),
                        "Forest fund quarter " + (10 + random.nextInt(300)), species, trees, ha,
                        plantingDate(random, year), false, "SEEDLINGS"));
                regionTrees[r] += trees;
                regionHa[r] += ha;
            }
            // Plans: most regions meet 88–104% of theirs; 2025 fell short nationally (270 M of 370 M planned).
            for (int r = 0; r < REGIONS.length; r++) {
                if (regionTrees[r] == 0) {
                    continue;
                }
                double fulfilment = year == 2025 ? 0.66 + 0.14 * random.nextDouble()
                        : 0.88 + 0.16 * random.nextDouble();
                plans.add(new Plan((String) REGIONS[r][0], year, Math.round(regionTrees[r] / fulfilment),
                        round(Math.max(1.0, regionHa[r] / fulfilment), 1)));
            }
        }
        // Surveys of about a third of the plantings: year 1 for 2021–2024, year 3 for 2021–2022, all before 2025-11.
        for (Planting p : plantings) {
            int year = p.plantedOn().getYear();
            if (year > 2024 || random.nextInt(3) != 0) {
                continue;
            }
            double base1 = p.aralSeabed() ? 0.42 : 0.74;
            double base3 = p.aralSeabed() ? 0.30 : ("11".equals(p.regionCode()) || "33".equals(p.regionCode()))
                    ? 0.56 : 0.55;
            surveys.add(survey(random, p, 1, base1));
            if (year <= 2022) {
                surveys.add(survey(random, p, 3, base3));
            }
        }
    }

    static final String[] SPECIES = {"pine", "birch", "elm", "poplar", "larch", "spruce", "ash", "oak"};

    private static Survey survey(SplittableRandom random, Planting p, int surveyYear, double base) {
        double rate = Math.max(0.05, Math.min(0.98, base + 0.08 * Scenario.gaussian(random)));
        long alive = Math.round(p.treeCount() * rate);
        long dead = p.treeCount() - alive;
        LocalDate on = LocalDate.of(p.plantedOn().getYear() + surveyYear, 9, 1 + random.nextInt(28));
        return new Survey(p.plantingId(), p.plantingId() + "-Y" + surveyYear, surveyYear, alive, dead, on);
    }

    /** Spring (April–May) or autumn (October) planting seasons. */
    private static LocalDate plantingDate(SplittableRandom random, int year) {
        return random.nextInt(3) == 0 ? LocalDate.of(year, 10, 1 + random.nextInt(28))
                : LocalDate.of(year, 4 + random.nextInt(2), 1 + random.nextInt(28));
    }

    // ---------------------------------------------------------------- fires and early detection

    /** The years with fires. */
    public static final int[] FIRE_YEARS = {2023, 2024, 2025};
    /**
     * Hectares burned per fire year: 2023 116,000 ha (published, domain-facts sections 5 and 9); 2024 and 2025 are
     * assumptions (no published figure found): 35,000 and 28,000 ha, below the exceptional 2023 season.
     */
    public static final double[] FIRE_HECTARES_PER_YEAR = {116_000, 35_000, 28_000};
    /**
     * Forest regions and their weight in the fires (an assumption: the pine forests of Abai and East Kazakhstan
     * burn most, then Kostanay, Pavlodar, Akmola, North Kazakhstan and the mountain forests of Almaty region and
     * Zhetysu).
     */
    static final Object[][] FIRE_REGIONS = {
            {"10", 5.0, "Abai"}, {"63", 3.0, "East Kazakhstan"}, {"39", 2.0, "Kostanay"}, {"55", 1.5, "Pavlodar"},
            {"11", 1.2, "Akmola"}, {"59", 1.0, "North Kazakhstan"}, {"19", 0.8, "Almaty region"},
            {"33", 0.8, "Zhetysu"}};
    static final String[] FIRE_CAUSES = {"LIGHTNING", "LIGHTNING", "CARELESS_FIRE_USE", "CARELESS_FIRE_USE",
            "AGRICULTURAL_BURNING", "POWER_LINE", "ARSON", "UNKNOWN"};
    /** Forest-fund hectares watched by early detection systems installed by 2025-03-31: 1.3 million (published). */
    public static final double DETECTION_HECTARES_BY_APRIL_2025 = 1_300_000;
    /** Forest-fund hectares watched by the end of 2025: 5.6 million (published as planned; assumed met). */
    public static final double DETECTION_HECTARES_END_2025 = 5_600_000;

    /** Fires per year: a tenth of the plantings per year, at least 8 (a size choice; no published count is used). */
    int firesPerYear() {
        return Math.max(8, config.plantingsPerYear() / 10);
    }

    private List<Fire> fires() {
        SplittableRandom random = random(11);
        List<Fire> fires = new ArrayList<>();
        double regionWeights = 0;
        for (Object[] r : FIRE_REGIONS) {
            regionWeights += (double) r[1];
        }
        int perYear = firesPerYear();
        for (int y = 0; y < FIRE_YEARS.length; y++) {
            int year = FIRE_YEARS[y];
            // Fire sizes are heavy-tailed: a few large fires make most of the area.
            double[] weights = new double[perYear];
            double total = 0;
            for (int k = 0; k < perYear; k++) {
                weights[k] = Math.exp(1.6 * Scenario.gaussian(random));
                total += weights[k];
            }
            double left = FIRE_HECTARES_PER_YEAR[y];
            for (int k = 0; k < perYear; k++) {
                double burned = k == perYear - 1 ? round(left, 2)
                        : round(FIRE_HECTARES_PER_YEAR[y] * weights[k] / total, 2);
                left = round(left - burned, 2);
                int region = weightedRegion(random, regionWeights);
                String code = (String) FIRE_REGIONS[region][0];
                // the fire season: April to October
                LocalDate reported = LocalDate.of(year, 4 + random.nextInt(7), 1 + random.nextInt(28));
                double atReport = round(Math.max(0.1, burned * (0.05 + 0.45 * random.nextDouble())), 2);
                LocalDate contained = random.nextInt(5) == 0 ? null : reported.plusDays(random.nextInt(4));
                LocalDate extinguished = (contained == null ? reported : contained).plusDays(random.nextInt(6));
                // about one in twelve final areas is first sent too large and re-measured later
                Double firstSent = random.nextInt(12) == 0 ? round(burned * 1.15 + 1, 2) : null;
                fires.add(new Fire(String.format(Locale.ROOT, "F%s-%d-%04d", code, year, k + 1), code,
                        FIRE_REGIONS[region][2] + " forestry institution " + (1 + random.nextInt(3)),
                        FIRE_CAUSES[random.nextInt(FIRE_CAUSES.length)], atReport, reported, contained, extinguished,
                        burned, firstSent));
            }
        }
        return fires;
    }

    private List<DetectionSystem> detectionSystems() {
        SplittableRandom random = random(13);
        double regionWeights = 0;
        for (Object[] r : FIRE_REGIONS) {
            regionWeights += (double) r[1];
        }
        List<DetectionSystem> systems = new ArrayList<>();
        int before = Math.max(4, firesPerYear() / 3);
        int after = Math.max(8, firesPerYear() / 2);
        // installed 2023-06 .. 2025-03, then 2025-04 .. 2025-12
        systems(systems, random, regionWeights, before, DETECTION_HECTARES_BY_APRIL_2025, LocalDate.of(2023, 6, 1),
                LocalDate.of(2025, 3, 31), "A");
        systems(systems, random, regionWeights, after, DETECTION_HECTARES_END_2025 - DETECTION_HECTARES_BY_APRIL_2025,
                LocalDate.of(2025, 4, 1), LocalDate.of(2025, 12, 31), "B");
        return systems;
    }

    private void systems(List<DetectionSystem> systems, SplittableRandom random, double regionWeights, int count,
            double hectares, LocalDate from, LocalDate to, String batch) {
        long days = to.toEpochDay() - from.toEpochDay();
        double[] weights = new double[count];
        double total = 0;
        for (int k = 0; k < count; k++) {
            weights[k] = 0.5 + random.nextDouble();
            total += weights[k];
        }
        double left = hectares;
        for (int k = 0; k < count; k++) {
            double covered = k == count - 1 ? round(left, 2) : round(hectares * weights[k] / total, 2);
            left = round(left - covered, 2);
            int region = weightedRegion(random, regionWeights);
            String code = (String) FIRE_REGIONS[region][0];
            systems.add(new DetectionSystem(String.format(Locale.ROOT, "EDS-%s-%s%03d", code, batch, k + 1), code,
                    FIRE_REGIONS[region][2] + " forestry institution " + (1 + random.nextInt(3)), covered,
                    from.plusDays(random.nextLong(days + 1))));
        }
    }

    private static int weightedRegion(SplittableRandom random, double total) {
        double x = random.nextDouble() * total;
        for (int i = 0; i < FIRE_REGIONS.length; i++) {
            x -= (double) FIRE_REGIONS[i][1];
            if (x < 0) {
                return i;
            }
        }
        return FIRE_REGIONS.length - 1;
    }

    // ---------------------------------------------------------------- planting material

    /** Seed prepared for sowing on the Aral seabed over the plantings of 2021–2025: 2,083 t (published), in kg. */
    public static final long ARAL_SEED_KG = 2_083_000L;
    /** Saxaul seedlings prepared for the Aral seabed over the plantings of 2021–2025: 48.7 million (published). */
    public static final long ARAL_SEEDLINGS = 48_700_000L;
    /** The planting year after the scenario's last: prepared for in autumn 2025, with no plan set for it. */
    public static final int NEXT_PLANTING_YEAR = FIRST_YEAR + YEARS;
    /**
     * Trees assumed for the 2026 planting, to size the material prepared for it: about 0.6 billion trees remain for
     * 2026–27 (domain-facts section 5), taken as half each (an assumption; no 2026 plan is published).
     */
    public static final long TREES_ASSUMED_NEXT_YEAR = 300_000_000L;
    /** The most pieces one scenario lot holds (below the service's 200 million per lot). */
    static final long PIECES_PER_LOT = 100_000_000L;

    /**
     * The nurseries' planting material, prepared from September to November for the next year's planting. Where no
     * published figure exists, assumptions: each region's seedlings (and a few saplings) are 1.1–1.3 times its plan
     * for that year, except one region a year, which prepares 0.85–0.95 of it (so that not every year is covered
     * everywhere); for 2026, which has no plan, the regions' 2025 plans scaled to {@link #TREES_ASSUMED_NEXT_YEAR}.
     * Calibrated: Kyzylorda's seed lots for 2021–2025 weigh the published 2,083 t and its saxaul seedling lots for the
     * Aral seabed count the published 48.7 million, both split over the years as the Aral hectares; its 2026 seed
     * is assumed equal to 2025's. About one lot in eight loses 3–15 % over the winter (a LOSS correction in January or
     * February of the planting year); one seed lot a year is first sent 5 % heavy and corrected by a RECOUNT to its
     * calibrated weight.
     */
    private List<MaterialLot> plantingMaterial(List<Plan> plans) {
        SplittableRandom random = random(17);
        List<MaterialLot> lots = new ArrayList<>();
        double aralHectares = 0;
        for (double ha : ARAL_HECTARES_PER_YEAR) {
            aralHectares += ha;
        }
        long seedLeft = ARAL_SEED_KG;
        long seedlingsLeft = ARAL_SEEDLINGS;
        long lastSeed = 0;
        for (int year = FIRST_YEAR; year <= NEXT_PLANTING_YEAR; year++) {
            Map<String, Long> planned = plannedTrees(plans, year);
            List<String> regions = new ArrayList<>(planned.keySet());
            java.util.Collections.sort(regions);
            String shortRegion = regions.isEmpty() ? null : regions.get(random.nextInt(regions.size()));
            int y = year - FIRST_YEAR;
            for (String region : regions) {
                double ratio = region.equals(shortRegion) ? 0.85 + 0.1 * random.nextDouble()
                        : 1.1 + 0.2 * random.nextDouble();
                long pieces = Math.round(planned.get(region) * ratio);
                int r = regionIndex(region);
                String name = (String) REGIONS[r][2];
                int[] n = {0};
                if ("43".equals(region) && y < YEARS) {
                    long aral = y == YEARS - 1 ? seedlingsLeft
                            : Math.round(ARAL_SEEDLINGS * ARAL_HECTARES_PER_YEAR[y] / aralHectares);
                    seedlingsLeft -= aral;
                    aral = Math.min(aral, pieces);
                    lots.add(lot(random, region, name, year, "saxaul", "SEEDLING", aral, n));
                    pieces -= aral;
                    long seed = y == YEARS - 1 ? seedLeft
                            : Math.round(ARAL_SEED_KG * ARAL_HECTARES_PER_YEAR[y] / aralHectares);
                    seedLeft -= seed;
                    lastSeed = seed;
                    lots.add(seedLot(random, region, name, year, seed, n));
                } else if ("43".equals(region)) {
                    lots.add(seedLot(random, region, name, year, lastSeed, n));
                }
                long saplings = random.nextInt(5) == 0 ? Math.round(pieces * (0.03 + 0.05 * random.nextDouble())) : 0;
                if (saplings > 0) {
                    lots.add(lot(random, region, name, year, SPECIES[random.nextInt(SPECIES.length)],
                            "SAPLING", saplings, n));
                    pieces -= saplings;
                }
                while (pieces > 0) {
                    long one = Math.min(pieces, PIECES_PER_LOT);
                    lots.add(lot(random, region, name, year, "43".equals(region) ? "saxaul"
                            : SPECIES[random.nextInt(SPECIES.length)], "SEEDLING", one, n));
                    pieces -= one;
                }
            }
        }
        return lots;
    }

    /** The trees planned per region for a planting year; for the year after the scenario's, the assumed ones. */
    private static Map<String, Long> plannedTrees(List<Plan> plans, int year) {
        Map<String, Long> planned = new java.util.TreeMap<>();
        int from = year == NEXT_PLANTING_YEAR ? year - 1 : year;
        plans.stream().filter(p -> p.year() == from).forEach(p -> planned.merge(p.regionCode(), p.trees(), Long::sum));
        if (year == NEXT_PLANTING_YEAR) {
            long total = planned.values().stream().mapToLong(Long::longValue).sum();
            planned.replaceAll((region, trees) -> Math.round(TREES_ASSUMED_NEXT_YEAR * (double) trees / total));
        }
        return planned;
    }

    private static MaterialLot lot(SplittableRandom random, String region, String name, int year, String species,
            String kind, long pieces, int[] n) {
        n[0]++;
        LocalDate prepared = LocalDate.of(year - 1, 9 + random.nextInt(3), 1 + random.nextInt(28));
        Long corrected = null;
        LocalDate correctedOn = null;
        if (random.nextInt(8) == 0) {
            corrected = Math.round(pieces * (0.85 + 0.12 * random.nextDouble()));
            correctedOn = LocalDate.of(year, 1 + random.nextInt(2), 1 + random.nextInt(28));
        }
        return new MaterialLot(String.format(Locale.ROOT, "PM%s-%d-%02d", region, year, n[0]), region,
                name + " forestry institution " + (1 + random.nextInt(3)), name + " forest nursery "
                + (1 + random.nextInt(2)), year, species, kind, pieces, prepared,
                corrected == null ? null : (double) corrected, corrected == null ? null : "LOSS", correctedOn);
    }

    /** A seed lot first sent 5 % heavy and corrected by a recount to its calibrated weight (whole kilograms). */
    private static MaterialLot seedLot(SplittableRandom random, String region, String name, int year, long kg,
            int[] n) {
        n[0]++;
        LocalDate prepared = LocalDate.of(year - 1, 9 + random.nextInt(3), 1 + random.nextInt(28));
        return new MaterialLot(String.format(Locale.ROOT, "PM%s-%d-%02d", region, year, n[0]), region,
                name + " forestry institution 1", name + " seed store", year, "saxaul", "SEED",
                (double) Math.round(kg * 1.05), prepared, (double) kg, "RECOUNT", prepared.plusDays(20));
    }

    // ---------------------------------------------------------------- helpers

    static int regionIndex(String code) {
        for (int i = 0; i < REGIONS.length; i++) {
            if (REGIONS[i][0].equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown region " + code);
    }

    private static String pick(SplittableRandom random, double[] weights, double total) {
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return (String) REGIONS[i][0];
            }
        }
        return (String) REGIONS[REGIONS.length - 1][0];
    }

    private static String bin(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            b.append(random.nextInt(10));
        }
        return b.toString();
    }

    private static String enterpriseName(int e, String sector) {
        String[] names = {"Eurasian", "Steppe", "Irtysh", "Saryarka", "Altyn", "Kazakh", "Ertis", "Ural", "Tengiz",
                "Balkhash"};
        return names[e % names.length] + " " + facilityKind(sector) + " Group " + (e / names.length + 1) + " JSC";
    }

    private static String operatorName(SplittableRandom random, String sector) {
        String[] names = {"Dala", "Kok", "Aq", "Zhol", "Nur", "Bereke", "Samal", "Kazyna", "Aibyn", "Orken"};
        return names[random.nextInt(names.length)] + " " + facilityKind(sector) + " LLP";
    }

    private static String facilityKind(String sector) {
        return switch (sector) {
            case "energy" -> "Power";
            case "metallurgy" -> "Metallurgical";
            case "mining" -> "Mining";
            case "oil_gas" -> "Oil and Gas";
            case "chemicals" -> "Chemical";
            case "cement" -> "Cement";
            case "utilities" -> "Heat";
            case "agriculture" -> "Agro";
            case "construction" -> "Building Materials";
            default -> "Industrial";
        };
    }

    private static double round(double value, int decimals) {
        return Scenario.round(value, decimals);
    }
}

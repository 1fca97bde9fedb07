package kz.taza.simulator.run;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;

import kz.taza.simulator.client.Counters;
import kz.taza.simulator.client.Credentials;
import kz.taza.simulator.client.Endpoints;
import kz.taza.simulator.client.ServiceClient.Answer;
import kz.taza.simulator.client.ServiceClient.Call;
import kz.taza.simulator.client.ServiceClient;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Facility;
import kz.taza.simulator.scenario.Model.Fate;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Model.DetectionSystem;
import kz.taza.simulator.scenario.Model.Fire;
import kz.taza.simulator.scenario.Model.MaterialLot;
import kz.taza.simulator.scenario.Model.Planting;
import kz.taza.simulator.scenario.Model.Report;
import kz.taza.simulator.scenario.Model.Source;
import kz.taza.simulator.scenario.Model.Survey;
import kz.taza.simulator.scenario.Model;
import kz.taza.simulator.scenario.Scenario.Reading;
import kz.taza.simulator.scenario.Scenario;

/**
 * Sends a scenario to the services as fast as they take it, with at most {@code concurrency} requests in flight, in
 * the order real clients would: the registry, then permits (and their suspensions and revocations), then annual
 * reports (corrections last), the forest programme (plans, plantings in batches, surveys) alongside, and finally the
 * AMS readings, interval by interval (each facility's readings in time order, one request per facility and chunk of
 * intervals, as its gateway would post them).
 */
public final class Replay {

    /** AMS intervals per request and facility (2 hours). */
    static final int INTERVALS_PER_CHUNK = 6;
    /** Plantings per batch request (the service takes at most 500). */
    static final int PLANTINGS_PER_BATCH = 200;

    private final Scenario scenario;
    private final Endpoints endpoints;
    private final ServiceClient client;
    private final Counters counters;
    private final Progress progress;
    private final int concurrency;
    private final double readingsPerSecond;
    private final String run;
    /** The operator of each facility: its reports and readings are sent by that operator's clients. */
    private final Map<String, String> operatorOfFacility = new java.util.HashMap<>();

    public Replay(Scenario scenario, Endpoints endpoints, ServiceClient client, Counters counters, Progress progress,
            int concurrency, double readingsPerSecond) {
        this.scenario = scenario;
        this.endpoints = endpoints;
        this.client = client;
        this.counters = counters;
        this.progress = progress;
        this.concurrency = concurrency;
        this.readingsPerSecond = readingsPerSecond;
        this.run = "sim-" + scenario.config().seed();
        scenario.facilities().forEach(f -> operatorOfFacility.put(f.facilityId(), f.operatorBin()));
    }

    private String operatorOf(String facilityId) {
        String bin = operatorOfFacility.get(facilityId);
        if (bin == null) {
            throw new IllegalStateException("facility " + facilityId + " is not in the scenario");
        }
        return bin;
    }

    /** Everything but the AMS readings; the forest alongside the registry, permits and reports. */
    public void facts() throws InterruptedException {
        ExecutorService side = Executors.newSingleThreadExecutor(r -> new Thread(r, "simulator-forest"));
        try {
            Future<?> forest = side.submit(() -> {
                forest();
                return null;
            });
            progress.phase("registry");
            parallel(scenario.facilities(), this::register);
            progress.phase("permits");
            LocalDate today = LocalDate.now(Scenario.ZONE);
            List<Permit> permits = scenario.permits().stream().filter(p -> p.issuableOn(today)).toList();
            parallel(permits, this::issue);
            List<Permit> changed = permits.stream().filter(p -> p.fate() != Fate.ACTIVE).toList();
            parallel(changed, this::changeStatus);
            progress.phase("reports");
            parallel(scenario.reports(), r -> report(r, r.firstSent() != null ? r.firstSent() : r.tonnes()));
            List<Report> corrected = scenario.reports().stream().filter(r -> r.firstSent() != null).toList();
            parallel(corrected, r -> report(r, r.tonnes()));
            join(forest);
        } finally {
            side.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ registry and permits

    private void register(Facility f) throws InterruptedException {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Source s : f.sources()) {
            // The attributes the obligation rule reads, and amsRequired as the same rule decides it from them.
            Map<String, Object> source = map("sourceId", s.sourceId(), "name", s.name(), "amsRequired",
                    s.amsRequired(), "amsInstalled", s.amsInstalled(), "kind", s.kind());
            if (s.declaredTonnesPerYear() != null) {
                source.put("declaredTonnesPerYear", s.declaredTonnesPerYear());
            }
            sources.add(source);
        }
        Map<String, Object> body = map("facilityId", f.facilityId(), "operatorBin", f.operatorBin(),
                "operatorName", f.operatorName(), "facilityName", f.facilityName(), "regionCode", f.regionCode(),
                "category", f.category(), "sector", f.sector(), "top50", f.top50(), "sources", sources);
        client.send(Call.post("facilities", Credentials.OFFICER, Endpoints.at(endpoints.permit(), "/api/v1/facilities"), body,
                run + "-register-" + f.facilityId()));
    }

    private void issue(Permit p) throws InterruptedException {
        List<Map<String, Object>> limits = new ArrayList<>();
        for (Model.Limit l : p.limits()) {
            Map<String, Object> limit = map("sourceId", l.sourceId(), "pollutant", l.pollutant(),
                    "gramsPerSecond", l.gramsPerSecond(), "tonnesPerYear", l.tonnesPerYear());
            if (l.mgPerNm3() != null) {
                limit.put("mgPerNm3", l.mgPerNm3());
            }
            limits.add(limit);
        }
        Map<String, Object> body = map("permitId", p.permitId(), "validFrom", p.validFrom().toString(),
                "validTo", p.validToOn(LocalDate.now(Scenario.ZONE)).toString(), "limits", limits, "batConclusions", p.batConclusions(),
                "type", p.type());
        client.send(Call.post("permits", Credentials.OFFICER, facilityUri(endpoints.permit(), p.facilityId(), "/permits"), body,
                run + "-issue-" + p.permitId()).retryingWhile(a -> a.status() == 404));
    }

    private void changeStatus(Permit p) throws InterruptedException {
        String action = p.fate() == Fate.SUSPENDED ? "suspension" : "revocation";
        String reason = p.fate() == Fate.SUSPENDED ? "Court order: emissions without the required programme"
                : "Operations ceased; permit surrendered";
        client.send(Call.post("permit-changes", Credentials.OFFICER, facilityUri(endpoints.permit(), p.facilityId(), "/permits/"
                + p.permitId() + "/" + action), map("reason", reason), run + "-" + action + "-" + p.permitId())
                .retryingWhile(a -> a.status() == 404));
    }

    // ------------------------------------------------------------------ reports

    private void report(Report r, double tonnes) throws InterruptedException {
        Map<String, Object> body = map("facilityId", r.facilityId(), "year", r.year(), "pollutant", r.pollutant(),
                "tonnes", tonnes);
        // The emission service learns of facilities from the registry's topic: "not registered" means "not yet".
        client.send(Call.post("reports", Credentials.operator(operatorOf(r.facilityId())), Endpoints.at(endpoints.emission(), "/api/v1/reports"), body, null)
                .accepting202().retryingWhile(a -> a.status() == 422 && a.mentions("not registered")));
    }

    // ------------------------------------------------------------------ forest

    private void forest() throws InterruptedException {
        parallel(scenario.plans(), plan -> client.send(Call.put("plans", Credentials.FORESTER, Endpoints.at(endpoints.forest(),
                "/api/v1/regions/" + plan.regionCode() + "/plans/" + plan.year()),
                map("plannedTrees", plan.trees(), "plannedHectares", plan.hectares()),
                run + "-plan-" + plan.regionCode() + "-" + plan.year())));
        List<List<Planting>> batches = new ArrayList<>();
        List<Planting> all = scenario.plantings();
        for (int i = 0; i < all.size(); i += PLANTINGS_PER_BATCH) {
            batches.add(all.subList(i, Math.min(all.size(), i + PLANTINGS_PER_BATCH)));
        }
        parallel(batches, this::plantings);
        parallel(scenario.surveys(), this::survey);
        parallel(scenario.detectionSystems(), this::detectionSystem);
        parallel(scenario.fires(), this::fire);
        parallel(scenario.materialLots(), this::materialLot);
    }

    /** One lot of planting material, and its correction where it has one (after the lot is recorded). */
    private void materialLot(MaterialLot lot) throws InterruptedException {
        client.send(Call.post("planting-material", Credentials.FORESTER, Endpoints.at(endpoints.forest(),
                "/api/v1/planting-material"), map("lotId", lot.lotId(), "regionCode", lot.regionCode(),
                "forestryInstitution", lot.institution(), "nursery", lot.nursery(), "plantingYear",
                lot.plantingYear(), "species", lot.species(), "kind", lot.kind(), "quantity", lot.quantity(),
                "preparedOn", lot.preparedOn().toString()), run + "-lot-" + lot.lotId()));
        if (lot.correctedQuantity() != null) {
            client.send(Call.post("planting-material-corrections", Credentials.FORESTER, Endpoints.at(
                    endpoints.forest(), "/api/v1/planting-material/" + lot.lotId() + "/corrections"),
                    map("quantity", lot.correctedQuantity(), "reason", lot.correctionReason(), "correctedOn",
                            lot.correctedOn().toString()), run + "-lot-correction-" + lot.lotId())
                    .retryingWhile(a -> a.status() == 404));
        }
    }

    /** One fire's life, in order: reported, contained (most), extinguished, and for a few a corrected final area. */
    private void fire(Fire f) throws InterruptedException {
        URI fires = Endpoints.at(endpoints.forest(), "/api/v1/fires");
        client.send(Call.post("fires", Credentials.FORESTER, fires, map("fireId", f.fireId(), "regionCode",
                f.regionCode(), "forestryInstitution", f.institution(), "hectares", f.hectaresAtReport(), "cause",
                f.cause(), "reportedOn", f.reportedOn().toString()), run + "-fire-" + f.fireId()));
        URI fire = Endpoints.at(endpoints.forest(), "/api/v1/fires/" + f.fireId());
        if (f.containedOn() != null) {
            client.send(Call.post("fire-containments", Credentials.FORESTER, URI.create(fire + "/containment"),
                    map("containedOn", f.containedOn().toString()), run + "-contain-" + f.fireId())
                    .retryingWhile(a -> a.status() == 404));
        }
        if (f.firstSentHectares() != null) {
            extinguish(f, f.firstSentHectares(), "-1");
        }
        extinguish(f, f.hectaresBurned(), "");
    }

    private void extinguish(Fire f, double hectares, String attempt) throws InterruptedException {
        client.send(Call.post("fire-extinguishments", Credentials.FORESTER, Endpoints.at(endpoints.forest(),
                "/api/v1/fires/" + f.fireId() + "/extinguishment"), map("hectaresBurned", hectares,
                "extinguishedOn", f.extinguishedOn().toString()), run + "-extinguish-" + f.fireId() + attempt)
                .retryingWhile(a -> a.status() == 404));
    }

    private void detectionSystem(DetectionSystem d) throws InterruptedException {
        client.send(Call.post("detection-systems", Credentials.FORESTER, Endpoints.at(endpoints.forest(),
                "/api/v1/detection-systems"), map("systemId", d.systemId(), "regionCode", d.regionCode(),
                "forestryInstitution", d.institution(), "coveredHectares", d.coveredHectares(), "installedOn",
                d.installedOn().toString()), run + "-detection-" + d.systemId()));
    }

    private void plantings(List<Planting> batch) throws InterruptedException {
        List<Planting> pending = batch;
        Counters.Kind kind = counters.of("plantings");
        kind.sent.addAndGet(batch.size());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Planting p : pending) {
                items.add(map("plantingId", p.plantingId(), "regionCode", p.regionCode(), "forestryInstitution",
                        p.institution(), "site", p.site(), "species", p.species(), "treeCount", p.treeCount(),
                        "hectares", p.hectares(), "plantedOn", p.plantedOn().toString(), "aralSeabed",
                        p.aralSeabed(), "method", p.method()));
            }
            Answer answer = client.send(new Call("planting-batches", "POST", Endpoints.at(endpoints.forest(),
                    "/api/v1/plantings/batch"), map("plantings", items), null, Credentials.FORESTER, false, null, 1));
            if (!answer.ok() || answer.body() == null) {
                kind.rejected.addAndGet(pending.size());
                return;
            }
            List<Planting> stillPending = new ArrayList<>();
            JsonNode results = answer.body().get("results");
            for (int i = 0; i < pending.size(); i++) {
                String outcome = results.get(i).get("outcome").asString();
                switch (outcome) {
                    case "ACCEPTED" -> kind.accepted.incrementAndGet();
                    case "PENDING" -> stillPending.add(pending.get(i));
                    default -> kind.rejected.incrementAndGet();
                }
            }
            if (!stillPending.isEmpty()) {
                // A repeated plantingId answers as the first report did: resending the pending ones is safe.
                kind.retried.addAndGet(stillPending.size());
                if (attempt > 60) {
                    kind.rejected.addAndGet(stillPending.size());
                    return;
                }
                Thread.sleep(500);
            }
            pending = stillPending;
        }
    }

    private void survey(Survey s) throws InterruptedException {
        client.send(Call.post("surveys", Credentials.FORESTER, Endpoints.at(endpoints.forest(), "/api/v1/plantings/"
                        + s.plantingId() + "/surveys"), map("surveyId", s.surveyId(), "surveyYear", s.surveyYear(),
                        "alive", s.alive(), "dead", s.dead(), "surveyedOn", s.surveyedOn().toString()),
                run + "-survey-" + s.surveyId()).retryingWhile(a -> a.status() == 404));
    }

    // ------------------------------------------------------------------ AMS readings

    /** The AMS readings of the scenario, chunk by chunk of intervals; each chunk one request per facility. */
    public void readings() throws InterruptedException {
        progress.phase("AMS readings (" + scenario.amsSources().size() + " sources, " + scenario.config().amsDays()
                + " days)");
        Map<String, List<AmsSource>> byFacility = new LinkedHashMap<>();
        for (AmsSource s : scenario.amsSources()) {
            byFacility.computeIfAbsent(s.facilityId(), k -> new ArrayList<>()).add(s);
        }
        Throttle throttle = new Throttle(readingsPerSecond);
        for (int first = 0; first < scenario.amsIntervals(); first += INTERVALS_PER_CHUNK) {
            int from = first;
            int to = Math.min(scenario.amsIntervals(), first + INTERVALS_PER_CHUNK);
            parallel(new ArrayList<>(byFacility.entrySet()), e -> {
                List<Reading> readings = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    for (AmsSource s : e.getValue()) {
                        readings.addAll(scenario.readings(s, i));
                    }
                }
                throttle.acquire(readings.size());
                postReadings(e.getKey(), readings);
            });
        }
    }

    /** One gateway request: a facility's readings, in time order. */
    public void postReadings(String facilityId, List<Reading> readings) throws InterruptedException {
        if (readings.isEmpty()) {
            return;
        }
        Counters.Kind kind = counters.of("readings");
        List<Map<String, Object>> items = new ArrayList<>(readings.size());
        for (Reading r : readings) {
            items.add(map("facilityId", r.facilityId(), "sourceId", r.sourceId(), "pollutant", r.pollutant(),
                    "intervalStart", r.intervalStart().toString(), "intervalMinutes", r.intervalMinutes(),
                    "concentrationMgNm3", r.concentrationMgNm3(), "flowNm3PerHour", r.flowNm3PerHour(),
                    "status", r.status()));
        }
        kind.sent.addAndGet(readings.size());
        // Readings of a facility the emission service has not seen yet are refused as a whole: wait for it.
        Answer answer = client.send(new Call("reading-requests", "POST", Endpoints.at(endpoints.emission(),
                "/api/v1/ams/readings"), map("readings", items), null, Credentials.gateway(operatorOf(facilityId)), false,
                a -> a.status() == 422 && a.mentions("not registered"), 1));
        if (answer.ok() && answer.body() != null && answer.body().has("accepted")) {
            long accepted = answer.body().get("accepted").asLong();
            kind.accepted.addAndGet(accepted);
            kind.rejected.addAndGet(readings.size() - accepted);
        } else {
            kind.rejected.addAndGet(readings.size());
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A step that may be interrupted. */
    @FunctionalInterface
    public interface Step<T> {
        void run(T item) throws Exception;
    }

    /** Runs the step for every item, at most {@code concurrency} at a time; returns when all are done. */
    <T> void parallel(List<T> items, Step<T> step) throws InterruptedException {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, items.size()));
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (T item : items) {
                Callable<Object> task = () -> {
                    step.run(item);
                    return null;
                };
                futures.add(pool.submit(task));
            }
            for (Future<Object> f : futures) {
                join(f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void join(Future<?> future) throws InterruptedException {
        try {
            future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("a simulator step failed: " + e.getCause(), e.getCause());
        }
    }

    private static URI facilityUri(URI base, String facilityId, String rest) {
        return Endpoints.at(base, "/api/v1/facilities/" + URLEncoder.encode(facilityId, StandardCharsets.UTF_8)
                + rest);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** At most {@code perSecond} items per second overall (0: no limit). */
    static final class Throttle {
        private final double perSecond;
        private final long start = System.nanoTime();
        private double issued;

        Throttle(double perSecond) {
            this.perSecond = perSecond;
        }

        void acquire(int items) throws InterruptedException {
            if (perSecond <= 0) {
                return;
            }
            long waitNanos;
            synchronized (this) {
                issued += items;
                long due = start + (long) (issued / perSecond * 1e9);
                waitNanos = due - System.nanoTime();
            }
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }
}

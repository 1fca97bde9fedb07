package kz.taza.simulator.run;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import kz.taza.simulator.client.Counters;
import kz.taza.simulator.client.Credentials;
import kz.taza.simulator.client.Endpoints;
import kz.taza.simulator.client.ServiceClient.Answer;
import kz.taza.simulator.client.ServiceClient.Call;
import kz.taza.simulator.client.ServiceClient;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.truth.Enforcement.Expected;
import kz.taza.simulator.truth.Enforcement;

/**
 * The inspectors' part after the AMS replay: they read each facility's compliance history (REST) until the notices
 * and unscheduled inspections the exceedances must have caused are there (those of every kind of limit the service
 * finds: {@link Enforcement#expected}), then complete each unscheduled inspection
 * with the violation found, impose the fine, and record the first facility's payment; a facility whose exceedances
 * called for no inspection is fined on its first noticed episode without one.
 */
public final class Officers {

    /** What the officers saw and did. */
    public record Outcome(int expectedNotices, int noticesSeen, int expectedUnscheduled, int unscheduledSeen,
            int completed, LocalDate today) {
    }

    static final Duration WAIT = Duration.ofSeconds(120);

    private final Scenario scenario;
    private final Endpoints endpoints;
    private final ServiceClient client;
    private final Progress progress;
    private final String run;

    public Officers(Scenario scenario, Endpoints endpoints, ServiceClient client, Progress progress) {
        this.scenario = scenario;
        this.endpoints = endpoints;
        this.client = client;
        this.progress = progress;
        this.run = "sim-" + scenario.config().seed();
    }

    public Outcome act(Counters counters) throws InterruptedException {
        progress.phase("inspectors: compliance notices and unscheduled inspections caused by the exceedances");
        List<Expected> expected = Enforcement.expected(scenario);
        int expectedNotices = expected.stream().mapToInt(Expected::notices).sum();
        int expectedUnscheduled = expected.stream().mapToInt(Expected::unscheduled).sum();
        int notices = 0;
        int unscheduled = 0;
        int completed = 0;
        int finedWithoutInspection = 0;
        boolean first = true;
        LocalDate today = LocalDate.now(Scenario.ZONE);
        Counters.Kind seen = counters.of("compliance-reads");
        for (Expected e : expected) {
            URI compliance = Endpoints.at(endpoints.inspection(), "/api/v1/facilities/" + e.facilityId()
                    + "/compliance");
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonNode history = null;
            while (System.nanoTime() < deadline) {
                seen.sent.incrementAndGet();
                Answer answer = client.get(compliance, Credentials.INSPECTOR);
                if (answer.status() == 200 && answer.body() != null) {
                    seen.accepted.incrementAndGet();
                    history = answer.body();
                    if (history.get("notices").size() >= e.notices()
                            && unscheduled(history).size() >= e.unscheduled()) {
                        break;
                    }
                }
                Thread.sleep(250);
            }
            if (history == null) {
                continue;
            }
            notices += history.get("notices").size();
            List<JsonNode> open = unscheduled(history);
            unscheduled += open.size();
            for (JsonNode inspection : open) {
                String id = inspection.get("inspectionId").asString();
                String base = "/api/v1/facilities/" + e.facilityId();
                Answer done = client.send(Call.post("inspections-completed", Credentials.INSPECTOR, Endpoints.at(endpoints.inspection(),
                        base + "/inspections/" + id + "/completion"), Replay.map("completedOn", today.toString(),
                        "violations", List.of(Replay.map("article", "328-1", "description",
                                "Emissions above the permit's limit recorded by the AMS", "severity", "SIGNIFICANT"))),
                        run + "-complete-" + id));
                if (!done.ok()) {
                    continue;
                }
                completed++;
                Answer fine = client.send(Call.post("fines", Credentials.INSPECTOR, Endpoints.at(endpoints.inspection(),
                        base + "/inspections/" + id + "/fines"), Replay.map("amountMci", Enforcement.FINE_MCI,
                        "offenceDate", e.offenceDate().toString()), run + "-fine-" + id));
                if (first && fine.ok() && fine.body() != null && fine.body().has("resourceId")) {
                    long kzt = Enforcement.FINE_MCI * Enforcement.MCI_KZT.get(e.offenceDate().getYear());
                    client.send(Call.post("payments", Credentials.INSPECTOR, Endpoints.at(endpoints.inspection(), base + "/fines/"
                            + fine.body().get("resourceId").asString() + "/payments"), Replay.map("amountKzt", kzt,
                            "paidOn", today.toString()), run + "-pay-" + id));
                }
                first = false;
            }
            if (e.unscheduled() == 0 && history.get("notices").size() > 0) {
                // No inspection was called for: the first noticed episode is fined under art. 328(1) all the same.
                String episode = history.get("notices").get(0).get("exceedanceEventId").asString();
                if (client.send(Call.post("fines", Credentials.INSPECTOR, Endpoints.at(endpoints.inspection(),
                        "/api/v1/facilities/" + e.facilityId() + "/fines"), Replay.map("ground", "AMS_EXCEEDANCE",
                        "exceedanceEventId", episode, "article", "ART_328_1", "amountMci", Enforcement.FINE_MCI,
                        "offenceDate", e.offenceDate().toString()), run + "-episode-fine-" + episode)).ok()) {
                    finedWithoutInspection++;
                }
            }
        }
        progress.phase(String.format(java.util.Locale.ROOT,
                "inspectors: %d/%d notices, %d/%d unscheduled inspections seen (expected), %d completed, %d fined "
                        + "without an inspection", notices, expectedNotices, unscheduled, expectedUnscheduled, completed,
                finedWithoutInspection));
        return new Outcome(expectedNotices, notices, expectedUnscheduled, unscheduled, completed, today);
    }

    private static List<JsonNode> unscheduled(JsonNode history) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode i : history.get("inspections")) {
            if ("UNSCHEDULED".equals(i.get("type").asString()) && "SCHEDULED".equals(i.get("status").asString())) {
                out.add(i);
            }
        }
        return out;
    }
}

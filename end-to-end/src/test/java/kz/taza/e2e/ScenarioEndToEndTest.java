package kz.taza.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.taza.contracts.Headline;
import kz.taza.contracts.KpiCatalogue;
import kz.taza.contracts.access.TazaPrincipals;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.emission.EmissionServiceApplication;
import kz.taza.events.inspection.FineImposed;
import kz.taza.events.permit.PermitIssued;
import kz.taza.forest.TreePlantingServiceApplication;
import kz.taza.inspection.InspectionServiceApplication;
import kz.taza.permit.PermitServiceApplication;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.test.BadBytes;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.ServiceSuite;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.simulator.Simulator;
import kz.taza.simulator.SimulatorOptions;
import kz.taza.simulator.client.Credentials;
import kz.taza.simulator.client.Endpoints;
import kz.taza.simulator.client.IdentityFile;
import kz.taza.simulator.scenario.ScenarioConfig;
import kz.taza.simulator.scenario.ScenarioGenerator;
import kz.taza.simulator.truth.GroundTruth;
import kz.taza.simulator.truth.GroundTruthFile;
import kz.taza.stack.KpiFormat;

/**
 * The whole suite on the in-process broker: the four services, each with its real Spring wiring, driven through their
 * REST APIs by the simulator's scenario scaled down for CI (same calibration), and what an analyst then reads on
 * {@code kpi.values.v1}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioEndToEndTest {

    /**
     * Small enough for CI on 2 cores (50 facilities, 25 plantings a year, one AMS day; the AMS obligation rule gives 25
     * AMS-required sources, of which the enterprises fitted as connected send readings); the calibration holds at any
     * scale. This seed gives concentration exceedances at facilities with limits (one with repeated exceedances, one
     * with a severe one), a flow surge above the g/s limits of two pollutants and one source whose readings cross its
     * t/yr limit.
     */
    static final ScenarioConfig CI_SCENARIO = new ScenarioConfig(2024L, 50, 1, 25, LocalDate.of(2025, 11, 3));
    /** Bound on how long the KPI topic may take to catch up with what the services accepted. */
    static final Duration KPI_CATCH_UP = Duration.ofSeconds(90);

    private ServiceSuite services;
    private KpiTopic kpis;
    private Simulator.Result result;
    private Path groundTruthFile;
    private String issuer;
    private Credentials credentials;

    @BeforeAll
    void givenTheFourServicesDrivenByTheScenario() throws Exception {
        kpis = new KpiTopic();
        Map<String, Class<?>> applications = new java.util.LinkedHashMap<>();
        applications.put("permit-service", PermitServiceApplication.class);
        applications.put("emission-service", EmissionServiceApplication.class);
        applications.put("inspection-service", InspectionServiceApplication.class);
        applications.put("tree-planting-service", TreePlantingServiceApplication.class);
        // Every actor of the scenario has its own identity (each operator's reporting system and gateway too), in an
        // identity provider of its own, as ./taza up runs it; the services trust it.
        Path run = Files.createTempDirectory("taza-e2e");
        Path identities = IdentityFile.forScenario(ScenarioGenerator.generate(CI_SCENARIO))
                .write(run.resolve("identities.properties"));
        SharedIdentityProvider.Launched identity = SharedIdentityProvider.launch(Map.of(
                "spring.config.import", "file:" + identities));
        issuer = identity.issuer();
        services = new ServiceSuite(issuer).startAll(applications);
        Map<String, java.net.URI> management = new java.util.LinkedHashMap<>();
        applications.keySet().forEach(name -> management.put(name, services.managementUrl(name)));
        Endpoints endpoints = new Endpoints(services.url("permit-service"), services.url("emission-service"),
                services.url("inspection-service"), services.url("tree-planting-service"), management);
        groundTruthFile = run.resolve(GroundTruthFile.NAME);
        credentials = Credentials.fromFile(identities, java.net.URI.create(issuer + "/oauth2/token"));
        result = Simulator.run(SimulatorOptions.replay(CI_SCENARIO, groundTruthFile), endpoints, credentials,
                System.out);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (kpis != null) {
            kpis.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    @DisplayName("every request of the scenario is accepted by the services")
    void everyRequestIsAccepted() {
        assertThat(result.counters().totalRejected()).as(result.counters().line()).isZero();
        assertThat(result.counters().of("readings").accepted.get()).isPositive();
    }

    @Test
    @DisplayName("the 2024 headline: reported emissions -6.0% nationally and -50.0% for the top-50 Category I group")
    void theHeadlineFiguresAreOnTheKpiTopic() {
        await().atMost(KPI_CATCH_UP).untilAsserted(() -> {
            assertThat(kpis.value("emissions.reported.change_pct|NATIONAL|YEAR:2024-01-01"))
                    .hasValueSatisfying(v -> assertThat(v).isCloseTo(-6.0, within(0.1)));
            assertThat(kpis.value("emissions.reported.change_pct|GROUP:TOP50_CAT1|YEAR:2024-01-01"))
                    .hasValueSatisfying(v -> assertThat(v).isCloseTo(-50.0, within(0.1)));
        });
    }

    @Test
    @DisplayName("KEP coverage of Category I and of the top-50 group is what the permits issued make it")
    void kepCoverageFollowsThePermitsIssued() {
        List<String> keys = result.groundTruth().keySet().stream()
                .filter(k -> k.startsWith("permits.kep_coverage_pct|")).toList();
        assertThat(keys).hasSize(2);
        await().atMost(KPI_CATCH_UP).untilAsserted(() -> keys.forEach(key -> assertThat(kpis.value(key))
                .as(key).hasValueSatisfying(v -> assertThat(v).isCloseTo(result.groundTruth().get(key),
                        within(0.011)))));
    }

    @Test
    @DisplayName("the tree programme shows 1.37 billion trees planted 2021-2025 and the saxaul hectares on the Aral seabed")
    void treeProgrammeProgress() {
        await().atMost(KPI_CATCH_UP).untilAsserted(() -> {
            assertThat(kpis.value("trees.planted.count|NATIONAL|PROGRAMME:2021-01-01")).contains(1_374_400_000.0);
            assertThat(kpis.value("trees.planted.progress_pct|NATIONAL|PROGRAMME:2021-01-01")).contains(68.72);
            assertThat(kpis.value("trees.planted.count|NATIONAL|YEAR:2021-01-01")).contains(138_000_000.0);
            assertThat(kpis.value("aral.saxaul_hectares|NATIONAL|PROGRAMME:2021-01-01")).contains(792_000.0);
        });
    }

    @Test
    @DisplayName("exceedances in the AMS stream lead to compliance notices and unscheduled inspections, whose completion the KPIs count")
    void exceedancesLeadToNoticesAndUnscheduledInspections() {
        var enforcement = result.enforcement();
        assertThat(enforcement.expectedNotices()).isPositive();
        assertThat(enforcement.expectedUnscheduled()).isEqualTo(2);
        assertThat(enforcement.noticesSeen()).isEqualTo(enforcement.expectedNotices());
        assertThat(enforcement.unscheduledSeen()).isEqualTo(enforcement.expectedUnscheduled());
        assertThat(enforcement.completed()).isEqualTo(2);
        String year = "YEAR:" + enforcement.today().withDayOfYear(1);
        await().atMost(KPI_CATCH_UP).untilAsserted(() -> {
            assertThat(kpis.value("emissions.exceedances.count|NATIONAL|MONTH:2025-11-01"))
                    .contains(result.groundTruth().get("emissions.exceedances.count|NATIONAL|MONTH:2025-11-01"));
            assertThat(kpis.value("inspections.completed.count|NATIONAL|" + year)).contains(2.0);
        });
    }

    @Test
    @DisplayName("every KPI value the ground-truth file names is on the KPI topic")
    void everyGroundTruthValueMatches() throws Exception {
        Map<String, Double> truth = GroundTruthFile.read(groundTruthFile);
        assertThat(truth).isEqualTo(result.groundTruth()).isNotEmpty();
        awaitGroundTruth(truth);
        System.out.printf("e2e: %d ground-truth KPI values matched; %d KPI records, %d keys on the topic;"
                + " replay %.1f s%n", truth.size(), kpis.records(), kpis.keys(), result.replaySeconds());
        assertThat(new ArrayList<>(truth.keySet())).isNotEmpty();
    }

    @Test
    @DisplayName("every KPI record any topology published is in the catalogue: id, unit, scope, granularity, target")
    void everyPublishedKpiIsAsTheCatalogueSays() {
        awaitGroundTruth(result.groundTruth());
        assertThat(kpis.offCatalogue()).as("records on kpi.values.v1 that the KPI catalogue does not describe")
                .isEmpty();
        // and the catalogue lists no KPI that the scenario leaves unpublished
        assertThat(kpis.published()).extracting(KpiTopic.KpiSeries::kpiId).containsAll(
                KpiCatalogue.all().stream().map(KpiDefinition::id).toList());
    }

    @Test
    @DisplayName("every tile of the terminal view names a KPI and scope some topology publishes, and shows a value")
    void everyTileOfTheTerminalViewShowsAValue() {
        awaitGroundTruth(result.groundTruth());
        assertThat(Headline.TILES).allSatisfy(tile -> assertThat(kpis.published())
                .as("%s: %s for %s", tile.label(), tile.kpi().id(), tile.scope())
                .contains(new KpiTopic.KpiSeries(tile.kpi().id(), tile.scope())));
        assertThat(kpis.boardRows()).hasSize(Headline.TILES.size()).allSatisfy(row -> assertThat(row.text())
                .as(row.label()).isNotEqualTo(KpiFormat.NOT_SEEN));
    }

    /**
     * The umbrella chart's Grafana dashboard and alerts read only metrics the services export: every metric name in
     * their expressions is on some service's {@code /actuator/prometheus} after the scenario (and after one poison
     * reading, so that the quarantine counter has a series), apart from Prometheus's own {@code up}.
     */
    @Test
    @DisplayName("every metric the dashboard and the alerts read is one the services export")
    void everyMetricTheMonitoringReadsIsExported() {
        List<String> expressions = MonitoringQueries.expressions(Path.of("..").toAbsolutePath().normalize());
        java.util.Set<String> used = new java.util.TreeSet<>();
        expressions.forEach(expression -> used.addAll(MonitoringQueries.metrics(expression)));
        used.removeAll(MonitoringQueries.PROMETHEUS_OWN);
        assertThat(used).as("metrics of %d expressions", expressions.size())
                .contains("taza_quarantine_records_total", "taza_commands_seconds_count");

        KafkaTestClients.sendRaw(EmissionTopics.AMS_READINGS.name(), "poison-for-metrics", BadBytes.garbage());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            java.util.Set<String> exported = new java.util.TreeSet<>();
            for (String service : List.of("permit-service", "emission-service", "inspection-service",
                    "tree-planting-service")) {
                exported.addAll(metricFamilies(service));
            }
            assertThat(exported).containsAll(used);
        });
    }

    /**
     * The contract as an agency outside Java meets it: the Python example subscriber, signed in as the example agency
     * (read only, its own group prefix), reads every public topic to its end with the published {@code .avsc} files
     * alone, and finds every committed record the topics' own serdes find, with the same key and writer schema,
     * failing exactly on those that do not decode (a test's garbage); the KPI values it decodes are the topic's.
     */
    @Test
    @DisplayName("an agency's Python subscriber decodes every public topic from the published .avsc files alone")
    void anAgencyDecodesEveryPublicTopicInPython() throws Exception {
        awaitGroundTruth(result.groundTruth());
        List<Topic<?, ?>> topics = TazaPrincipals.publicTopics();
        Map<PythonSubscriber.At, PythonSubscriber.Read> inJava = PythonSubscriber.expected(topics);
        PythonSubscriber.Run python = PythonSubscriber.readToEnd(Path.of("..").toAbsolutePath().normalize(),
                topics.stream().<String>map(Topic::name).toList());
        assertThat(python.exitCode()).as(python.stderr()).isEqualTo(python.failed() == 0 ? 0 : 1);
        assertThat(python.records().values().stream().filter(r -> r.error() == null).count())
                .isEqualTo(python.decoded());

        List<String> differences = new ArrayList<>();
        Map<String, Long> perTopic = new TreeMap<>();
        inJava.forEach((at, expected) -> {
            perTopic.merge(at.topic(), 1L, Long::sum);
            PythonSubscriber.Read seen = python.records().get(at);
            if (seen == null) {
                differences.add(at + ": not read by the subscriber");
            } else if (!java.util.Objects.equals(seen.key(), expected.key())
                    || !java.util.Objects.equals(seen.type(), expected.type())
                    || (seen.error() == null) != (expected.error() == null)) {
                differences.add(at + ": Java " + expected + ", Python " + seen);
            } else if (seen.type() != null && !seen.version().startsWith("v")) {
                differences.add(at + ": " + seen.type() + " is in no published .avsc file");
            }
        });
        assertThat(differences).as("%d records of %d", differences.size(), inJava.size()).isEmpty();
        System.out.printf("e2e: the Python subscriber decoded %d records (%d failed) of %d public topics: %s%n",
                python.decoded(), python.failed(), topics.size(), perTopic);
        assertThat(perTopic).containsKeys(PermitTopics.EVENTS.name(), EmissionTopics.EXCEEDANCES.name(),
                InspectionTopics.EVENTS.name(), ForestTopics.FOREST_EVENTS.name(), PlatformTopics.KPI_VALUES.name(),
                PlatformTopics.SCHEMAS.name());

        // and the values are the ones on the topic: the headline, as the Python agency reads it
        String headline = "emissions.reported.change_pct|NATIONAL|YEAR:2024-01-01";
        JsonNode last = python.records().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(PlatformTopics.KPI_VALUES.name())
                        && headline.equals(e.getValue().key()) && e.getValue().value() != null)
                .reduce((first, second) -> second).orElseThrow().getValue().value();
        assertThat(last.get("kpiId").asString()).isEqualTo("emissions.reported.change_pct");
        assertThat(last.get("value").asDouble()).isEqualTo(kpis.value(headline).orElseThrow());
    }

    /** The names of the series a service's management port exports (no token: Prometheus scrapes it without one). */
    private java.util.Set<String> metricFamilies(String service) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create(services.managementUrl(service) + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(service).isEqualTo(200);
        java.util.Set<String> names = new java.util.TreeSet<>();
        answer.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** Waits (bounded) until the KPI topic shows every ground-truth value, and fails naming those that differ. */
    @Test
    @DisplayName("a permit issued and a fine imposed name who decided them in their events, and the history says so")
    void decisionsAreSignedByWhoMadeThem() throws Exception {
        var issuedRecord = KafkaTestClients.readUntil(PermitTopics.EVENTS, records -> records
                .stream().anyMatch(r -> r.value() instanceof PermitIssued)).stream()
                .filter(r -> r.value() instanceof PermitIssued).findFirst().orElseThrow();
        PermitIssued issued = (PermitIssued) issuedRecord.value();
        FineImposed fine = (FineImposed) KafkaTestClients.readUntil(InspectionTopics.EVENTS, records -> records
                .stream().anyMatch(r -> r.value() instanceof FineImposed)).stream()
                .filter(r -> r.value() instanceof FineImposed).findFirst().orElseThrow().value();

        // the events name the officer's and the inspector's clients, with their roles
        assertThat(issued.getMetadata().getActor().getSubject()).isEqualTo(Credentials.OFFICER);
        assertThat(issued.getMetadata().getActor().getRoles()).containsExactly("officer");
        assertThat(fine.getMetadata().getActor().getSubject()).isEqualTo(Credentials.INSPECTOR);

        // and each aggregate's history says who did what and when, pointing at the same events
        JsonNode permitHistory = history("permit-service", issuedRecord.key(), Credentials.OFFICER);
        assertThat(commandBy(permitHistory, "kz.taza.events.permit.IssuePermit", Credentials.OFFICER))
                .hasValueSatisfying(entry -> assertThat(entry.get("eventIds").toString())
                        .contains(issued.getMetadata().getEventId()));
        JsonNode fineHistory = history("inspection-service", fine.getFacilityId(), Credentials.INSPECTOR);
        assertThat(commandBy(fineHistory, "kz.taza.events.inspection.ImposeFine", Credentials.INSPECTOR))
                .hasValueSatisfying(entry -> assertThat(entry.get("eventIds").toString())
                        .contains(fine.getMetadata().getEventId()));
    }

    private JsonNode history(String service, String aggregateId, String identity) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        java.net.URI.create(services.url(service) + "/api/v1/history/" + aggregateId))
                .header("Authorization", "Bearer " + credentials.token(identity)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body());
    }

    private static java.util.Optional<JsonNode> commandBy(JsonNode history, String commandType, String subject) {
        for (JsonNode entry : history.get("commands")) {
            if (entry.get("commandType").asString().equals(commandType)
                    && entry.get("actor").get("subject").asString().equals(subject)) {
                return java.util.Optional.of(entry);
            }
        }
        return java.util.Optional.empty();
    }

    private void awaitGroundTruth(Map<String, Double> truth) {
        await().atMost(KPI_CATCH_UP).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, String> wrong = new TreeMap<>();
            truth.forEach((key, expected) -> {
                var observed = kpis.value(key);
                if (observed.isEmpty() || !GroundTruth.matches(expected, observed.get())) {
                    wrong.put(key, "expected " + expected + ", topic " + observed.map(String::valueOf)
                            .orElse("absent"));
                }
            });
            assertThat(wrong).as("%d of %d ground-truth KPI values differ", wrong.size(), truth.size()).isEmpty();
        });
    }
}

package kz.taza.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.contracts.KpiCatalogue;
import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.kpi.support.KpiFixtures;
import kz.taza.kpi.support.KpiServiceTest;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.TestNames;

/**
 * The KPI service's API on the real broker, as an agency's system or an analyst's script calls it with a bearer token:
 * the catalogue, the history of a KPI, CSV export, live updates, the drill-down of reported emissions, a facility's AMS
 * intervals; bad parameters and callers without the right answered with problem documents.
 *
 * <p>Its values are in years no other test of this JVM uses (2016-2019), since every test reads the same topics.
 */
class KpiApiIntegrationTest extends KpiServiceTest {

    private static final KpiDefinition TONNES = EmissionKpis.REPORTED_TONNES;
    private static final String MANGYSTAU = "REGION:47";

    @LocalServerPort
    int port;

    @Test
    void theCatalogueListsEveryKpiWithItsMeaningUnitTargetAndOwner() {
        http.get().uri("/api/v1/kpis").header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(KpiCatalogue.all().size())
                .jsonPath("$[?(@.id == 'trees.planted.count')].unit").isEqualTo("count")
                .jsonPath("$[?(@.id == 'trees.planted.count')].owner").isEqualTo("tree-planting-service")
                .jsonPath("$[?(@.id == 'trees.planted.count')].targets[0].value").isEqualTo(2.0E9)
                .jsonPath("$[?(@.id == 'emissions.reported.change_pct')].meaning").value(meaning ->
                        assertThat(meaning.toString()).contains("Year-on-year change"))
                .jsonPath("$[?(@.id == 'permits.kep_coverage_pct')].scopes[0]").isEqualTo("CATEGORY:I");

        // and as CSV: a header and one line per KPI
        String csv = http.get().uri("/api/v1/kpis?format=csv").header(HttpHeaders.AUTHORIZATION, bearer("agency"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .returnResult(String.class).getResponseBody();
        assertThat(csv.lines()).hasSize(KpiCatalogue.all().size() + 1).first().asString()
                .isEqualTo("id,meaning,unit,granularities,scopes,targets,owner");
        assertThat(csv).contains("aral.saxaul_hectares,");
    }

    @Test
    void theHistoryOfAKpiForAScopeIsItsLatestValuePerPeriodOldestFirstAndExportsAsCsv() {
        // given three years of Mangystau's reported tonnes, 2017 corrected by a later value
        Instant asOf = Instant.parse("2019-03-31T10:00:00Z");
        KpiFixtures.publish(TONNES, MANGYSTAU, KpiPeriods.year(2017), 900.0, null, 3, asOf);
        KpiFixtures.publish(TONNES, MANGYSTAU, KpiPeriods.year(2016), 1000.0, null, 4, asOf);
        KpiFixtures.publish(TONNES, MANGYSTAU, KpiPeriods.year(2018), 800.5, null, 4, asOf);
        KpiFixtures.publish(TONNES, MANGYSTAU, KpiPeriods.year(2017), 950.0, null, 4, asOf.plusSeconds(60));

        // when / then
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get()
                .uri("/api/v1/kpis/emissions.reported.tonnes/values?scope=REGION:47&granularity=YEAR&from=2016-01-01"
                        + "&to=2018-12-31")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.unit").isEqualTo("t")
                .jsonPath("$.values.length()").isEqualTo(3)
                .jsonPath("$.values[0].periodStart").isEqualTo("2016-01-01")
                .jsonPath("$.values[1].value").isEqualTo(950.0)
                .jsonPath("$.values[1].inputEvents").isEqualTo(4)
                .jsonPath("$.values[1].dataAsOf").isEqualTo("2019-03-31T10:01:00Z")
                .jsonPath("$.values[2].value").isEqualTo(800.5));
        http.get().uri("/api/v1/kpis/emissions.reported.tonnes/values?scope=REGION:47&from=2017-01-01&to=2017-12-31")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectBody().jsonPath("$.values.length()").isEqualTo(1);
        http.get().uri("/api/v1/kpis/emissions.reported.tonnes/current?scope=REGION:47")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.periodStart").value(start ->
                        assertThat(start.toString()).isGreaterThanOrEqualTo("2018-01-01"));

        // and the same query as a CSV download
        var csv = http.get().uri("/api/v1/kpis/emissions.reported.tonnes/values?scope=REGION:47&from=2016-01-01"
                        + "&to=2018-12-31")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).header(HttpHeaders.ACCEPT, "text/csv")
                .exchange().expectStatus().isOk()
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"emissions.reported.tonnes_REGION-47_YEAR.csv\"")
                .returnResult(String.class).getResponseBody();
        assertThat(csv.lines().toList()).containsExactly(
                "kpiId,scope,granularity,periodStart,value,unit,target,baseline,changePct,inputEvents,dataAsOf,"
                        + "computedAt",
                line(csv, 1), line(csv, 2), line(csv, 3));
        assertThat(line(csv, 2)).startsWith("emissions.reported.tonnes,REGION:47,YEAR,2017-01-01,950.0,t,,,,4,"
                + "2019-03-31T10:01:00Z,");
    }

    @Test
    void badParametersAreProblemDocumentsNamingEachParameter() {
        // an unknown KPI is a 404 naming kpiId
        http.get().uri("/api/v1/kpis/emissions.invented/values").header(HttpHeaders.AUTHORIZATION, bearer("analyst"))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/unknown-resource")
                .jsonPath("$.violations[0].field").isEqualTo("kpiId")
                .jsonPath("$.violations[0].code").isEqualTo("UNKNOWN_KPI");
        // a scope the KPI is not published for, a granularity it is not published at, a date that is none, a format
        // that does not exist: one answer naming all four
        http.get().uri("/api/v1/kpis/emissions.reported.tonnes/values?scope=REGION:ATLANTIS&granularity=DAY"
                        + "&from=last-year&format=xlsx")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/invalid-parameter")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.violations[*].field").isEqualTo(List.of("granularity", "from", "format"))
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("granularity:")
                        .contains("is not published at DAY").contains("from: 'last-year' is not a date"));
        http.get().uri("/api/v1/kpis/permits.kep_coverage_pct/values?scope=NATIONAL&from=2025-01-01&to=2024-01-01")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.violations[*].field").isEqualTo(List.of("scope", "from"))
                .jsonPath("$.violations[0].message").value(m -> assertThat(m.toString())
                        .contains("its scopes are [CATEGORY:I, GROUP:TOP50_CAT1]"));
        http.get().uri("/api/v1/drill-down/emissions-reported?year=twenty").header(HttpHeaders.AUTHORIZATION,
                bearer("analyst")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("year");
        http.get().uri("/api/v1/drill-down/emissions-reported/regions/99").header(HttpHeaders.AUTHORIZATION,
                bearer("analyst")).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("regionCode");
    }

    @Test
    void onlyAnalystsAndAgenciesReadAndEveryRefusalIsAProblemDocument() {
        // (the test context's client carries a staff token by default: these calls are made without it)
        RestTestClient anonymous = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        // no token: 401
        anonymous.get().uri("/api/v1/kpis").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
        // a token that is not one of the issuer's: 401
        anonymous.get().uri("/api/v1/kpis").header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token").exchange()
                .expectStatus().isUnauthorized();
        // an officer's token: 403 naming the roles that read
        anonymous.get().uri("/api/v1/kpis").header(HttpHeaders.AUTHORIZATION, bearer("officer")).exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/forbidden")
                .jsonPath("$.requiredRoles").isEqualTo(List.of("agency", "analyst"));
        // a browser without a session is sent to sign in with the identity provider
        anonymous.get().uri("/").header(HttpHeaders.ACCEPT, "text/html").exchange()
                .expectStatus().isFound()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, ".*/oauth2/authorization/taza");
        // the probes stay open, on the management port
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void liveUpdatesStreamEveryNewValueOfTheKpiAsServerSentEvents() throws Exception {
        // given a client with a bearer token reading the stream of one KPI and scope
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/kpis/stream?kpiId=emissions.reported.tonnes"
                                + "&scope=REGION:47"))
                .header(HttpHeaders.AUTHORIZATION, bearer("agency")).header(HttpHeaders.ACCEPT, "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (java.io.IOException e) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        Awaitility.await("stream open").atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":subscribed"));

        // when a value of another scope and then one of the scope are published
        KpiFixtures.publish(TONNES, "REGION:10", KpiPeriods.year(2019), 1.0, null, 1, Instant.now());
        KpiFixtures.publish(TONNES, MANGYSTAU, KpiPeriods.year(2019), 777.25, null, 2, Instant.now());

        // then the stream carries the second one, as a "kpis" event
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream()
                .anyMatch(line -> line.startsWith("data:") && line.contains("\"value\":777.25")));
        assertThat(lines).contains("event:kpis");
        assertThat(lines).noneMatch(line -> line.contains("REGION:10"));
        response.body().close();
    }

    @Test
    void theNationalReportedFigureOfAYearIsTheSumOfItsRegionsAndTheirFacilitiesReportVersions() {
        // given two Atyrau facilities, one in Aktobe, one not registered; 2019 reports, one replaced by a later
        // version and one older version arriving late (which changes nothing)
        String run = TestNames.unique("dd");
        String refinery = run + "-ATY-1";
        String plant = run + "-ATY-2";
        String mine = run + "-AKT-1";
        String unregistered = run + "-XXX-1";
        KpiFixtures.register(refinery, "Atyrau refinery", "23");
        KpiFixtures.register(plant, "Atyrau power plant", "23");
        KpiFixtures.register(mine, "Aktobe chromium mine", "15");
        Instant march = Instant.parse("2020-03-01T09:00:00Z");
        KpiFixtures.report(refinery, 2019, Pollutant.SO2, 1200.4, march);
        var replaced = KpiFixtures.report(refinery, 2019, Pollutant.NOX, 300.0, march);
        var latest = KpiFixtures.report(refinery, 2019, Pollutant.NOX, 310.25, march.plusSeconds(86_400));
        KpiFixtures.report(refinery, 2019, Pollutant.NOX, 999.0, march.minusSeconds(86_400));
        KpiFixtures.report(plant, 2019, Pollutant.SO2, 45.125, march);
        KpiFixtures.report(mine, 2019, Pollutant.DUST, 88.8, march.plusSeconds(3600));
        KpiFixtures.report(unregistered, 2019, Pollutant.CO, 10.0, march);

        // then the national figure counts every latest version, and its regions sum to it
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get()
                .uri("/api/v1/drill-down/emissions-reported?year=2019")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total.tonnes").isEqualTo(1654.575)
                .jsonPath("$.total.inputs").isEqualTo(5)
                .jsonPath("$.total.dataAsOf").isEqualTo("2020-03-02T09:00:00Z")
                .jsonPath("$.rounding.partsSum").isEqualTo(1654.575)
                .jsonPath("$.parts[?(@.id == '23')].figure.tonnes").isEqualTo(1555.775)
                .jsonPath("$.parts[?(@.id == '23')].figure.inputs").isEqualTo(3)
                .jsonPath("$.parts[?(@.id == '15')].figure.tonnes").isEqualTo(88.8)
                .jsonPath("$.parts[?(@.id == 'UNKNOWN')].figure.tonnes").isEqualTo(10.0));
        // a region's facilities
        http.get().uri("/api/v1/drill-down/emissions-reported/regions/23?year=2019")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectBody()
                .jsonPath("$.total.tonnes").isEqualTo(1555.775)
                .jsonPath("$.parts[0].id").isEqualTo(refinery)
                .jsonPath("$.parts[0].figure.tonnes").isEqualTo(1510.65)
                .jsonPath("$.parts[1].name").isEqualTo("Atyrau power plant");
        http.get().uri("/api/v1/drill-down/emissions-reported/regions/UNKNOWN?year=2019")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectBody().jsonPath("$.parts[0].id").isEqualTo(unregistered)
                .jsonPath("$.parts[0].name").isEqualTo("(not registered)");
        // and a facility's versions, the one that counts marked
        http.get().uri("/api/v1/drill-down/facilities/" + refinery).header(HttpHeaders.AUTHORIZATION,
                        bearer("analyst")).exchange()
                .expectBody()
                .jsonPath("$.regionCode").isEqualTo("23")
                .jsonPath("$.reportVersions.length()").isEqualTo(4)
                .jsonPath("$.reportVersions[?(@.reportId == '" + latest.getReportId() + "')].counted")
                .isEqualTo(List.of(true))
                .jsonPath("$.reportVersions[?(@.reportId == '" + replaced.getReportId() + "')].counted")
                .isEqualTo(List.of(false));
        // the regions as CSV
        String csv = http.get().uri("/api/v1/drill-down/emissions-reported?year=2019&format=csv")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .returnResult(String.class).getResponseBody();
        assertThat(csv).startsWith("year,scope,partId,partName,tonnes,inputs,dataAsOf,sharePct\r\n")
                .contains("2019,NATIONAL,23,Atyrau Region,1555.775,3,2020-03-02T09:00:00Z,");
    }

    @Test
    void aFacilitysAmsIntervalsAreKeptWithTheirStatusAndTheMassOfTheValidOnes() {
        // given a facility's gateway sending three intervals, one resent, and a record that is no reading at all
        String facility = TestNames.unique("ams");
        Instant start = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        KafkaTestClients.sendRaw(EmissionTopics.AMS_READINGS.name(), facility, "not avro".getBytes());
        KpiFixtures.reading(facility, start, 100.0, ReadingStatus.VALID);
        KpiFixtures.reading(facility, start.plus(Duration.ofMinutes(20)), 0.0, ReadingStatus.FAULT);
        KpiFixtures.reading(facility, start.plus(Duration.ofMinutes(40)), 200.0, ReadingStatus.VALID);
        KpiFixtures.reading(facility, start.plus(Duration.ofMinutes(40)), 250.0, ReadingStatus.VALID);

        // then its page lists them newest first, each interval once, the VALID ones with their tonnes
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get()
                .uri("/api/v1/drill-down/facilities/" + facility + "/ams-intervals")
                .header(HttpHeaders.AUTHORIZATION, bearer("analyst")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.count").isEqualTo(3)
                .jsonPath("$.keptFor").isEqualTo("PT168H")
                .jsonPath("$.intervals[0].concentrationMgNm3").isEqualTo(250.0)
                .jsonPath("$.intervals[0].tonnes").isEqualTo(0.025)
                .jsonPath("$.intervals[1].status").isEqualTo("FAULT")
                .jsonPath("$.intervals[1].tonnes").doesNotExist()
                .jsonPath("$.intervals[2].tonnes").isEqualTo(0.01));
    }

    private static String line(String csv, int index) {
        return csv.lines().toList().get(index);
    }
}

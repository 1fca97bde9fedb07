package kz.taza.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

import kz.taza.contracts.Headline;
import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.contracts.permit.PermitKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.Pollutant;
import kz.taza.kpi.support.Browser;
import kz.taza.kpi.support.KpiFixtures;
import kz.taza.kpi.support.KpiServiceTest;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.schemas.KpiScopes;

/**
 * The dashboard in a real headless Chromium, signed in as an analyst through the identity provider's page: it loads
 * with no error in the browser's console, its tiles show the values on {@code kpi.values.v1}, a value published while
 * it is open appears without a reload, and the drill-down of the national reported emissions adds up to the national
 * figure. Its values are this JVM's only ones for 2024-2025 headline KPIs and 2024 reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends KpiServiceTest {

    private static final Instant AS_OF = Instant.parse("2025-11-04T18:00:00Z");
    private static final KpiPeriod Y2025 = KpiPeriods.year(2025);

    @LocalServerPort
    int port;

    private Browser browser;
    /** What each tile must show, by label. */
    private final Map<String, String> expected = new LinkedHashMap<>();
    private BigDecimal national2024;

    @BeforeAll
    void givenTheKpisTheServicesPublishedAndAnAnalystSignedIn() {
        national2024 = publishReports2024();
        KpiFixtures.publish(EmissionKpis.REPORTED_TONNES, KpiScopes.NATIONAL, KpiPeriods.year(2023), 2_260_118.0,
                null, 5_000, Instant.parse("2024-03-30T12:00:00Z"));
        KpiFixtures.publish(EmissionKpis.REPORTED_TONNES, KpiScopes.NATIONAL, KpiPeriods.year(2024),
                national2024.doubleValue(), -6.0, 8, AS_OF);
        tile("Emissions change, national", EmissionKpis.REPORTED_CHANGE_PCT, KpiScopes.NATIONAL,
                KpiPeriods.year(2024), -6.0, "\u22126.0 %");
        tile("Emissions change, top 50 (Cat. I)", EmissionKpis.REPORTED_CHANGE_PCT, KpiScopes.TOP50_CAT1,
                KpiPeriods.year(2024), -50.0, "\u221250.0 %");
        tile("KEP coverage (Cat. I)", PermitKpis.KEP_COVERAGE, "CATEGORY:I", Y2025, 62.5, "62.5 %");
        tile("AMS data availability", EmissionKpis.DATA_AVAILABILITY_PCT, KpiScopes.NATIONAL,
                new KpiPeriod(KpiGranularity.MONTH, LocalDate.of(2025, 11, 1)), 97.46, "97.5 %");
        tile("Exceedances", EmissionKpis.EXCEEDANCES_COUNT, KpiScopes.NATIONAL, Y2025, 41, "41");
        tile("Inspections completed", InspectionKpis.INSPECTIONS_COMPLETED, KpiScopes.NATIONAL, Y2025, 12, "12");
        tile("Fines imposed", InspectionKpis.FINES_IMPOSED, KpiScopes.NATIONAL, Y2025, 1_234_567, "1,234,567 KZT");
        tile("Fines collected", InspectionKpis.FINES_COLLECTED, KpiScopes.NATIONAL, Y2025, 987_654, "987,654 KZT");
        tile("Trees planted (of 2 billion)", ForestKpis.PLANTED, KpiScopes.NATIONAL, ForestKpis.PROGRAMME,
                1_374_400_000d, "1,374,400,000");
        tile("Saxaul on the Aral seabed", ForestKpis.ARAL_HECTARES, KpiScopes.NATIONAL, ForestKpis.PROGRAMME,
                792_000, "792,000 ha");
        tile("Seedlings for the year's plan", ForestKpis.MATERIAL_PLAN_COVERAGE, KpiScopes.NATIONAL,
                KpiPeriods.year(2026), 104.25, "104.3 %");
        tile("Forest burned", ForestKpis.FIRE_HECTARES, KpiScopes.NATIONAL, KpiPeriods.year(2023), 116_000,
                "116,000 ha");
        tile("Early fire detection coverage", ForestKpis.DETECTION_HECTARES, KpiScopes.NATIONAL,
                ForestKpis.PROGRAMME, 1_300_000, "1,300,000 ha");
        for (int year = 2021; year <= 2025; year++) {
            KpiFixtures.publish(ForestKpis.PLANTED, KpiScopes.NATIONAL, KpiPeriods.year(year),
                    new double[] {138e6, 328e6, 373.5e6, 265e6, 270e6}[year - 2021], null, 400, AS_OF);
        }
        // every tile of the headline has a value (labels as the page shows them: in capitals)
        assertThat(expected.keySet()).containsExactlyElementsOf(Headline.TILES.stream()
                .map(t -> t.label().toUpperCase(java.util.Locale.ROOT)).toList());
        browser = new Browser();
        SharedIdentityProvider identity = SharedIdentityProvider.get();
        String analyst = identity.person(Role.ANALYST);
        browser.signIn(dashboard(), analyst, identity.passwordOf(analyst));
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void theDashboardLoadsWithNoConsoleErrorAndItsTilesShowTheValuesOnTheKpiTopic() {
        // when the dashboard has loaded
        Awaitility.await("tiles").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(tileTexts()).isEqualTo(expected));
        Awaitility.await("live stream").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(browser.driver().findElement(By.id("live")).getText()).startsWith("live"));
        // then the charts are drawn and the console is clean
        assertThat(browser.driver().findElements(By.cssSelector("#chart-emissions canvas"))).isNotEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot(Path.of("target", "dashboard.png"));
    }

    @Test
    @Order(2)
    void aKpiPublishedWhileTheDashboardIsOpenAppearsWithoutAReload() {
        // given the open dashboard, marked so that a reload would show
        browser.script("window.tazaNotReloaded = true;");
        // when emission-service publishes a new count of this year's exceedances
        KpiFixtures.publish(EmissionKpis.EXCEEDANCES_COUNT, KpiScopes.NATIONAL, Y2025, 42, null, 42, Instant.now());
        // then the tile shows it, and the page is the same page
        Awaitility.await("live tile").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(tileTexts()).containsEntry("EXCEEDANCES", "42"));
        assertThat(browser.script("return window.tazaNotReloaded === true;")).isEqualTo(true);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void theDrillDownOfTheNationalReportedEmissionsAddsUpToTheNationalFigure() {
        // when the analyst opens the drill-down of 2024
        browser.driver().get(dashboard() + "#/drill/2024");
        Awaitility.await("drill-down").atMost(Duration.ofSeconds(20)).until(() ->
                !browser.driver().findElements(By.id("drill-total")).isEmpty());
        // then the regions (and the facilities of no known region) add up to the national figure, which is the one
        // on the KPI topic
        BigDecimal total = new BigDecimal(browser.driver().findElement(By.id("drill-total"))
                .getDomAttribute("data-tonnes"));
        List<WebElement> regions = browser.driver().findElements(By.cssSelector("tr.drill-part"));
        assertThat(regions).extracting(r -> r.getDomAttribute("data-id"))
                .containsExactlyInAnyOrder("55", "35", "23", "UNKNOWN");
        assertThat(sum(regions)).isEqualByComparingTo(total);
        assertThat(total).isEqualByComparingTo(national2024);
        assertThat(browser.driver().findElement(By.tagName("main")).getText())
                .contains("Region not known").contains("on kpi.values.v1");

        // and a region's facilities add up to the region
        BigDecimal pavlodar = new BigDecimal(regions.stream().filter(r -> "55".equals(r.getDomAttribute("data-id")))
                .findFirst().orElseThrow().getDomAttribute("data-tonnes"));
        browser.driver().findElement(By.linkText("Pavlodar Region")).click();
        Awaitility.await("region").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(browser.driver().findElement(By.tagName("h1")).getText()).contains("Pavlodar"));
        List<WebElement> facilities = browser.driver().findElements(By.cssSelector("tr.drill-part"));
        assertThat(facilities).hasSize(2);
        assertThat(sum(facilities)).isEqualByComparingTo(pavlodar);

        // and a facility shows its report versions, the replaced one marked
        browser.driver().findElement(By.linkText("Ekibastuz GRES-1")).click();
        Awaitility.await("facility").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(browser.driver().findElement(By.tagName("main")).getText())
                        .contains("replaced by a later version").contains("AMS intervals"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Each tile's label and value as the page shows them, read at once: live updates redraw the tiles. */
    private Map<String, String> tileTexts() {
        @SuppressWarnings("unchecked")
        List<List<String>> tiles = (List<List<String>>) browser.script("return [...document.querySelectorAll('.tile')]"
                + ".map(t => [t.querySelector('.label').innerText.trim(), t.querySelector('.tile-value').innerText"
                + ".trim()]);");
        Map<String, String> texts = new LinkedHashMap<>();
        tiles.forEach(tile -> texts.put(tile.get(0), tile.get(1)));
        return texts;
    }

    private static BigDecimal sum(List<WebElement> rows) {
        return rows.stream().map(r -> new BigDecimal(r.getDomAttribute("data-tonnes")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void tile(String label, kz.taza.platform.kpi.KpiDefinition kpi, String scope, KpiPeriod period,
            double value, String shown) {
        KpiFixtures.publish(kpi, scope, period, value, null, 17, AS_OF);
        expected.put(label.toUpperCase(java.util.Locale.ROOT), shown);
    }

    /** 2024 reports of five facilities in three regions and one not registered; the national 2024 figure. */
    private static BigDecimal publishReports2024() {
        String run = kz.taza.platform.test.TestNames.unique("ui");
        KpiFixtures.register(run + "-55-1", "Ekibastuz GRES-1", "55");
        KpiFixtures.register(run + "-55-2", "Pavlodar aluminium smelter", "55");
        KpiFixtures.register(run + "-35-1", "Karaganda steel works", "35");
        KpiFixtures.register(run + "-23-1", "Atyrau refinery", "23");
        Instant march = Instant.parse("2025-03-28T09:00:00Z");
        KpiFixtures.report(run + "-55-1", 2024, Pollutant.SO2, 150_000.0, march);
        KpiFixtures.report(run + "-55-1", 2024, Pollutant.SO2, 148_250.5, march.plus(Duration.ofDays(30)));
        KpiFixtures.report(run + "-55-1", 2024, Pollutant.DUST, 60_200.25, march);
        KpiFixtures.report(run + "-55-2", 2024, Pollutant.SO2, 35_400.125, march);
        KpiFixtures.report(run + "-35-1", 2024, Pollutant.CO, 210_000.0, march);
        KpiFixtures.report(run + "-35-1", 2024, Pollutant.NOX, 19_999.999, march);
        KpiFixtures.report(run + "-23-1", 2024, Pollutant.SO2, 12_345.678, march);
        KpiFixtures.report(run + "-XX-1", 2024, Pollutant.DUST, 1_000.0, march);
        return new BigDecimal("148250.5").add(new BigDecimal("60200.25")).add(new BigDecimal("35400.125"))
                .add(new BigDecimal("210000.0")).add(new BigDecimal("19999.999")).add(new BigDecimal("12345.678"))
                .add(new BigDecimal("1000.0"));
    }

    private String dashboard() {
        return "http://127.0.0.1:" + port + "/";
    }
}

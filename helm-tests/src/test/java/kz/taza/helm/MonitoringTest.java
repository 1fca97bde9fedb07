package kz.taza.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The umbrella chart's optional monitoring: the Grafana dashboard as a ConfigMap for Grafana's sidecar and the
 * PrometheusRule with the alerts, each alert pointing at its section of docs/runbook.md and reading the release's
 * services only. That every metric they read is one the services export is checked by the end-to-end test, which runs
 * the services.
 */
class MonitoringTest {

    private static Manifests monitored;

    @BeforeAll
    static void render() {
        monitored = Charts.renderUmbrella(List.of("ci/default-values.yaml"), Map.of(
                "monitoring.grafanaDashboard.enabled", true,
                "monitoring.prometheusRule.enabled", true,
                "monitoring.prometheusRule.labels.release", "kube-prometheus-stack",
                "monitoring.prometheusRule.alerts.consumerLagRecords", 5000));
    }

    @Test
    void theDashboardIsTheFileInAConfigMapTheSidecarFinds() throws IOException {
        // when
        Map<String, Object> configMap = monitored.named("ConfigMap", "taza-grafana-dashboard");
        // then
        assertThat(Manifests.<String>at(configMap, "metadata", "labels", "grafana_dashboard")).isEqualTo("1");
        String json = Manifests.at(configMap, "data", "taza-services.json");
        String file = Files.readString(Charts.source().resolve("taza/files/monitoring/taza-dashboard.json"));
        JsonNode dashboard = JsonMapper.builder().build().readTree(json);
        assertThat(dashboard).isEqualTo(JsonMapper.builder().build().readTree(file));
        assertThat(dashboard.get("uid").asString()).isEqualTo("taza-services");
        List<String> titles = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> titles.add(panel.get("title").asString()));
        assertThat(titles).contains("Consumer lag per input topic", "Records quarantined per topic",
                "Stream threads alive and failed", "Command latency (p50, p99)", "KPI freshness: KPI records written");
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookSectionThatExists() throws IOException {
        // given
        Set<String> anchors = Files.readAllLines(Charts.repositoryRoot().resolve("docs/runbook.md")).stream()
                .filter(line -> line.startsWith("#")).map(MonitoringTest::anchor).collect(Collectors.toSet());
        // when
        Map<String, Object> rule = monitored.named("PrometheusRule", "taza-alerts");
        List<Map<String, Object>> alerts = Manifests.at(rule, "spec", "groups", 0, "rules");
        // then
        assertThat(Manifests.<String>at(rule, "metadata", "labels", "release")).isEqualTo("kube-prometheus-stack");
        assertThat(alerts).extracting(alert -> alert.get("alert")).containsExactly("TazaServiceDown",
                "TazaStreamsNotRunning", "TazaStreamThreadFailed", "TazaConsumerLagHigh", "TazaRecordsQuarantined",
                "TazaCommandResultsLate", "TazaCommandsNotSent", "TazaKpisNotUpdated");
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            assertThat(Manifests.<String>at(alert, "labels", "severity")).as(name).isIn("warning", "critical");
            assertThat(Manifests.<String>at(alert, "annotations", "summary")).as(name).isNotBlank();
            assertThat(Manifests.<String>at(alert, "annotations", "description")).as(name).isNotBlank();
            String runbook = Manifests.at(alert, "annotations", "runbook_url");
            assertThat(runbook).as(name).startsWith("https://github.com/taza/taza/blob/main/docs/runbook.md#");
            assertThat(anchors).as(name + " runbook section").contains(runbook.substring(runbook.indexOf('#') + 1));
            // only the release's services, by the job names of their management Services
            assertThat((String) alert.get("expr")).as(name)
                    .contains("namespace=\"taza\", job=~\"taza-.+-management\"");
        }
        assertThat((String) alerts.get(3).get("expr")).endsWith("> 5000");
    }

    @Test
    void neitherIsRenderedUnlessAskedFor() {
        Manifests defaults = Charts.renderUmbrella(List.of("ci/default-values.yaml"), Map.of());
        assertThat(defaults.all()).extracting(d -> d.get("kind")).doesNotContain("PrometheusRule", "ConfigMap");
    }

    /** The anchor GitHub gives a Markdown heading. */
    private static String anchor(String heading) {
        return heading.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
                .replace(' ', '-');
    }
}

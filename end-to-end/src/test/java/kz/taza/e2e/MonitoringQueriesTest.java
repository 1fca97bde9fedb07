package kz.taza.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The metric names of a PromQL expression, so that the end-to-end check of the monitoring checks the right names. */
class MonitoringQueriesTest {

    @Test
    void takesOutFunctionsLabelsRangesGroupingsAndTemplateActions() {
        assertThat(MonitoringQueries.metrics("histogram_quantile(0.99, sum by (le, topic) "
                + "(rate(taza_commands_seconds_bucket{namespace=\"$namespace\", result=\"answered\"}[$__rate_interval])))"))
                .containsExactly("taza_commands_seconds_bucket");
        assertThat(MonitoringQueries.metrics("sum by (job) (rate(a_total{ {{- $sel -}}, result=\"late\"}[5m])) "
                + "/ sum by (job) (rate(b_total{x=\"{y}\"}[5m])) > {{ $a.lateCommandsRatio }}"))
                .containsExactly("a_total", "b_total");
        assertThat(MonitoringQueries.metrics("up{job=~\"taza-.+\"} == 0 and on (instance) c > 1e3"))
                .containsExactly("c", "up");
    }

    @Test
    void readsEveryPanelAndEveryAlertOfTheUmbrellaChart() {
        var expressions = MonitoringQueries.expressions(Path.of("..").toAbsolutePath().normalize());
        // the dashboard's 15 queries and the 8 alerts
        assertThat(expressions).hasSize(23).allSatisfy(e -> assertThat(MonitoringQueries.metrics(e)).isNotEmpty());
    }
}

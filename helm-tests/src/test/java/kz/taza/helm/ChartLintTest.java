package kz.taza.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/**
 * Every chart passes {@code helm lint --strict}, schema included. Lint renders a chart with its own values.yaml, in
 * which the bootstrap servers and the token issuer are empty on purpose (rendering fails without them): the lint copy
 * gets the CI placeholders in those two values, nothing else.
 */
class ChartLintTest {

    static List<String> charts() {
        List<String> charts = new ArrayList<>(List.of(Charts.LIBRARY));
        charts.addAll(Charts.SERVICES);
        charts.add(Charts.UMBRELLA);
        return charts;
    }

    @ParameterizedTest(name = "{0} passes strict lint")
    @MethodSource("charts")
    void chartPassesStrictLint(String chart) throws IOException {
        // given: the chart, with the placeholder bootstrap servers and issuer in its values
        Path dir = Charts.chart(chart);
        Path values = dir.resolve("values.yaml");
        String original = Files.readString(values);
        String linted = original.replace("bootstrapServers: \"\"", "bootstrapServers: \"" + Charts.CI_BOOTSTRAP + "\"")
                .replace("issuerUri: \"\"", "issuerUri: \"" + Charts.CI_ISSUER + "\"");
        Files.writeString(values, linted);
        try {
            // when
            LintResult result = new Helm(dir).lint().strict().call();
            // then
            assertThat(result.getMessages()).as("lint messages of %s", chart)
                    .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
            assertThat(result.isFailed()).as("lint of %s failed: %s", chart, result.getMessages()).isFalse();
        } finally {
            Files.writeString(values, original);
        }
    }
}

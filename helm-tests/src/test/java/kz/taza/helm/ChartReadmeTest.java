package kz.taza.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chart has a README, and its table of values is the one {@code values.yaml} documents
 * ({@link ValuesDocumentation}): every value with its type, default and meaning, none left without a comment. When
 * a values file changed, the failure shows the table to paste between the README's markers; run with
 * {@code -Dtaza.helm.updateReadmes=true} to write it there instead.
 */
class ChartReadmeTest {

    static final String BEGIN = "<!-- values: generated from values.yaml by helm-tests (ChartReadmeTest); do not edit by hand -->";
    static final String END = "<!-- end of values -->";

    static List<String> chartsWithValues() {
        List<String> charts = new ArrayList<>(Charts.SERVICES);
        charts.add(Charts.UMBRELLA);
        return charts;
    }

    @ParameterizedTest(name = "{0}: every value in values.yaml is documented")
    @MethodSource("chartsWithValues")
    void everyValueHasAComment(String chart) throws IOException {
        ValuesDocumentation doc = ValuesDocumentation.of(Charts.source().resolve(chart));
        assertThat(doc.undocumented()).as("values of helm/%s/values.yaml without a # -- comment", chart).isEmpty();
        assertThat(doc.values()).isNotEmpty().allSatisfy(v -> assertThat(v.meaning()).isNotBlank());
    }

    @ParameterizedTest(name = "{0}: the README's table of values is values.yaml's")
    @MethodSource("chartsWithValues")
    void readmeListsEveryValueWithTypeDefaultAndMeaning(String chart) throws IOException {
        // given
        Path readme = Charts.source().resolve(chart).resolve("README.md");
        assertThat(readme).as("helm/%s/README.md", chart).exists();
        String text = Files.readString(readme);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("%s has the values markers", readme).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        // when
        String expected = ValuesDocumentation.of(Charts.source().resolve(chart)).markdownTable();
        String inReadme = text.substring(begin + BEGIN.length(), end).strip() + "\n";
        // then
        if (Boolean.getBoolean("taza.helm.updateReadmes")) {
            Files.writeString(readme, text.substring(0, begin + BEGIN.length()) + "\n" + expected
                    + text.substring(end));
            return;
        }
        assertThat(inReadme).as("the values table of %s (paste between the markers, or run with"
                + " -Dtaza.helm.updateReadmes=true)", readme).isEqualTo(expected);
    }

    @Test
    void theLibrarysReadmeNamesEveryTemplateItDefines() throws IOException {
        // given: the named templates of the library chart
        Path library = Charts.source().resolve(Charts.LIBRARY);
        TreeSet<String> defined = new TreeSet<>();
        Pattern define = Pattern.compile("define \"(taza-lib\\.[A-Za-z]+)\"");
        try (Stream<Path> templates = Files.list(library.resolve("templates"))) {
            for (Path template : templates.toList()) {
                Matcher m = define.matcher(Files.readString(template));
                while (m.find()) {
                    defined.add(m.group(1));
                }
            }
        }
        // then
        String readme = Files.readString(library.resolve("README.md"));
        assertThat(defined).isNotEmpty().allSatisfy(name ->
                assertThat(readme).as("helm/taza-lib/README.md names %s", name).contains("`" + name + "`"));
    }
}

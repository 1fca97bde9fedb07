package kz.taza.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every current schema is FULL_TRANSITIVE compatible with all its published versions: producers and consumers of
 * any version can upgrade in any order. The fixtures prove the same check does fail.
 */
class SchemaCompatibilityTest {

    static Stream<String> publishedTypes() {
        return SchemaHistory.shipped().types().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedTypes")
    void currentSchemaReadsAndIsReadByEveryPublishedVersion(String type) {
        // given the schema generated from src/main/avro today
        Schema current = GeneratedTypes.currentSchema(type);

        // when it is checked against every published version
        List<String> problems = SchemaEvolution.incompatibilities(current, SchemaHistory.shipped().versionsOf(type));

        // then there is nothing to report
        assertThat(problems).as(type + " against its history").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"incompatible-dropped-field", "incompatible-changed-type"})
    void incompatibleChangeIsReported(String fixture) throws IOException {
        // given a v2 that v1 readers cannot read (dropped field without default, or changed type)
        Schema v1 = fixture(fixture, "v1");
        Schema v2 = fixture(fixture, "v2");

        // when the check runs as it runs for the real schemas
        List<String> problems = SchemaEvolution.incompatibilities(v2, List.of(v1));

        // then it names the field
        assertThat(problems).isNotEmpty().anyMatch(p -> p.contains("tonnes"));
        assertThat(SchemaEvolution.isFullTransitive(v2, List.of(v1))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"compatible-added-field", "compatible-added-enum-symbol"})
    void addingAFieldWithADefaultOrAnEnumSymbolIsCompatible(String fixture) throws IOException {
        Schema v1 = fixture(fixture, "v1");
        Schema v2 = fixture(fixture, "v2");

        assertThat(SchemaEvolution.incompatibilities(v2, List.of(v1))).isEmpty();
    }

    @Test
    void incompatibilityWithAnEarlierVersionIsReportedNotOnlyWithTheLatest() throws IOException {
        // given a history v1 (with tonnes), v2 (without it), and a current schema equal to v2:
        // compatible with the latest version, not with the first
        Schema v1 = fixture("incompatible-dropped-field", "v1");
        Schema v2 = fixture("incompatible-dropped-field", "v2");

        List<String> problems = SchemaEvolution.incompatibilities(v2, List.of(v1, v2));

        assertThat(problems).isNotEmpty().anyMatch(p -> p.contains("v1"));
    }

    private Schema fixture(String name, String version) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/compatibility/" + name + "/" + version + ".avsc")) {
            assertThat(in).as(name + "/" + version).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}

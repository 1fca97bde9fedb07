package kz.taza.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import kz.taza.schemas.codec.SchemaCatalogue;
import kz.taza.schemas.codec.SingleObjectEncoding;

/** The shipped history is complete, consistent with its index, and loaded without class-path scanning. */
class SchemaHistoryTest {

    // Surefire runs with the module directory as working directory.
    private static final Path HISTORY_DIR = Path.of("src/main/avro-history");
    private static final Path SCHEMA_DIR = Path.of("src/main/avro");

    @Test
    void indexListsExactlyTheFilesInTheHistoryDirectory() throws IOException {
        // given the files a developer added to the history directory
        List<String> files;
        try (Stream<Path> walk = Files.walk(HISTORY_DIR)) {
            files = walk.filter(Files::isRegularFile)
                    .map(p -> HISTORY_DIR.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals(SchemaHistory.INDEX))
                    .sorted().toList();
        }

        // when the index shipped in the jar is read
        List<String> indexed = SchemaHistory.shipped().entries().stream().sorted().toList();

        // then both name the same versions: nothing unlisted, nothing listed but missing
        assertThat(files).as("files in " + HISTORY_DIR + " vs. its INDEX").isEqualTo(indexed);
        assertThat(files).isNotEmpty().allMatch(f -> f.matches("[A-Za-z0-9_.]+/v[1-9][0-9]*\\.avsc"), "<full.Name>/v<N>.avsc");
    }

    @Test
    void sharedRecordsArePublishedAsVersionOne() {
        SchemaHistory history = SchemaHistory.shipped();

        assertThat(history.types()).contains("kz.taza.events.common.EventMetadata",
                "kz.taza.events.common.KpiValue", "kz.taza.events.common.CommandResult",
                "kz.taza.events.common.KpiPeriod", "kz.taza.events.common.FieldViolation");
        assertThat(history.versionsOf("kz.taza.events.common.KpiValue")).hasSize(1);
    }

    @Test
    void everyRecordSchemaHasAPublishedVersion() throws IOException {
        // given every record schema in src/main/avro/<domain>/<Name>.avsc (generated as kz.taza.events.<domain>.<Name>)
        List<String> unpublished = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SCHEMA_DIR)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".avsc")).sorted().toList()) {
                Path relative = SCHEMA_DIR.relativize(file);
                String fullName = "kz.taza.events." + relative.toString().replace('\\', '/')
                        .replace('/', '.').replaceAll("\\.avsc$", "");
                Class<?> generated = GeneratedTypes.classOf(fullName);
                assertThat(generated).as(file + " must define " + fullName).isNotNull();
                if (!SpecificRecord.class.isAssignableFrom(generated)) {
                    continue; // enums are published inside the records that use them
                }
                // then each has a history, or the failure says exactly what to add
                if (SchemaHistory.shipped().versionsOf(fullName).isEmpty()) {
                    unpublished.add("add " + HISTORY_DIR + "/" + fullName + "/v1.avsc, listed in INDEX as "
                            + fullName + "/v1.avsc, containing:\n"
                            + SchemaHistory.publishedForm(SpecificData.get().getSchema(generated)));
                }
            }
        }
        assertThat(unpublished).as("record schemas without a published version").isEmpty();
    }

    @Test
    void publishedFormIsLanguageNeutralAndKeepsTheFingerprint() {
        Schema current = kz.taza.events.common.CommandResult.getClassSchema();

        String published = SchemaHistory.publishedForm(current);

        assertThat(current.toString()).contains("avro.java.string");
        assertThat(published).doesNotContain("avro.java.string").contains("\"FieldViolation\"");
        assertThat(SingleObjectEncoding.fingerprint(new Schema.Parser().parse(published)))
                .isEqualTo(SingleObjectEncoding.fingerprint(current));
    }

    @Test
    void shippedCatalogueKnowsCurrentAndPublishedVersionsOfEveryType() {
        SchemaCatalogue catalogue = SchemaCatalogue.shipped();

        for (SchemaHistory.PublishedVersion version : SchemaHistory.shipped().versions()) {
            Schema current = GeneratedTypes.currentSchema(version.type());
            assertThat(catalogue.find(SingleObjectEncoding.fingerprint(version.schema()))).as(version.entry()).isPresent();
            assertThat(catalogue.find(SingleObjectEncoding.fingerprint(current))).as(version.type()).isPresent();
        }
    }

    @Test
    void indexThatSkipsAVersionIsRefused() {
        assertThatThrownBy(() -> SchemaHistory.load(getClass().getClassLoader(), "history-fixtures/gap"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v3").hasMessageContaining("v2 was expected");
    }

    @Test
    void indexThatListsAMissingFileIsRefused() {
        assertThatThrownBy(() -> SchemaHistory.load(getClass().getClassLoader(), "history-fixtures/missing-file"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kz.taza.events.fixture.EmissionTotal/v1.avsc");
    }

    @Test
    void missingIndexIsRefused() {
        assertThatThrownBy(() -> SchemaHistory.load(getClass().getClassLoader(), "no-such-history"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no-such-history/INDEX");
    }
}

package kz.taza.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import kz.taza.contracts.permit.PermitKpis;
import kz.taza.platform.kpi.KpiDefinition;

/**
 * The KPI tables of the services' READMEs and the KPI section of {@code docs/asyncapi.yaml} are the catalogue's. When
 * one drifts, the failure carries the block to paste in its place.
 */
class KpiDocsTest {

    @ParameterizedTest(name = "{0}/README.md lists the KPIs it owns as the catalogue does")
    @ValueSource(strings = {"permit-service", "emission-service", "inspection-service", "tree-planting-service"})
    void eachServiceReadmeHasTheCataloguesTableOfItsKpis(String service) {
        Path readme = KpiDocs.root().resolve(service).resolve("README.md");
        KpiDocs.drift(KpiDocs.read(readme), KpiDocs.markdownTable(KpiCatalogue.ownedBy(service)),
                service + "/README.md").ifPresent(message -> fail(message));
    }

    @Test
    void theAsyncApiDocumentListsEveryKpiOfTheCatalogue() {
        String document = KpiDocs.read(KpiDocs.root().resolve("docs").resolve("asyncapi.yaml"));
        KpiDocs.drift(document, KpiDocs.asyncApiBlock(KpiCatalogue.all()), "docs/asyncapi.yaml")
                .ifPresent(message -> fail(message));
        // and the block is part of the KPI channel, as data a reader of the document can use
        Map<String, Object> root = new Yaml().load(document);
        List<Map<String, Object>> kpis = at(root, "channels", "kpiValues", "x-taza-kpis");
        assertThat(kpis).extracting(k -> k.get("id"))
                .containsExactlyElementsOf(KpiCatalogue.all().stream().map(KpiDefinition::id).toList());
        assertThat(kpis).filteredOn(k -> "permits.kep_coverage_pct".equals(k.get("id"))).singleElement()
                .satisfies(k -> {
                    assertThat(k.get("unit")).isEqualTo("pct");
                    assertThat(k.get("scopes")).isEqualTo(List.of("CATEGORY:I", "GROUP:TOP50_CAT1"));
                });
    }

    @Test
    void aTableThatDriftedIsReportedWithTheTableToPaste() {
        // given a README whose KEP coverage row still says % and NATIONAL
        String expected = KpiDocs.markdownTable(PermitKpis.all());
        String drifted = "# permit-service\n\n## KPIs\n" + expected.replace("| `pct` |", "| `%` |")
                .replace("`CATEGORY:I`, ", "`NATIONAL`, ") + "\nMore text.\n";

        // then the check fails, naming the file and giving the catalogue's table
        assertThat(KpiDocs.drift(drifted, expected, "permit-service/README.md")).hasValueSatisfying(message -> {
            assertThat(message).startsWith("permit-service/README.md: the KPI block differs");
            assertThat(message).endsWith(expected);
        });
        // a README without the block is told where to put it
        assertThat(KpiDocs.drift("# permit-service\n", expected, "permit-service/README.md"))
                .hasValueSatisfying(message -> assertThat(message).contains("has no KPI block").endsWith(expected));
        // and the right table passes, whatever surrounds it
        assertThat(KpiDocs.drift("intro\n" + expected + "outro\n", expected, "README.md")).isEmpty();
    }

    @Test
    void theAsyncApiBlockIsValidYamlThatReadsBackAsTheCatalogue() {
        String block = KpiDocs.asyncApiBlock(KpiCatalogue.all());
        Map<String, Object> parsed = new Yaml().load(block.stripIndent());
        List<Map<String, Object>> kpis = at(parsed, "x-taza-kpis");
        assertThat(kpis).hasSize(KpiCatalogue.all().size());
        assertThat(kpis.get(0)).containsEntry("id", "permits.active.count").containsEntry("unit", "count")
                .containsEntry("scopes", List.of("NATIONAL", "PERMIT_TYPE:*")).containsEntry("targets", List.of());
        assertThat(kpis).filteredOn(k -> "trees.planted.count".equals(k.get("id"))).singleElement()
                .satisfies(k -> assertThat(k.get("targets")).isEqualTo(List.of(
                        Map.of("value", 2_000_000_000, "scope", "NATIONAL", "granularity", "PROGRAMME"))));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
            assertThat(node).as("%s in docs/asyncapi.yaml", String.join(".", path)).isNotNull();
        }
        return (T) node;
    }
}

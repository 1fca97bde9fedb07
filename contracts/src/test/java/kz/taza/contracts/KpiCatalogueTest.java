package kz.taza.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionKpis;
import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.inspection.InspectionKpis;
import kz.taza.contracts.permit.PermitKpis;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.KpiUnit;

/** The KPI catalogue: every id once, each definition complete and owned by the service of its domain. */
class KpiCatalogueTest {

    /** Each domain's definitions and the service that must own them. */
    private static final Map<String, List<KpiDefinition>> BY_OWNER = Map.of(
            "permit-service", PermitKpis.all(),
            "emission-service", EmissionKpis.all(),
            "inspection-service", InspectionKpis.all(),
            "tree-planting-service", ForestKpis.all());

    @Test
    void everyKpiIdIsInTheCatalogueOnceAndFoundById() {
        List<KpiDefinition> domains = new ArrayList<>();
        BY_OWNER.values().forEach(domains::addAll);

        assertThat(KpiCatalogue.all()).extracting(KpiDefinition::id).doesNotHaveDuplicates();
        assertThat(KpiCatalogue.all()).containsExactlyInAnyOrderElementsOf(domains);
        assertThat(KpiCatalogue.all()).allSatisfy(kpi -> assertThat(KpiCatalogue.byId(kpi.id())).containsSame(kpi));
        assertThat(KpiCatalogue.byId("permits.kep_coverage")).isEmpty();
    }

    @Test
    void everyDefinitionIsCompleteAndOwnedByItsDomainsService() {
        BY_OWNER.forEach((owner, kpis) -> assertThat(kpis).isNotEmpty().allSatisfy(kpi -> {
            assertThat(kpi.owner()).as(kpi.id()).isEqualTo(owner);
            // one sentence for analysts: a capital, no full stop inside, a full stop at the end
            assertThat(kpi.meaning()).as(kpi.id()).matches("[A-Z].*\\.").doesNotContain(". ");
            assertThat(kpi.unit()).as(kpi.id()).isNotNull();
            assertThat(kpi.granularities()).as(kpi.id()).isNotEmpty();
            assertThat(kpi.scopes()).as(kpi.id()).isNotEmpty();
        }));
        assertThat(KpiCatalogue.ownedBy("tree-planting-service")).isEqualTo(ForestKpis.all());
    }

    @Test
    void theUnitIsTheOneTheIdSpeaksOf() {
        // an id that says pct is published in pct, and only those: one spelling of percent on the topic
        assertThat(KpiCatalogue.all()).allSatisfy(kpi -> {
            assertThat(kpi.id().contains("_pct")).as(kpi.id()).isEqualTo(kpi.unit() == KpiUnit.PERCENT);
            assertThat(kpi.id().endsWith("_kzt")).as(kpi.id()).isEqualTo(kpi.unit() == KpiUnit.TENGE);
            assertThat(kpi.id().contains("tonnes")).as(kpi.id()).isEqualTo(kpi.unit() == KpiUnit.TONNES);
            assertThat(kpi.id().contains("hectares")).as(kpi.id()).isEqualTo(kpi.unit() == KpiUnit.HECTARES);
        });
    }

    @Test
    void theProgrammesTargetsAreWhereTheProgrammeSetsThem() {
        assertThat(ForestKpis.PLANTED.target("NATIONAL", ForestKpis.PROGRAMME.getGranularity()))
                .isEqualTo(2_000_000_000d);
        assertThat(ForestKpis.PLANTED.target("REGION:43", ForestKpis.PROGRAMME.getGranularity())).isNull();
        assertThat(ForestKpis.ARAL_HECTARES.target("NATIONAL", ForestKpis.PROGRAMME.getGranularity()))
                .isEqualTo(1_100_000d);
        assertThat(ForestKpis.SURVIVAL_YEAR_3.target("REGION:11", KpiPeriods.year(2022).getGranularity()))
                .isEqualTo(65d);
        assertThat(PermitKpis.KEP_COVERAGE.target("GROUP:TOP50_CAT1", KpiPeriods.year(2025).getGranularity()))
                .isEqualTo(100d);
        assertThat(PermitKpis.KEP_COVERAGE.target("CATEGORY:I", KpiPeriods.year(2025).getGranularity())).isNull();
        assertThat(EmissionKpis.all()).allSatisfy(kpi -> assertThat(kpi.targets()).isEmpty());
    }

    @Test
    void aRecordIsCheckedAgainstTheDefinitionOfItsId() {
        KpiValue published = InspectionKpis.FINES_IMPOSED.value("REGION:55", KpiPeriods.year(2025), 393_200, null,
                null, 1, Instant.EPOCH, Instant.EPOCH);
        assertThat(KpiCatalogue.problemsWith(published)).isEmpty();

        published.setKpiId("fines.imposed");
        assertThat(KpiCatalogue.problemsWith(published)).containsExactly("fines.imposed is not in the KPI catalogue");
        published.setKpiId("fines.imposed_kzt");
        published.setUnit("tenge");
        assertThat(KpiCatalogue.problemsWith(published)).singleElement().asString().contains("unit tenge");
    }
}

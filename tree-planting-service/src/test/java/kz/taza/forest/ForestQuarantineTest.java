package kz.taza.forest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import kz.taza.contracts.forest.ForestKpis;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.Region;
import kz.taza.events.forest.SetPlantingPlan;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.test.QuarantineContract;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.schemas.KpiKeys;

/**
 * tree-planting-service quarantines every record it cannot read, on every topic it consumes, and goes on. The good
 * records are of 1995, a year no other test looks at.
 */
class ForestQuarantineTest extends QuarantineContract {

    @Override
    protected List<Sample<?>> samples() {
        LocalDate day = LocalDate.of(1995, 5, 10);
        Instant at = Instant.parse("1995-05-10T00:00:00Z");
        KpiValue planted = ForestKpis.PLANTED.value("REGION:62", KpiPeriods.containing(KpiGranularity.YEAR, day),
                1_000, null, null, 1, at, at);
        return List.of(
                Sample.of(ForestTopics.FOREST_COMMANDS, "plan:62:1995", new SetPlantingPlan(Region.ULYTAU, 1995,
                        10_000L, 5.0)),
                Sample.of(ForestTopics.FOREST_EVENTS, "62", ForestFixtures.planting(TestNames.unique("p-quarantine"),
                        Region.ULYTAU, day, 1_000, 0.5, false)),
                Sample.of(PlatformTopics.KPI_VALUES, KpiKeys.key(planted), planted));
    }
}

package kz.taza.forest.topology;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.contracts.forest.ForestKpis;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.Region;
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialKind;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingPlanSet;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.forest.domain.Programme;
import kz.taza.platform.kpi.KpiPeriods;
import kz.taza.platform.kpi.Micros;
import kz.taza.schemas.KpiScopes;

/**
 * What one forest event adds to which KPI totals, and under which fact it is remembered.
 * <ul>
 * <li>A planting adds its trees to the planted count and to plan fulfilment of its calendar year, and, from the
 * programme's start, to the programme's cumulative count; on the Aral seabed its hectares go to the Aral totals (year
 * and programme). Fact: the plantingId, so a repeated planting replaces itself.</li>
 * <li>A plan sets the denominator of plan fulfilment, and of the plan's coverage by planting material, of its region
 * and year (and the national sum). Fact: region and year, so a new plan replaces the old one.</li>
 * <li>A survey adds its alive and alive + dead counts to the survival of its survey year (1 or 3), for the year the
 * surveyed trees were planted (their cohort) and for the programme. The planted count is never used: reported
 * plantings are known to be padded. Fact: planting and survey year, so a later survey of the same planting and year
 * replaces (corrects) the earlier one.</li>
 * <li>A fire report counts one fire in the year and region of its report, and its reported hectares as burned;
 * its extinguishment (same fact) replaces them with the final area, and a corrected extinguishment replaces that. A
 * containment adds nothing. Fact: the fireId, so the latest of report and extinguishments is what counts.</li>
 * <li>A detection system adds its covered hectares to the year it was installed and to the PROGRAMME period, which
 * for coverage is every system so far (coverage is a stock; systems installed before 2021 count too). Fact: the
 * systemId.</li>
 * <li>A lot of planting material adds its quantity to its planting year: seedlings and saplings (pieces) to the
 * seedlings prepared and to the numerator of the plan's coverage, seed (kilograms) to the seed prepared, in tonnes. A
 * lot of a kind this reader does not know adds nothing. Its corrections (same fact) state the lot's quantity from then
 * on and replace it. Fact: the lotId.</li>
 * </ul>
 * Each total is kept nationally and for the event's region. Planting and survey dates are Kazakhstan dates already,
 * so their calendar year is the KPI year.
 */
final class ForestContributions {

    private ForestContributions() {
    }

    /** The fact an event states, by which a repeat or a correction is recognised; empty for other records. */
    static Optional<String> factKey(SpecificRecord event) {
        if (event instanceof TreesPlanted planted) {
            return Optional.of("planting:" + planted.getPlantingId());
        }
        if (event instanceof PlantingPlanSet plan) {
            return Optional.of("plan:" + plan.getRegion() + ":" + plan.getYear());
        }
        if (event instanceof SurvivalSurveyed survey) {
            return Optional.of("survey:" + survey.getPlantingId() + ":" + survey.getSurveyYear());
        }
        if (event instanceof FireReported fire) {
            return Optional.of("fire:" + fire.getFireId());
        }
        if (event instanceof FireExtinguished fire) {
            return Optional.of("fire:" + fire.getFireId());
        }
        if (event instanceof DetectionSystemInstalled system) {
            return Optional.of("detection:" + system.getSystemId());
        }
        if (event instanceof PlantingMaterialPrepared lot) {
            return Optional.of("material:" + lot.getLotId());
        }
        if (event instanceof PlantingMaterialCorrected lot) {
            return Optional.of("material:" + lot.getLotId());
        }
        // a containment changes no total
        return Optional.empty();
    }

    /** The amounts the event contributes, by measure key; each counts the event as one fact. */
    static Map<String, MeasureTotals> of(SpecificRecord event) {
        Map<String, MeasureTotals> amounts = new LinkedHashMap<>();
        if (event instanceof TreesPlanted planted) {
            long at = planted.getMetadata().getOccurredAt().toEpochMilli();
            LocalDate day = planted.getPlantedOn();
            KpiPeriod year = KpiPeriods.containing(KpiGranularity.YEAR, day);
            boolean inProgramme = Programme.covers(day);
            for (String scope : scopes(planted.getRegion())) {
                MeasureTotals trees = MeasureTotals.ofCounts(planted.getTreeCount(), 0, at);
                add(amounts, Measure.Kind.PLANTED, scope, year, trees);
                add(amounts, Measure.Kind.FULFILMENT, scope, year, trees);
                if (inProgramme) {
                    add(amounts, Measure.Kind.PLANTED, scope, ForestKpis.PROGRAMME, trees);
                }
                if (planted.getAralSeabed()) {
                    // the area rounded once, to 0.01 m2: what the totals get, and what a replacement takes back
                    MeasureTotals hectares = new MeasureTotals(Micros.of(planted.getHectares()), 0, 1, at);
                    add(amounts, Measure.Kind.ARAL_HECTARES, scope, year, hectares);
                    if (inProgramme) {
                        add(amounts, Measure.Kind.ARAL_HECTARES, scope, ForestKpis.PROGRAMME, hectares);
                    }
                }
            }
        } else if (event instanceof PlantingPlanSet plan) {
            long at = plan.getMetadata().getOccurredAt().toEpochMilli();
            KpiPeriod year = KpiPeriods.year(plan.getYear());
            for (String scope : scopes(plan.getRegion())) {
                MeasureTotals planned = MeasureTotals.ofCounts(0, plan.getPlannedTrees(), at);
                add(amounts, Measure.Kind.FULFILMENT, scope, year, planned);
                add(amounts, Measure.Kind.MATERIAL_COVERAGE, scope, year, planned);
            }
        } else if (event instanceof SurvivalSurveyed survey) {
            long at = survey.getMetadata().getOccurredAt().toEpochMilli();
            Measure.Kind kind = Measure.survival(survey.getSurveyYear());
            KpiPeriod cohort = KpiPeriods.containing(KpiGranularity.YEAR, survey.getPlantedOn());
            MeasureTotals counted = MeasureTotals.ofCounts(survey.getAlive(),
                    Math.addExact(survey.getAlive(), survey.getDead()), at);
            for (String scope : scopes(survey.getRegion())) {
                add(amounts, kind, scope, cohort, counted);
                if (Programme.covers(survey.getPlantedOn())) {
                    add(amounts, kind, scope, ForestKpis.PROGRAMME, counted);
                }
            }
        } else if (event instanceof FireReported fire) {
            fire(amounts, fire.getRegion(), fire.getReportedOn(), fire.getHectares(),
                    fire.getMetadata().getOccurredAt().toEpochMilli());
        } else if (event instanceof FireExtinguished fire) {
            fire(amounts, fire.getRegion(), fire.getReportedOn(), fire.getHectaresBurned(),
                    fire.getMetadata().getOccurredAt().toEpochMilli());
        } else if (event instanceof DetectionSystemInstalled system) {
            long at = system.getMetadata().getOccurredAt().toEpochMilli();
            KpiPeriod year = KpiPeriods.containing(KpiGranularity.YEAR, system.getInstalledOn());
            MeasureTotals hectares = new MeasureTotals(Micros.of(system.getCoveredHectares()), 0, 1, at);
            for (String scope : scopes(system.getRegion())) {
                add(amounts, Measure.Kind.DETECTION_HECTARES, scope, year, hectares);
                add(amounts, Measure.Kind.DETECTION_HECTARES, scope, ForestKpis.PROGRAMME, hectares);
            }
        } else if (event instanceof PlantingMaterialPrepared lot) {
            material(amounts, lot.getRegion(), lot.getPlantingYear(), lot.getKind(), lot.getQuantity(),
                    lot.getMetadata().getOccurredAt().toEpochMilli());
        } else if (event instanceof PlantingMaterialCorrected lot) {
            material(amounts, lot.getRegion(), lot.getPlantingYear(), lot.getKind(), lot.getQuantity(),
                    lot.getMetadata().getOccurredAt().toEpochMilli());
        }
        return amounts;
    }

    /** One lot of planting material, with its quantity as known now, in the planting year it is for. */
    private static void material(Map<String, MeasureTotals> amounts, Region region, int plantingYear,
            PlantingMaterialKind kind, double quantity, long at) {
        KpiPeriod year = KpiPeriods.year(plantingYear);
        for (String scope : scopes(region)) {
            switch (kind) {
                case SEEDLING, SAPLING -> {
                    MeasureTotals pieces = MeasureTotals.ofCounts(Math.round(quantity), 0, at);
                    add(amounts, Measure.Kind.MATERIAL_SEEDLINGS, scope, year, pieces);
                    add(amounts, Measure.Kind.MATERIAL_COVERAGE, scope, year, pieces);
                }
                // kilograms to tonnes, rounded once to the gram
                case SEED -> add(amounts, Measure.Kind.MATERIAL_SEEDS, scope, year,
                        new MeasureTotals(Micros.of(quantity / 1000.0), 0, 1, at));
                default -> {
                    // a kind this reader's schema does not have: counted nowhere
                }
            }
        }
    }

    /** One fire in the year of its report, with the hectares it burned as known now. */
    private static void fire(Map<String, MeasureTotals> amounts, Region region, LocalDate reportedOn,
            double hectares, long at) {
        KpiPeriod year = KpiPeriods.containing(KpiGranularity.YEAR, reportedOn);
        MeasureTotals one = MeasureTotals.ofCounts(1, 0, at);
        // the area rounded once, to 0.01 m2, as for the Aral hectares
        MeasureTotals burned = new MeasureTotals(Micros.of(hectares), 0, 1, at);
        for (String scope : scopes(region)) {
            add(amounts, Measure.Kind.FIRES, scope, year, one);
            add(amounts, Measure.Kind.FIRE_HECTARES, scope, year, burned);
        }
    }

    private static List<String> scopes(Region region) {
        return region == null || region == Region.UNKNOWN ? List.of(KpiScopes.NATIONAL)
                : List.of(KpiScopes.NATIONAL, KpiScopes.region(region));
    }

    private static void add(Map<String, MeasureTotals> amounts, Measure.Kind kind, String scope, KpiPeriod period,
            MeasureTotals amount) {
        amounts.merge(new Measure(kind, scope, period).key(), amount, MeasureTotals::plus);
    }
}

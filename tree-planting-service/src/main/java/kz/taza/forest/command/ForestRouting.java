package kz.taza.forest.command;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.contracts.forest.ForestTopics;
import kz.taza.events.common.Region;
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.FireContained;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingPlanSet;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.forest.domain.ForestRules;
import kz.taza.platform.command.CommandRouting;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.command.Output;
import kz.taza.schemas.Regions;

/**
 * Where the single writer of forest aggregates sends what the {@link ForestRules} accept: each event to
 * {@code forest.events.v1} under its region's code, so that a region's plans, plantings, surveys, fires, detection
 * systems and planting material are read in order
 * by the KPI topology. The aggregates' own state stays in the processor's store.
 */
public final class ForestRouting implements CommandRouting<PlantingState> {

    @Override
    public List<Output> route(String aggregateId, PlantingState before, Outcome.Accepted<PlantingState> accepted) {
        return accepted.events().stream()
                .map(event -> Output.of(ForestTopics.FOREST_EVENTS, Regions.code(regionOf(event)), event))
                .toList();
    }

    private static Region regionOf(SpecificRecord event) {
        if (event instanceof TreesPlanted planted) {
            return planted.getRegion();
        }
        if (event instanceof SurvivalSurveyed surveyed) {
            return surveyed.getRegion();
        }
        if (event instanceof FireReported fire) {
            return fire.getRegion();
        }
        if (event instanceof FireContained fire) {
            return fire.getRegion();
        }
        if (event instanceof FireExtinguished fire) {
            return fire.getRegion();
        }
        if (event instanceof DetectionSystemInstalled system) {
            return system.getRegion();
        }
        if (event instanceof PlantingMaterialPrepared lot) {
            return lot.getRegion();
        }
        if (event instanceof PlantingMaterialCorrected lot) {
            return lot.getRegion();
        }
        return ((PlantingPlanSet) event).getRegion();
    }
}

package kz.taza.forest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.Region;
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.FireCause;
import kz.taza.events.forest.FireContained;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialCorrectionReason;
import kz.taza.events.forest.PlantingMaterialKind;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingMaterialUnit;
import kz.taza.events.forest.PlantingMethod;
import kz.taza.events.forest.PlantingPlanSet;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;

/** Forest events as the command processor writes them, for topology tests. */
public final class ForestFixtures {

    private ForestFixtures() {
    }

    public static EventMetadata metadata(LocalDate day) {
        return EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(day.atStartOfDay(ZoneOffset.ofHours(5)).toInstant())
                .setCorrelationId(UUID.randomUUID().toString()).setCausationId(null)
                .setProducer("tree-planting-service").build();
    }

    public static PlantingPlanSet plan(Region region, int year, long trees, double hectares) {
        return PlantingPlanSet.newBuilder().setMetadata(metadata(LocalDate.of(year, 1, 15))).setRegion(region)
                .setYear(year).setPlannedTrees(trees).setPlannedHectares(hectares).build();
    }

    public static TreesPlanted planting(String id, Region region, LocalDate day, long trees, double hectares,
            boolean aral) {
        return TreesPlanted.newBuilder().setMetadata(metadata(day)).setPlantingId(id).setRegion(region)
                .setForestryInstitution("State forestry institution").setSite("Block 7")
                .setSpecies(aral ? "saxaul" : "pine").setTreeCount(trees).setHectares(hectares).setPlantedOn(day)
                .setAralSeabed(aral).setMethod(aral ? PlantingMethod.SEEDING : PlantingMethod.SEEDLINGS).build();
    }

    public static SurvivalSurveyed survey(String surveyId, TreesPlanted planting, int surveyYear, long alive,
            long dead) {
        LocalDate day = planting.getPlantedOn().plusYears(surveyYear);
        return SurvivalSurveyed.newBuilder().setMetadata(metadata(day)).setSurveyId(surveyId)
                .setPlantingId(planting.getPlantingId()).setRegion(planting.getRegion()).setSurveyYear(surveyYear)
                .setAlive(alive).setDead(dead).setSurveyedOn(day).setPlantedOn(planting.getPlantedOn())
                .setPlantedCount(planting.getTreeCount()).setSpecies(planting.getSpecies())
                .setAralSeabed(planting.getAralSeabed()).build();
    }

    public static FireReported fire(String fireId, Region region, LocalDate reportedOn, double hectares) {
        return FireReported.newBuilder().setMetadata(metadata(reportedOn)).setFireId(fireId).setRegion(region)
                .setForestryInstitution("State forestry institution").setHectares(hectares)
                .setCause(FireCause.LIGHTNING).setReportedOn(reportedOn).build();
    }

    public static FireContained contained(FireReported fire, LocalDate containedOn) {
        return FireContained.newBuilder().setMetadata(metadata(containedOn)).setFireId(fire.getFireId())
                .setRegion(fire.getRegion()).setForestryInstitution(fire.getForestryInstitution())
                .setReportedOn(fire.getReportedOn()).setContainedOn(containedOn).build();
    }

    public static FireExtinguished extinguished(FireReported fire, LocalDate extinguishedOn, double hectaresBurned) {
        return FireExtinguished.newBuilder().setMetadata(metadata(extinguishedOn)).setFireId(fire.getFireId())
                .setRegion(fire.getRegion()).setForestryInstitution(fire.getForestryInstitution())
                .setCause(fire.getCause()).setReportedOn(fire.getReportedOn())
                .setHectaresAtReport(fire.getHectares()).setExtinguishedOn(extinguishedOn)
                .setHectaresBurned(hectaresBurned).build();
    }

    public static DetectionSystemInstalled detection(String systemId, Region region, LocalDate installedOn,
            double coveredHectares) {
        return DetectionSystemInstalled.newBuilder().setMetadata(metadata(installedOn)).setSystemId(systemId)
                .setRegion(region).setForestryInstitution("State forestry institution")
                .setCoveredHectares(coveredHectares).setInstalledOn(installedOn).build();
    }

    public static PlantingMaterialPrepared lot(String lotId, Region region, int plantingYear,
            PlantingMaterialKind kind, double quantity, LocalDate preparedOn) {
        return PlantingMaterialPrepared.newBuilder().setMetadata(metadata(preparedOn)).setLotId(lotId)
                .setRegion(region).setForestryInstitution("State forestry institution")
                .setNursery("Forest nursery").setPlantingYear(plantingYear).setSpecies("saxaul").setKind(kind)
                .setUnit(kind == PlantingMaterialKind.SEED ? PlantingMaterialUnit.KILOGRAMS
                        : PlantingMaterialUnit.PIECES)
                .setQuantity(quantity).setPreparedOn(preparedOn).build();
    }

    public static PlantingMaterialCorrected corrected(PlantingMaterialPrepared lot, double previousQuantity,
            double quantity, PlantingMaterialCorrectionReason reason, LocalDate correctedOn) {
        return PlantingMaterialCorrected.newBuilder().setMetadata(metadata(correctedOn)).setLotId(lot.getLotId())
                .setRegion(lot.getRegion()).setForestryInstitution(lot.getForestryInstitution())
                .setNursery(lot.getNursery()).setPlantingYear(lot.getPlantingYear()).setSpecies(lot.getSpecies())
                .setKind(lot.getKind()).setUnit(lot.getUnit()).setPreparedQuantity(lot.getQuantity())
                .setPreviousQuantity(previousQuantity).setQuantity(quantity).setReason(reason)
                .setCorrectedOn(correctedOn).build();
    }
}

package kz.taza.contracts.forest;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.CommandResult;
import kz.taza.events.forest.ContainFire;
import kz.taza.events.forest.CorrectPlantingMaterial;
import kz.taza.events.forest.DetectionSystemInstalled;
import kz.taza.events.forest.ExtinguishFire;
import kz.taza.events.forest.FireContained;
import kz.taza.events.forest.FireExtinguished;
import kz.taza.events.forest.FireReported;
import kz.taza.events.forest.InstallDetectionSystem;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingPlanSet;
import kz.taza.events.forest.PreparePlantingMaterial;
import kz.taza.events.forest.RecordPlanting;
import kz.taza.events.forest.RecordSurvivalSurvey;
import kz.taza.events.forest.ReportFire;
import kz.taza.events.forest.SetPlantingPlan;
import kz.taza.events.forest.SurvivalSurveyed;
import kz.taza.events.forest.TreesPlanted;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * Every topic of the forest domain, owned by tree-planting-service. {@code forest.events.v1} is public and keyed by
 * region code; commands are keyed by their aggregate (the plantingId, {@code plan:<region code>:<year>},
 * {@code fire:<fireId>}, {@code detection:<systemId>} or {@code material:<lotId>}) so that one processor owns each
 * planting and checks its surveys against it, each fire and checks its containment and extinguishment against its
 * report, and each lot of planting material and checks its corrections against it. Fires, detection systems and
 * planting material travel on the forest topics, beside the plantings: the same forestry institutions report them.
 * The service also writes {@code kpi.values.v1}, declared by the platform.
 */
public final class ForestTopics implements TopicCatalogue {

    /** Ten years: the programme's events are its record, replayed when a KPI is added or recomputed. */
    static final Duration EVENTS_RETENTION = Duration.ofDays(3653);

    public static final Topic<String, SpecificRecord> FOREST_EVENTS = Topic.named("forest.events.v1")
            .values(AvroSerdes.anyOf(PlantingPlanSet.class, TreesPlanted.class, SurvivalSurveyed.class,
                    FireReported.class, FireContained.class, FireExtinguished.class,
                    DetectionSystemInstalled.class, PlantingMaterialPrepared.class,
                    PlantingMaterialCorrected.class))
            .partitions(6)
            .retention(EVENTS_RETENTION)
            .publicTopic()
            .deadLettered()
            .description("Plans, plantings and survival surveys of the tree-planting programme, forest fires, early "
                    + "fire detection systems and nurseries' planting material; key: region code")
            .build();

    public static final Topic<String, SpecificRecord> FOREST_COMMANDS = Topic.named("forest.commands.v1")
            .values(AvroSerdes.anyOf(SetPlantingPlan.class, RecordPlanting.class, RecordSurvivalSurvey.class,
                    ReportFire.class, ContainFire.class, ExtinguishFire.class, InstallDetectionSystem.class,
                    PreparePlantingMaterial.class, CorrectPlantingMaterial.class))
            .partitions(6)
            .retention(Duration.ofDays(7))
            .deadLettered()
            .description("Commands of forestry offices; key: plantingId, plan:<region code>:<year>, fire:<fireId>, "
                    + "detection:<systemId> or material:<lotId>")
            .build();

    public static final Topic<String, CommandResult> FOREST_COMMAND_RESULTS = Topic.named("forest.command-results.v1")
            .values(AvroSerdes.of(CommandResult.class))
            .partitions(6)
            .retention(Duration.ofDays(1))
            .deadLettered()
            .description("Results of forest commands; key: commandId")
            .build();

    /** Every topic tree-planting-service owns. */
    public static List<Topic<?, ?>> owned() {
        return List.of(FOREST_EVENTS, FOREST_COMMANDS, FOREST_COMMAND_RESULTS);
    }

    @Override
    public List<Topic<?, ?>> topics() {
        return owned();
    }
}

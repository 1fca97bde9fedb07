package kz.taza.contracts.access;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.platform.access.KafkaAccess;
import kz.taza.platform.access.KafkaPrincipal;
import kz.taza.platform.access.KafkaPrincipals;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * Every Kafka principal of Taza and what it may do: the access model. The services (each reads what its topologies
 * consume and owns its domain), the readers beside them (the simulator checks the KPI topic, the launcher shows it and
 * the dead-letter topics) and the example subscribing agency. The charts' KafkaUsers, the tests' broker and the local
 * stack's all take their ACLs from here.
 */
public final class TazaPrincipals implements KafkaPrincipals {

    /** The Bureau of National Statistics, the example subscribing agency: the public topics, read only. */
    public static final String AGENCY = "agency-stat";
    public static final String SIMULATOR = "taza-simulator";
    public static final String LAUNCHER = "taza-launcher";

    public static final KafkaAccess.Service PERMIT_SERVICE = KafkaAccess.service("permit-service")
            .owns(new PermitTopics())
            .publishesKpis();

    public static final KafkaAccess.Service EMISSION_SERVICE = KafkaAccess.service("emission-service")
            .owns(new EmissionTopics())
            .reads(PermitTopics.FACILITIES, PermitTopics.PERMITS)
            .publishesKpis();

    public static final KafkaAccess.Service INSPECTION_SERVICE = KafkaAccess.service("inspection-service")
            .owns(new InspectionTopics())
            .reads(PermitTopics.FACILITIES, EmissionTopics.EXCEEDANCES)
            .publishesKpis();

    public static final KafkaAccess.Service TREE_PLANTING_SERVICE = KafkaAccess.service("tree-planting-service")
            .owns(new ForestTopics())
            .reads(PlatformTopics.KPI_VALUES)
            .publishesKpis();

    /** The analysts' reader: owns nothing, publishes no KPI. */
    public static final KafkaAccess.Service KPI_SERVICE = KafkaAccess.service("kpi-service")
            .reads(PlatformTopics.KPI_VALUES, PermitTopics.FACILITIES, EmissionTopics.REPORTS,
                    EmissionTopics.AMS_READINGS);

    /** The services, in the order of their domains. */
    public static List<KafkaAccess.Service> services() {
        return List.of(PERMIT_SERVICE, EMISSION_SERVICE, INSPECTION_SERVICE, TREE_PLANTING_SERVICE, KPI_SERVICE);
    }

    /** The service with this application name. */
    public static KafkaAccess.Service service(String application) {
        return services().stream().filter(s -> s.application().equals(application)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Taza service named " + application));
    }

    /** Every domain catalogue, the shared topics last. */
    public static List<TopicCatalogue> catalogues() {
        return List.of(new PermitTopics(), new EmissionTopics(), new InspectionTopics(), new ForestTopics(),
                new PlatformTopics());
    }

    /** The public topics of every domain and the shared ones (the KPI and schema topics). */
    public static List<Topic<?, ?>> publicTopics() {
        return catalogues().stream().flatMap(c -> c.topics().stream()).filter(Topic::isPublic).toList();
    }

    /** The dead-letter topics of every topic, for the launcher's {@code ./taza rejected}. */
    public static List<Topic<?, ?>> deadLetterTopics() {
        return catalogues().stream().flatMap(c -> c.topics().stream()).filter(Topic::deadLettered)
                .<Topic<?, ?>>map(Topic::rejectedTopic).toList();
    }

    @Override
    public List<KafkaPrincipal> principals() {
        List<KafkaPrincipal> all = new ArrayList<>(services().stream().map(KafkaAccess.Service::principal).toList());
        all.add(KafkaAccess.reader(AGENCY, "agency").reads(publicTopics()).principal());
        all.add(KafkaAccess.reader(SIMULATOR, "simulator").reads(PlatformTopics.KPI_VALUES).principal());
        all.add(KafkaAccess.reader(LAUNCHER, "launcher").reads(Stream.concat(Stream.of(PlatformTopics.KPI_VALUES),
                deadLetterTopics().stream()).toList()).describesConfigs().principal());
        return all;
    }
}

package kz.taza.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.implement;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * The layering of Taza as ArchUnit rules. Every rule is a function of the root package, so the same rule runs over the
 * real code ({@code kz.taza}, {@link LayeringTest}) and over the deliberately wrong fixtures
 * ({@code kz.taza.archfixture}, {@link LayeringRulesCatchFixturesTest}), which shows that it can fail.
 *
 * <p>The modules, by the first package below the root:
 * <ul>
 *   <li><b>shared</b>: {@code schemas} and {@code events} (the Avro records and their codec), {@code platform} (the
 *       {@code Topic} type, the catalogue mechanism and the wiring every service shares), {@code contracts} (each
 *       domain's topics and KPIs);</li>
 *   <li><b>tools</b>: {@code simulator}, {@code stack} (the launcher), {@code bench} (the load tool), {@code identity}
 *   (the local identity provider for runs and tests);</li>
 *   <li><b>services</b>: every other package, so a new service ({@code kz.taza.kpi}, say) is held by the rules as
 *       soon as the architecture-tests module depends on it, without naming it here.</li>
 * </ul>
 * Inside a service the packages are by role: {@code domain} (the rules, plain Java), {@code command} (where each
 * decided event goes), {@code topology} (Streams builders), {@code api} (REST), {@code config} (Spring wiring).
 */
final class LayeringRules {

    /** The root of every Taza package. */
    static final String ROOT = "kz.taza";

    /** The shared modules' packages: below the services, they know none of them. */
    static final Set<String> SHARED = Set.of("schemas", "events", "platform", "contracts");

    /** The tools' packages: they drive or run services from outside, and are not services themselves. */
    static final Set<String> TOOLS = Set.of("simulator", "stack", "bench", "identity");

    /** The load tool, the one module that runs a service's topology in process (emission's, to measure it). */
    static final String LOAD_TOOL = "bench";

    private LayeringRules() {
    }

    /** Domain rules are plain Java: tested as plain functions, they import neither Kafka nor Spring. */
    static ArchRule domainsArePlainJava(String root) {
        return noClasses().that(inServiceRole(root, "domain"))
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework..")
                .as("domain packages import neither Kafka nor Spring")
                .because("a domain's rules are plain Java, tested as plain functions");
    }

    /** A domain's rules know nothing of the layers that call them. */
    static ArchRule domainsKnowNoOuterLayer(String root) {
        return noClasses().that(inServiceRole(root, "domain"))
                .should().dependOnClassesThat(inServiceRole(root, "api", "config", "topology", "command"))
                .as("domain packages depend on no api, config, topology or command package")
                .because("the rules are called by the command path and the topologies, never the other way round");
    }

    /** Topologies and command routing are pure builders: Spring only wires them, and they know no REST or wiring. */
    static ArchRule buildersAreFreeOfSpringAndRest(String root) {
        return noClasses().that(inServiceRole(root, "topology", "command"))
                .should().dependOnClassesThat(resideInAPackage("org.springframework..")
                        .or(inServiceRole(root, "api", "config")))
                .as("topology and command packages import no Spring and depend on no api or config package")
                .because("topologies are pure builders that Spring only wires (tested with TopologyTestDriver)");
    }

    /** No service imports another: they meet only on topics, through the contracts. */
    static ArchRule servicesAreIndependent(String root) {
        return slices().assignedFrom(services(root))
                .should().notDependOnEachOther()
                .as("no service imports another service")
                .because("services meet only on topics, whose contracts live in the contracts module");
    }

    /** Only the load tool runs a service's code in process; everything else reaches services over the wire. */
    static ArchRule servicesAreImportedOnlyByTheLoadTool(String root) {
        return noClasses().that(not(inAService(root)).and(not(resideInAPackage(root + "." + LOAD_TOOL + ".."))))
                .should().dependOnClassesThat(inAService(root))
                .as("no shared module or tool imports a service (the load tool aside)")
                .because("shared modules sit below the services, and the simulator and launcher use their REST "
                        + "APIs and jars; only the load tool runs emission's topology in process to measure it");
    }

    /** The platform holds no domain: only the shared records of {@code events.common} and shared wiring. */
    static ArchRule platformIsDomainFree(String root) {
        return noClasses().that().resideInAPackage(root + ".platform..")
                .should().dependOnClassesThat(domainEvents(root)
                        .or(resideInAPackage(root + ".contracts.."))
                        .or(inATool(root)))
                .as("platform imports no domain's events (events.common aside), no contract and no tool")
                .because("the platform is shared by every domain and owned by none");
    }

    /** The contracts are plain catalogue values: readable without Spring or the platform's wiring. */
    static ArchRule contractsArePlainCatalogues(String root) {
        return noClasses().that().resideInAPackage(root + ".contracts..")
                .should().dependOnClassesThat(resideInAPackage("org.springframework..")
                        .or(resideInAPackage(root + ".platform..")
                                .and(not(resideInAnyPackage(root + ".platform.topic..", root + ".platform.kpi..",
                                        root + ".platform.access..")))))
                .as("contracts import no Spring and, of the platform, only the topic, KPI and access definition types")
                .because("a reader of a domain's topics or KPIs depends on the contracts without the wiring");
    }

    /** The schemas and their records are the bottom layer: they import nothing else of Taza, and no Spring. */
    static ArchRule schemasAreTheBottomLayer(String root) {
        return noClasses().that().resideInAnyPackage(root + ".schemas..", root + ".events..")
                .should().dependOnClassesThat(resideInAPackage("org.springframework..")
                        .or(resideInAPackage(root + "..")
                                .and(not(resideInAnyPackage(root + ".schemas..", root + ".events..")))))
                .as("schemas and events import no other Taza package and no Spring")
                .because("any Avro client, Java or not, must be able to use them alone");
    }

    /**
     * Topics are named only in the catalogues: the contracts, and the platform's catalogues of shared topics (a
     * platform class that is a {@link TopicCatalogue}, such as {@code PlatformTopics}).
     */
    static ArchRule topicsAreNamedOnlyInCatalogues(String root) {
        return noClasses().that(not(topicCatalogues(root)))
                .should().callMethod(Topic.class, "named", String.class)
                .as("Topic.named is called only from the contracts and the platform's topic catalogues")
                .because("each topic is declared once, with its serdes, partitions and policy");
    }

    /** And no other class holds a string that looks like a topic name, whatever it does with it. */
    static ArchRule topicNamesAreWrittenOnlyInCatalogues(String root) {
        return classes().that(not(topicCatalogues(root)))
                .should(TopicNameLiterals.holdNoTopicName(
                        (owner, name) -> owner.getPackageName().startsWith(root + "." + LOAD_TOOL)
                                && name.startsWith(LOAD_TOOL + ".")))
                .as("no class outside the contracts and the platform's topic catalogues holds a topic name "
                        + "(<domain>.<name>.v<N>) in a string or annotation (the load tool's own bench.* scratch "
                        + "topics aside)")
                .because("a name written twice drifts; readers take it from the topic's catalogue entry");
    }

    /** A service's REST surface is read in one place: its controllers and controller advice live in {@code api}. */
    static ArchRule controllersLiveInApi(String root) {
        return classes().that(inAService(root)).and(describe("are REST controllers or controller advice",
                        (JavaClass c) -> c.isMetaAnnotatedWith(Controller.class)
                                || c.isMetaAnnotatedWith(ControllerAdvice.class)))
                .should(ArchCondition.from(inServiceRole(root, "api")))
                .as("a service's controllers and controller advice reside in its api package")
                .because("a reader finds a service's REST surface in one place");
    }

    /** A service's wiring is read in one place: its Spring configuration and properties live in {@code config}. */
    static ArchRule configurationLivesInConfig(String root) {
        return classes().that(inAService(root)).and(describe("are Spring configuration or configuration properties",
                        (JavaClass c) -> (c.isMetaAnnotatedWith(Configuration.class)
                                && !c.isAnnotatedWith(SpringBootApplication.class))
                                || c.isAnnotatedWith(ConfigurationProperties.class)))
                .should(ArchCondition.from(inServiceRole(root, "config")))
                .as("a service's Spring configuration and configuration properties reside in its config package "
                        + "(its application class, at the service's root, aside)")
                .because("the wiring of a service is read in one place");
    }

    /** A service's packages form no cycle. */
    static ArchRule servicePackagesFormNoCycle(String root) {
        return slices().assignedFrom(serviceRoles(root))
                .should().beFreeOfCycles()
                .as("the packages of a service form no cycle");
    }

    /** Every rule, each over the same root. */
    static List<ArchRule> all(String root) {
        return List.of(domainsArePlainJava(root), domainsKnowNoOuterLayer(root), buildersAreFreeOfSpringAndRest(root),
                servicesAreIndependent(root), servicesAreImportedOnlyByTheLoadTool(root), platformIsDomainFree(root),
                contractsArePlainCatalogues(root), schemasAreTheBottomLayer(root),
                topicsAreNamedOnlyInCatalogues(root), topicNamesAreWrittenOnlyInCatalogues(root),
                controllersLiveInApi(root), configurationLivesInConfig(root), servicePackagesFormNoCycle(root));
    }

    /** The service a package belongs to: its first package below the root, unless that is a shared module or tool. */
    static Optional<String> serviceOf(String root, String packageName) {
        String top = topPackage(root, packageName);
        return top == null || SHARED.contains(top) || TOOLS.contains(top) ? Optional.empty() : Optional.of(top);
    }

    private static String topPackage(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String below = packageName.substring(root.length() + 1);
        int dot = below.indexOf('.');
        return dot < 0 ? below : below.substring(0, dot);
    }

    static DescribedPredicate<JavaClass> inAService(String root) {
        return describe("reside in a service", (JavaClass c) -> serviceOf(root, c.getPackageName()).isPresent());
    }

    private static DescribedPredicate<JavaClass> inATool(String root) {
        return describe("reside in a tool", (JavaClass c) -> {
            String top = topPackage(root, c.getPackageName());
            return top != null && TOOLS.contains(top);
        });
    }

    /** Classes of a service's package with one of the given roles ({@code <root>.<service>.<role>..}). */
    static DescribedPredicate<JavaClass> inServiceRole(String root, String... roles) {
        Set<String> wanted = Set.of(roles);
        return describe("reside in a service's " + String.join(", ", roles) + " package",
                (JavaClass c) -> serviceOf(root, c.getPackageName()).isPresent()
                        && wanted.contains(roleOf(root, c.getPackageName())));
    }

    /** The role of a package below a service ({@code api} of {@code <root>.permit.api.x}); empty at a service's root. */
    private static String roleOf(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return "";
        }
        String[] parts = packageName.substring(root.length() + 1).split("\\.");
        return parts.length < 2 ? "" : parts[1];
    }

    /** A domain's generated events: {@code <root>.events.<domain>..}, the shared {@code events.common} records aside. */
    private static DescribedPredicate<JavaClass> domainEvents(String root) {
        return resideInAPackage(root + ".events..").and(not(resideInAPackage(root + ".events.common..")))
                .as("are a domain's events");
    }

    /** The classes that may name topics: the contracts, and the platform's catalogues of shared topics. */
    private static DescribedPredicate<JavaClass> topicCatalogues(String root) {
        return resideInAPackage(root + ".contracts..")
                .or(resideInAPackage(root + ".platform..").and(implement(TopicCatalogue.class)))
                .as("are the contracts or a platform topic catalogue");
    }

    private static SliceAssignment services(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return serviceOf(root, c.getPackageName()).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "services of " + root;
            }
        };
    }

    private static SliceAssignment serviceRoles(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String role = roleOf(root, c.getPackageName());
                return serviceOf(root, c.getPackageName()).filter(s -> !role.isEmpty())
                        .map(s -> SliceIdentifier.of(s, role)).orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "packages of each service of " + root;
            }
        };
    }
}

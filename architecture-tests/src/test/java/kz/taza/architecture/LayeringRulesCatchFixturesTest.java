package kz.taza.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.Convertible;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;

import kz.taza.platform.topic.PlatformTopics;

/**
 * Every layering rule fails on the deliberately wrong fixtures of {@code kz.taza.archfixture} (laid out as the real
 * modules are below {@code kz.taza}), and names exactly the classes that break it: the fixtures that break another
 * rule, or none, are not reported.
 */
class LayeringRulesCatchFixturesTest {

    private static final String FIXTURES = LayeringTest.NoFixtures.PACKAGE;

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
    }

    @Test
    void aDomainClassImportingKafkaOrSpringIsReported() {
        assertThat(violators(LayeringRules.domainsArePlainJava(FIXTURES)))
                .containsExactlyInAnyOrder("permit.domain.KafkaInDomain", "permit.domain.SpringInDomain");
    }

    @Test
    void aDomainClassDependingOnItsRestLayerIsReported() {
        assertThat(violators(LayeringRules.domainsKnowNoOuterLayer(FIXTURES)))
                .containsExactly("permit.domain.ReachesUp");
    }

    @Test
    void aTopologyThatIsABeanAndRoutingThatReadsConfigurationAreReported() {
        assertThat(violators(LayeringRules.buildersAreFreeOfSpringAndRest(FIXTURES)))
                .containsExactlyInAnyOrder("permit.topology.SpringTopology", "permit.command.ConfiguredRouting");
    }

    @Test
    void aServiceImportingAnotherIsReported() {
        assertThat(violators(LayeringRules.servicesAreIndependent(FIXTURES)))
                .containsExactly("emission.topology.ReachesIntoPermit");
    }

    @Test
    void aToolCallingAServiceInProcessIsReportedButNotTheLoadTool() {
        assertThat(violators(LayeringRules.servicesAreImportedOnlyByTheLoadTool(FIXTURES)))
                .containsExactly("simulator.DrivesPermitInProcess");
    }

    @Test
    void platformCodeKnowingADomainsEventsOrContractIsReported() {
        assertThat(violators(LayeringRules.platformIsDomainFree(FIXTURES)))
                .containsExactlyInAnyOrder("platform.kafka.LeakyPlatform", "platform.kafka.ContractAware");
    }

    @Test
    void aContractUsingSpringOrThePlatformsWiringIsReported() {
        assertThat(violators(LayeringRules.contractsArePlainCatalogues(FIXTURES)))
                .containsExactlyInAnyOrder("contracts.SpringContract", "contracts.WiringContract");
    }

    @Test
    void theSchemasReachingUpIsReported() {
        assertThat(violators(LayeringRules.schemasAreTheBottomLayer(FIXTURES)))
                .containsExactly("schemas.LeakySchema");
    }

    @Test
    void topicNamedOutsideTheCataloguesIsReported() {
        assertThat(violators(LayeringRules.topicsAreNamedOnlyInCatalogues(FIXTURES)))
                .containsExactlyInAnyOrder("emission.topology.OwnTopic", "platform.kafka.NamesATopic");
    }

    @Test
    void topicNamesInStringsAndAnnotationsOutsideTheCataloguesAreReported() {
        assertThat(violators(LayeringRules.topicNamesAreWrittenOnlyInCatalogues(FIXTURES)))
                .containsExactlyInAnyOrder("emission.api.ListensByName", "emission.api.ProducesByName",
                        "bench.BorrowsATopic");
    }

    @Test
    void aControllerOutsideApiIsReported() {
        assertThat(violators(LayeringRules.controllersLiveInApi(FIXTURES)))
                .containsExactly("permit.StrayController");
    }

    @Test
    void configurationOutsideConfigIsReported() {
        assertThat(violators(LayeringRules.configurationLivesInConfig(FIXTURES)))
                .containsExactly("permit.api.ApiConfiguration");
    }

    @Test
    void aCycleBetweenAServicesPackagesIsReported() {
        EvaluationResult result = LayeringRules.servicePackagesFormNoCycle(FIXTURES).evaluate(fixtures);
        assertThat(result.hasViolation()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails()))
                .contains("Slice permit - domain", "Slice permit - api", FIXTURES + ".permit.domain.ReachesUp");
    }

    @Test
    void everyRuleFailsOnSomeFixture() {
        for (ArchRule rule : LayeringRules.all(FIXTURES)) {
            assertThat(rule.evaluate(fixtures).hasViolation()).as(rule.getDescription()).isTrue();
        }
    }

    @Test
    void constantsAreReadFromClassesInJarsAsFromFolders() {
        JavaClasses platform = new ClassFileImporter().importClasses(PlatformTopics.class);
        assertThat(TopicNameLiterals.utf8Constants(platform.get(PlatformTopics.class))).contains("kpi.values.v1");
        assertThat(TopicNameLiterals.utf8Constants(fixtures.get(FIXTURES + ".emission.api.ListensByName")))
                .contains("inspection.events.v1");
    }

    /** The fixture classes (below the fixture root, top-level) that a rule reports. */
    private static Set<String> violators(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixtures);
        Set<String> names = new TreeSet<>();
        result.handleViolations((Collection<Object> objects, String message) -> {
            for (Object object : objects) {
                originsOf(object, message).forEach(origin -> names.add(fixtureName(origin)));
            }
        });
        assertThat(result.hasViolation()).as("%s reports a violation", rule.getDescription()).isTrue();
        return names;
    }

    /** The classes a violation starts from: a dependency's or access's origin, a class itself, a slice's classes. */
    private static Set<JavaClass> originsOf(Object violating, String message) {
        if (violating instanceof Dependency dependency) {
            return Set.of(dependency.getOriginClass());
        }
        if (violating instanceof JavaAccess<?> access) {
            return Set.of(access.getOriginOwner());
        }
        if (violating instanceof JavaClass owner) {
            return Set.of(owner);
        }
        if (violating instanceof Convertible convertible) {
            Set<JavaClass> origins = new HashSet<>();
            convertible.convertTo(Dependency.class).forEach(d -> origins.add(d.getOriginClass()));
            return origins;
        }
        throw new AssertionError("unexpected violation " + violating.getClass() + ": " + message);
    }

    private static String fixtureName(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return (nested < 0 ? name : name.substring(0, nested)).substring(FIXTURES.length() + 1);
    }
}

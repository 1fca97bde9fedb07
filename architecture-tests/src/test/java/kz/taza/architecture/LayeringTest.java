package kz.taza.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rules over the main classes of every module (test classes, and so the fixtures, are not imported).
 * Each rule is shown to fail on a wrong fixture by {@link LayeringRulesCatchFixturesTest}.
 */
@AnalyzeClasses(packages = LayeringRules.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, LayeringTest.NoFixtures.class})
class LayeringTest {

    @ArchTest
    static final ArchRule domainsArePlainJava = LayeringRules.domainsArePlainJava(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule domainsKnowNoOuterLayer = LayeringRules.domainsKnowNoOuterLayer(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule buildersAreFreeOfSpringAndRest =
            LayeringRules.buildersAreFreeOfSpringAndRest(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule servicesAreIndependent = LayeringRules.servicesAreIndependent(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule servicesAreImportedOnlyByTheLoadTool =
            LayeringRules.servicesAreImportedOnlyByTheLoadTool(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule platformIsDomainFree = LayeringRules.platformIsDomainFree(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule contractsArePlainCatalogues = LayeringRules.contractsArePlainCatalogues(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule schemasAreTheBottomLayer = LayeringRules.schemasAreTheBottomLayer(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule topicsAreNamedOnlyInCatalogues =
            LayeringRules.topicsAreNamedOnlyInCatalogues(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule topicNamesAreWrittenOnlyInCatalogues =
            LayeringRules.topicNamesAreWrittenOnlyInCatalogues(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule controllersLiveInApi = LayeringRules.controllersLiveInApi(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule configurationLivesInConfig = LayeringRules.configurationLivesInConfig(LayeringRules.ROOT);

    @ArchTest
    static final ArchRule servicePackagesFormNoCycle = LayeringRules.servicePackagesFormNoCycle(LayeringRules.ROOT);

    /**
     * The rules see every module: each top package under {@code src/main/java} of any module of the repository has
     * classes in the import (a new module with code must be added to this module's dependencies), and none of the
     * fixtures is imported; and every rule of {@link LayeringRules#all} is one of the rules above.
     */
    @ArchTest
    static void everyModuleWithCodeIsImportedAndNoFixture(JavaClasses classes) {
        Set<String> imported = new TreeSet<>();
        for (JavaClass c : classes) {
            imported.add(c.getPackageName());
        }
        assertThat(imported).as("packages of the fixtures").noneMatch(p -> p.startsWith(NoFixtures.PACKAGE));
        Set<String> inSources = topPackagesOfMainSources();
        assertThat(inSources).as("top packages under the modules' src/main/java").isNotEmpty();
        for (String top : inSources) {
            assertThat(imported).as("classes of %s (is its module a dependency of architecture-tests?)", top)
                    .anyMatch(p -> p.equals(top) || p.startsWith(top + "."));
        }
        assertThat(ruleDescriptionsOfThisClass()).as("rules checked here")
                .containsExactlyInAnyOrderElementsOf(
                        LayeringRules.all(LayeringRules.ROOT).stream().map(ArchRule::getDescription).toList());
    }

    /** {@code kz.taza.<top>} for every folder {@code kz/taza/<top>} under a module's {@code src/main/java}. */
    private static Set<String> topPackagesOfMainSources() {
        Path root = Path.of(System.getProperty("taza.root.dir", "..")).toAbsolutePath().normalize();
        Set<String> tops = new TreeSet<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.toList()) {
                Path base = module.resolve("src/main/java").resolve(LayeringRules.ROOT.replace('.', '/'));
                if (Files.isDirectory(base)) {
                    try (Stream<Path> children = Files.list(base)) {
                        children.filter(Files::isDirectory)
                                .forEach(d -> tops.add(LayeringRules.ROOT + "." + d.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tops;
    }

    private static List<String> ruleDescriptionsOfThisClass() {
        List<String> descriptions = new ArrayList<>();
        for (Field field : LayeringTest.class.getDeclaredFields()) {
            if (ArchRule.class.isAssignableFrom(field.getType()) && field.isAnnotationPresent(ArchTest.class)) {
                try {
                    descriptions.add(((ArchRule) field.get(null)).getDescription());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return descriptions;
    }

    /** Leaves the fixtures out even where test classes are not told apart by their location (an IDE's own build). */
    static final class NoFixtures implements ImportOption {
        static final String PACKAGE = "kz.taza.archfixture";

        @Override
        public boolean includes(Location location) {
            return !location.contains("/" + PACKAGE.replace('.', '/') + "/");
        }
    }
}

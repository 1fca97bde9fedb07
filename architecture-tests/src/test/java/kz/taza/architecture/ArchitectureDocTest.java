package kz.taza.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

import kz.taza.contracts.Contracts;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * {@code docs/architecture.md} stays true to the code: every topic it names is a topic of the catalogues and every
 * public topic is on it, every class it names in backticks ({@code Name}, {@code Name#member}) is a class of the main
 * code with that member (or, for a test class such as {@code LayeringRules}, a source file of the repository), the
 * README links to it, and no file of the repository points at a design document other than it. Same import as
 * {@link LayeringTest}, so ArchUnit reads the classes once.
 */
@AnalyzeClasses(packages = LayeringRules.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, LayeringTest.NoFixtures.class})
class ArchitectureDocTest {

    private static final Path ROOT = Path.of(System.getProperty("taza.root.dir", "..")).toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/architecture.md");

    /** A topic name in running text: not the tail of a longer dotted word or of a placeholder such as {@code <domain>}. */
    private static final Pattern TOPIC = Pattern.compile("(?<![\\w.<>-])[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+\\.v[0-9]+");

    /** A class named in backticks, optionally with a member: {@code CommandRules#validate}, {@code Outcome.Accepted}. */
    private static final Pattern CLASS = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*(?:\\.[A-Z][A-Za-z0-9]*)*)(?:#(\\w+))?`");

    /**
     * A reference to the design file the project was started from, which is not in the repository (spelt in two
     * pieces so that this file does not match itself).
     */
    private static final Pattern DESIGN_REFERENCE = Pattern.compile("\\b" + "DES" + "IGN\\b");

    /**
     * Folders that hold no file of the project's own (build output, installed tools, IDE settings, local runs), and the
     * published schema versions, which are never edited.
     */
    private static final Set<String> NOT_OURS = Set.of(".git", "target", "node_modules", ".idea", ".vscode",
            "avro-history");
    private static final Path LOCAL_RUNS = Path.of("local-stack", "run");

    /** The files that are text the project writes: sources, build files, documents, charts, scripts. */
    private static final Pattern TEXT = Pattern.compile(
            ".*\\.(java|md|avsc|ya?ml|xml|json|tpl|txt|properties|mjs|js|sh|imports|factories)|taza|run|INDEX");

    @ArchTest
    static void namesOnlyTopicsOfTheCataloguesAndEveryPublicOne(JavaClasses classes) {
        String doc = read(DOC);
        Set<String> known = new TreeSet<>();
        Set<String> publicTopics = new TreeSet<>();
        List<TopicCatalogue> catalogues = new ArrayList<>(Contracts.domainCatalogues());
        catalogues.add(new PlatformTopics());
        for (TopicCatalogue catalogue : catalogues) {
            for (Topic<?, ?> topic : catalogue.topicsWithDeadLetters()) {
                known.add(topic.name());
                if (topic.isPublic()) {
                    publicTopics.add(topic.name());
                }
            }
        }

        Set<String> named = new TreeSet<>();
        Matcher m = TOPIC.matcher(doc);
        while (m.find()) {
            named.add(m.group());
        }

        assertThat(named).as("topics named in docs/architecture.md").isNotEmpty().isSubsetOf(known);
        assertThat(named).as("public topics in docs/architecture.md").containsAll(publicTopics);
    }

    @ArchTest
    static void namesOnlyClassesAndMembersThatExist(JavaClasses classes) throws IOException {
        Set<String> sourceFiles = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(ArchitectureDocTest::isOurs).filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> sourceFiles.add(f.getFileName().toString().replaceAll("\\.java$", "")));
        }
        Map<String, List<JavaClass>> bySimpleName = new TreeMap<>();
        for (JavaClass c : classes) {
            String name = c.getName().substring(c.getPackageName().length() + 1).replace('$', '.');
            bySimpleName.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
        }
        List<String> missing = new ArrayList<>();
        Matcher m = CLASS.matcher(read(DOC));
        int checked = 0;
        while (m.find()) {
            checked++;
            List<JavaClass> found = bySimpleName.getOrDefault(m.group(1), List.of());
            String member = m.group(2);
            if (found.isEmpty()) {
                // not main code: a test class of the repository, named by its source file (no member check)
                if (member != null || !sourceFiles.contains(m.group(1).split("\\.")[0])) {
                    missing.add(m.group(1) + (member == null ? "" : "#" + member));
                }
            } else if (member != null && found.stream().noneMatch(c -> hasMember(c, member))) {
                missing.add(m.group(1) + "#" + member);
            }
        }
        assertThat(checked).as("classes named in docs/architecture.md").isPositive();
        assertThat(missing).as("names in docs/architecture.md that are no class (or member) of the main code")
                .isEmpty();
    }

    @ArchTest
    static void theReadmeLinksToIt(JavaClasses classes) {
        assertThat(read(ROOT.resolve("README.md"))).contains("docs/architecture.md");
    }

    @ArchTest
    static void noFilePointsAtAnotherDesignDocument(JavaClasses classes) throws IOException {
        Map<Path, List<String>> references = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path file : files.filter(Files::isRegularFile).filter(ArchitectureDocTest::isOurs).toList()) {
                List<String> lines = textLines(file);
                List<String> hits = lines.stream().filter(line -> DESIGN_REFERENCE.matcher(line).find())
                        .map(String::strip).collect(Collectors.toList());
                if (!hits.isEmpty()) {
                    references.put(ROOT.relativize(file), hits);
                }
            }
        }
        assertThat(references).as("references to a design document: point them at docs/architecture.md").isEmpty();
    }

    private static boolean hasMember(JavaClass c, String member) {
        return c.getAllMethods().stream().anyMatch(method -> method.getName().equals(member))
                || c.getAllFields().stream().anyMatch(field -> field.getName().equals(member));
    }

    private static boolean isOurs(Path file) {
        Path relative = ROOT.relativize(file);
        if (relative.startsWith(LOCAL_RUNS) || !TEXT.matcher(file.getFileName().toString()).matches()) {
            return false;
        }
        for (Path part : relative) {
            if (NOT_OURS.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    /** The file's lines, or none when it is not UTF-8 text (an image, a jar). */
    private static List<String> textLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package kz.taza.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import kz.taza.platform.kafka.TazaProperties;

/**
 * The container's memory limit is shared out by one rule: the heap is {@code memory.heapPercent} of it, through the
 * one heap flag in {@code JAVA_TOOL_OPTIONS} (nothing else the JVM reads sets one: not the image's command line, not
 * another variable); RocksDB gets {@code memory.rocksdbPercent} of it in bytes; the rest stays with the JVM.
 */
class MemoryTest {

    /** JVM flags that decide the maximum heap. */
    private static final Pattern HEAP_FLAG = Pattern.compile(
            "-Xmx\\S*|-XX:MaxHeapSize=\\S*|-XX:MaxRAMPercentage=\\S*|-XX:MaxRAMFraction=\\S*|-XX:MaxRAM=\\S*");
    /** Variables the JVM or its launcher read flags from, besides JAVA_TOOL_OPTIONS; both would override it. */
    private static final List<String> OTHER_FLAG_VARIABLES = List.of("JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private final Manifests production = TopicCatalogueTest.production();

    @Test
    void theImageSetsNoJvmFlagThatWouldWinOverTheCharts() throws Exception {
        // given: the Jib configuration every service's image is built with (the reactor POM's pluginManagement)
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Charts.repositoryRoot().resolve("pom.xml").toFile());
        NodeList plugins = pom.getElementsByTagName("plugin");
        Element jib = null;
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("jib-maven-plugin".equals(plugin.getElementsByTagName("artifactId").item(0).getTextContent())) {
                jib = plugin;
            }
        }
        assertThat(jib).as("jib-maven-plugin in pom.xml").isNotNull();
        // then: no flags on the image's command line (they would win over JAVA_TOOL_OPTIONS)
        assertThat(jib.getElementsByTagName("jvmFlags").getLength()).isZero();
        assertThat(jib.getElementsByTagName("jvmFlag").getLength()).isZero();
        // and no service POM configures Jib otherwise
        for (String service : Charts.SERVICES) {
            assertThat(Files.readString(Charts.repositoryRoot().resolve(service).resolve("pom.xml")))
                    .doesNotContain("jvmFlag").doesNotContain("<entrypoint>");
        }
    }

    @Test
    void theHeapHasExactlyOneSettingTheChartsHeapPercent() {
        for (Manifests release : List.of(production, Charts.renderUmbrella(List.of("ci/default-values.yaml"),
                Map.of()))) {
            for (Map<String, Object> set : release.ofKind("StatefulSet")) {
                Map<String, Object> container = Manifests.container(set);
                // the image's own entry point runs: no command or arguments of the chart's
                assertThat(container).doesNotContainKeys("command", "args");
                assertThat(Manifests.env(set)).extracting(e -> e.get("name"))
                        .doesNotContainAnyElementsOf(OTHER_FLAG_VARIABLES);
                // then: JAVA_TOOL_OPTIONS holds one heap flag, the percentage of memory.heapPercent
                String options = (String) Manifests.envVar(set, "JAVA_TOOL_OPTIONS").get("value");
                List<String> heapFlags = Arrays.stream(options.split("\\s+"))
                        .filter(flag -> HEAP_FLAG.matcher(flag).matches()).toList();
                assertThat(heapFlags).as("heap flags of %s", Manifests.<String>at(set, "metadata", "name"))
                        .containsExactly("-XX:MaxRAMPercentage=50");
            }
        }
    }

    @Test
    void heapAndRocksDbAreSharesOfTheContainersMemoryLimit() {
        // given: production values give each service 3Gi, the defaults 1536Mi
        Map<String, Long> limits = Map.of("ci/production-values.yaml", 3L << 30, "ci/default-values.yaml",
                1536L << 20);
        for (Map.Entry<String, Long> values : limits.entrySet()) {
            Manifests release = Charts.renderUmbrella(List.of(values.getKey()), Map.of());
            for (Map<String, Object> set : release.ofKind("StatefulSet")) {
                Map<String, Object> container = Manifests.container(set);
                long limit = values.getValue();
                assertThat(quantityBytes(Manifests.at(container, "resources", "limits", "memory"))).isEqualTo(limit);
                // then: RocksDB a quarter, the heap a half, a quarter left for the JVM outside its heap
                long rocksdb = Long.parseLong((String) Manifests.envVar(set, "TAZA_STREAMS_ROCKSDB_MEMORY").get("value"));
                assertThat(rocksdb).isEqualTo(limit / 4);
                assertThat(limit - limit / 2 - rocksdb).isGreaterThanOrEqualTo(limit * 15 / 100);
                // and Spring hands the platform exactly those bytes
                assertThat(bind(Map.of("TAZA_STREAMS_ROCKSDB_MEMORY", Long.toString(rocksdb))).getStreams()
                        .getRocksdb().getMemory().toBytes()).isEqualTo(rocksdb);
            }
        }
    }

    @Test
    void anotherLimitMovesHeapAndRocksDbWithIt() {
        Manifests release = Charts.renderUmbrella(List.of("ci/default-values.yaml"), Map.of(
                "emission-service.resources.limits.memory", "2Gi",
                "emission-service.memory.heapPercent", 60,
                "emission-service.memory.rocksdbPercent", 20));
        Map<String, Object> set = release.named("StatefulSet", "taza-emission-service");
        assertThat(Manifests.envVar(set, "TAZA_STREAMS_ROCKSDB_MEMORY").get("value"))
                .isEqualTo(Long.toString((2L << 30) / 5));
        assertThat((String) Manifests.envVar(set, "JAVA_TOOL_OPTIONS").get("value"))
                .isEqualTo("-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void aHeapFlagInJavaToolOptionsIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, List.of("ci/default-values.yaml"),
                Map.of("permit-service.javaToolOptions", "-Xmx1g -XX:+ExitOnOutOfMemoryError"));
        assertThat(message).contains("javaToolOptions (-Xmx1g -XX:+ExitOnOutOfMemoryError) sets the heap")
                .contains("memory.heapPercent");
    }

    @Test
    void anotherVariableWithJvmFlagsIsRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, List.of("ci/default-values.yaml"), Map.of(
                "inspection-service.extraEnv[0].name", "JDK_JAVA_OPTIONS",
                "inspection-service.extraEnv[0].value", "-XX:MaxRAMPercentage=90"));
        assertThat(message).contains("extraEnv sets JDK_JAVA_OPTIONS");
    }

    @Test
    void sharesThatLeaveTheJvmTooLittleAreRefused() {
        String message = Charts.failureOf(Charts.UMBRELLA, List.of("ci/default-values.yaml"), Map.of(
                "tree-planting-service.memory.heapPercent", 70,
                "tree-planting-service.memory.rocksdbPercent", 25));
        assertThat(message).contains("memory.heapPercent (70) + memory.rocksdbPercent (25) is above 85");
    }

    @Test
    void aMemoryLimitIsRequired() {
        // given: a service chart on its own, its default limit removed
        String message = Charts.failureOf("permit-service", List.of(), Map.of(
                "global.kafka.bootstrapServers", Charts.CI_BOOTSTRAP, "resources.limits.memory", "null"));
        assertThat(message).contains("limits").contains("memory is required");
    }

    private static long quantityBytes(Object quantity) {
        String q = quantity.toString();
        if (q.endsWith("Gi")) {
            return Long.parseLong(q.substring(0, q.length() - 2)) << 30;
        }
        if (q.endsWith("Mi")) {
            return Long.parseLong(q.substring(0, q.length() - 2)) << 20;
        }
        return Long.parseLong(q);
    }

    private static TazaProperties bind(Map<String, Object> env) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return new Binder(ConfigurationPropertySources.from(sources)).bind("taza", TazaProperties.class).get();
    }
}

package kz.taza.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/**
 * The charts under {@code helm/}, ready to lint and render: copied once per test JVM into {@code target/helm-work}
 * (so the source tree gets no {@code charts/} or {@code Chart.lock}), then {@code helm dependency update} runs in
 * dependency order (each service chart takes the library, the umbrella takes the services). All dependencies are
 * {@code file://} charts: nothing is fetched from a repository, so this works offline.
 */
final class Charts {

    static final String LIBRARY = "taza-lib";
    static final String UMBRELLA = "taza";
    static final List<String> SERVICES = List.of("permit-service", "emission-service", "inspection-service",
            "tree-planting-service", "kpi-service");
    /** Placeholder bootstrap servers of ci/default-values.yaml; the charts have no default on purpose. */
    static final String CI_BOOTSTRAP = "kafka-bootstrap:9092";
    /** Placeholder token issuer of ci/default-values.yaml; no default either (a service without one does not start). */
    static final String CI_ISSUER = "http://identity-provider:8090";

    private static Path work;

    private Charts() {
    }

    static Path source() {
        return Path.of(System.getProperty("taza.helm.dir", "../helm")).toAbsolutePath().normalize();
    }

    static Path repositoryRoot() {
        return Path.of(System.getProperty("taza.root.dir", "..")).toAbsolutePath().normalize();
    }

    /** The work copy with dependencies built. */
    static synchronized Path work() {
        if (work == null) {
            Path target = Path.of(System.getProperty("taza.helm.work", "target/helm-work")).toAbsolutePath();
            deleteRecursively(target);
            copyRecursively(source(), target);
            for (String service : SERVICES) {
                new Helm(target.resolve(service)).dependency().update().skipRefresh().call();
            }
            new Helm(target.resolve(UMBRELLA)).dependency().update().skipRefresh().call();
            work = target;
        }
        return work;
    }

    static Path chart(String name) {
        return work().resolve(name);
    }

    static Path umbrellaValues(String file) {
        return chart(UMBRELLA).resolve("ci").resolve(file);
    }

    /** Renders the umbrella chart with the given values files and --set values; throws Helm's error on failure. */
    static Manifests renderUmbrella(List<String> valuesFiles, Map<String, Object> sets) {
        return new Manifests(template(UMBRELLA, valuesFiles, sets));
    }

    static String template(String chart, List<String> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(chart(chart)).template().withName("taza").withNamespace("taza");
        for (String file : valuesFiles) {
            template = template.withValuesFile(chart(chart).resolve(file));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    /** Helm's message when rendering fails, or an assertion error when it renders. */
    static String failureOf(String chart, List<String> valuesFiles, Map<String, Object> sets) {
        try {
            template(chart, valuesFiles, sets);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("rendering " + chart + " with " + valuesFiles + " " + sets + " succeeded");
    }

    private static void copyRecursively(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            List<Path> all = new ArrayList<>(paths.toList());
            for (Path path : all) {
                Path relative = from.relativize(path);
                // A developer's local dependency build is not part of the charts.
                if (relative.toString().contains("charts/") || relative.endsWith("charts")
                        || relative.endsWith("Chart.lock")) {
                    continue;
                }
                Path dest = to.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(path, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package kz.taza.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The documents of a rendered release, parsed; navigation helpers for the assertions. */
final class Manifests {

    private final List<Map<String, Object>> documents = new ArrayList<>();
    private final String text;

    @SuppressWarnings("unchecked")
    Manifests(String text) {
        this.text = text;
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(50 * 1024 * 1024);
        for (Object doc : new Yaml(options).loadAll(text)) {
            if (doc instanceof Map<?, ?> map) {
                documents.add((Map<String, Object>) map);
            }
        }
    }

    String text() {
        return text;
    }

    List<Map<String, Object>> all() {
        return documents;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    Map<String, Object> named(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(at(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in\n" + names()));
    }

    List<String> names() {
        return documents.stream().map(d -> d.get("kind") + "/" + at(d, "metadata", "name")).toList();
    }

    /** The value at a path of map keys (and list indexes, as Integers). */
    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object key : path) {
            if (current == null) {
                return null;
            }
            if (key instanceof Integer index) {
                current = ((List<Object>) current).get(index);
            } else {
                current = ((Map<String, Object>) current).get(key);
            }
        }
        return (T) current;
    }

    /** The first container of a workload. */
    static Map<String, Object> container(Map<String, Object> workload) {
        return Objects.requireNonNull(at(workload, "spec", "template", "spec", "containers", 0));
    }

    /** The env entries of a workload's first container. */
    static List<Map<String, Object>> env(Map<String, Object> workload) {
        return Objects.requireNonNull(at(container(workload), "env"));
    }

    static Map<String, Object> envVar(Map<String, Object> workload, String name) {
        return env(workload).stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + at(workload, "metadata", "name")));
    }
}

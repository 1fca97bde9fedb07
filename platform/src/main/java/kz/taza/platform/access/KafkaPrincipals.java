package kz.taza.platform.access;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The principals of a deployment, found with {@link ServiceLoader}: the project's access model registers its
 * implementation in {@code META-INF/services/kz.taza.platform.access.KafkaPrincipals}. The brokers of the tests and
 * of the local stack give each of them its SCRAM credential and its ACLs.
 */
public interface KafkaPrincipals {

    /** The principals this model declares. */
    List<KafkaPrincipal> principals();

    /** Every principal of every model on the class path; a name declared twice is refused. */
    static List<KafkaPrincipal> all() {
        List<KafkaPrincipal> all = new ArrayList<>();
        for (KafkaPrincipals model : ServiceLoader.load(KafkaPrincipals.class)) {
            all.addAll(model.principals());
        }
        List<String> twice = all.stream().collect(Collectors.groupingBy(KafkaPrincipal::name, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1).map(java.util.Map.Entry::getKey).sorted().toList();
        if (!twice.isEmpty()) {
            throw new IllegalStateException("Kafka principals declared twice in the access model: " + twice);
        }
        return all;
    }

    /** The principal with this name; a clear error when the access model has none. */
    static KafkaPrincipal named(String name) {
        List<KafkaPrincipal> all = all();
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The access model has no Kafka principal named '" + name
                        + "' (it has " + all.stream().map(KafkaPrincipal::name).sorted().toList() + "): add it to "
                        + "the KafkaPrincipals implementation registered in META-INF/services"));
    }
}

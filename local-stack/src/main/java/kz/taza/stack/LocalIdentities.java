package kz.taza.stack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import kz.taza.simulator.SimulatorOptions;
import kz.taza.simulator.client.IdentityFile;
import kz.taza.simulator.scenario.ScenarioGenerator;

/**
 * Who may act in a local run, written for the identity provider before it starts: the scenario's identities (the
 * ministry's desks, each operator's reporting system and AMS gateway — the scenario the simulator will send, from the
 * same arguments), each service's own client (the role {@code service}, for reads it forwards to another instance),
 * the people who sign in locally ({@value #PEOPLE_NOTE}) and the command-line client {@code ./taza token} signs them
 * in with. Every secret is drawn for the run and kept in the run directory only (owner-readable).
 */
final class LocalIdentities {

    /** The public client of {@code ./taza token} (authorization code with PKCE, no secret). */
    static final String CLI_CLIENT = "taza-cli";
    /** Where the identity provider sends {@code ./taza token}'s authorization code; never actually listened on. */
    static final String CLI_REDIRECT = "http://127.0.0.1:8799/callback";
    /** The people of a local run, by user name, and their roles. */
    static final Map<String, Set<String>> PEOPLE = people();
    static final String PEOPLE_NOTE = "officer1, inspector1, forester1, analyst1, operations1";

    private final Path file;
    private final Map<String, String> serviceSecrets;

    private LocalIdentities(Path file, Map<String, String> serviceSecrets) {
        this.file = file;
        this.serviceSecrets = Map.copyOf(serviceSecrets);
    }

    /**
     * Writes the run's identities to {@code file}.
     *
     * @param simulatorArgs what the simulator will be given: the scenario (seed, sizes) is read from it
     * @param services      the services whose own clients are made
     */
    static LocalIdentities write(Path file, List<String> simulatorArgs, List<ServiceSpec> services) {
        SimulatorOptions simulator = SimulatorOptions.parse(simulatorArgs, Map.of(), new PrintStream(
                java.io.OutputStream.nullOutputStream())).orElseThrow(() -> new StackException(
                        "The simulator's arguments ask for its help: run the simulator itself for that"));
        IdentityFile identities = IdentityFile.forScenario(ScenarioGenerator.generate(simulator.scenario()));
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ServiceSpec service : services) {
            secrets.put(service.name(), identities.client(service.name(), Set.of("service"), null));
        }
        PEOPLE.forEach(identities::user);
        String prefix = "taza.identity.clients." + CLI_CLIENT + ".";
        identities.set(prefix + "grants", "authorization_code")
                .set(prefix + "redirect-uris", CLI_REDIRECT)
                .set(prefix + "scopes", "openid");
        identities.write(file);
        return new LocalIdentities(file, secrets);
    }

    /** The file the identity provider is started with (and the simulator reads its secrets from). */
    Path file() {
        return file;
    }

    /** The secret of a service's own client. */
    String serviceSecret(String service) {
        String secret = serviceSecrets.get(service);
        if (secret == null) {
            throw new IllegalArgumentException("no client was made for " + service);
        }
        return secret;
    }

    private static Map<String, Set<String>> people() {
        Map<String, Set<String>> people = new LinkedHashMap<>();
        people.put("officer1", Set.of("officer"));
        people.put("inspector1", Set.of("inspector"));
        people.put("forester1", Set.of("forester"));
        people.put("analyst1", Set.of("analyst"));
        people.put("operations1", Set.of("operations"));
        return people;
    }
}

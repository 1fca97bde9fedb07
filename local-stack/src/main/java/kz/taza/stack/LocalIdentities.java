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
 * the people who sign in locally ({@value #PEOPLE_NOTE}), the command-line client {@code ./taza token} signs them
 * in with, and, when the KPI service runs, its dashboard's sign-in client ({@value #DASHBOARD_CLIENT}: confidential,
 * authorization code with PKCE, redirected back to the KPI service's port). Every secret is drawn for the run and kept
 * in the run directory only (owner-readable).
 */
final class LocalIdentities {

    /** The public client of {@code ./taza token} (authorization code with PKCE, no secret). */
    static final String CLI_CLIENT = "taza-cli";
    /** Where the identity provider sends {@code ./taza token}'s authorization code; never actually listened on. */
    static final String CLI_REDIRECT = "http://127.0.0.1:8799/callback";
    /** The people of a local run, by user name, and their roles. */
    static final Map<String, Set<String>> PEOPLE = people();
    static final String PEOPLE_NOTE = "officer1, inspector1, forester1, analyst1, operations1";
    /** Who signs in to the KPI dashboard. */
    static final String ANALYST = "analyst1";
    /** The KPI service's sign-in client, apart from its own (machine) client: people sign in through this one. */
    static final String DASHBOARD_CLIENT = "kpi-dashboard";
    /** The path of the KPI service that the identity provider sends a signed-in person back to. */
    static final String DASHBOARD_REDIRECT_PATH = "/login/oauth2/code/taza";

    private final Path file;
    private final Map<String, String> serviceSecrets;
    private final String dashboardSecret;

    private LocalIdentities(Path file, Map<String, String> serviceSecrets, String dashboardSecret) {
        this.file = file;
        this.serviceSecrets = Map.copyOf(serviceSecrets);
        this.dashboardSecret = dashboardSecret;
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
        String dashboardSecret = null;
        for (ServiceSpec service : services) {
            secrets.put(service.name(), identities.client(service.name(), Set.of("service"), null));
            if (service.name().equals(ServiceSpec.KPI_SERVICE)) {
                dashboardSecret = dashboardClient(identities, service);
            }
        }
        PEOPLE.forEach(identities::user);
        String prefix = "taza.identity.clients." + CLI_CLIENT + ".";
        identities.set(prefix + "grants", "authorization_code")
                .set(prefix + "redirect-uris", CLI_REDIRECT)
                .set(prefix + "scopes", "openid");
        identities.write(file);
        return new LocalIdentities(file, secrets, dashboardSecret);
    }

    /**
     * The dashboard's sign-in client: people only (no role of its own, no client credentials), sent back to the KPI
     * service by either name of the local host, as a browser may have opened it by either.
     */
    private static String dashboardClient(IdentityFile identities, ServiceSpec kpi) {
        String secret = identities.client(DASHBOARD_CLIENT, Set.of(), null);
        String prefix = "taza.identity.clients." + DASHBOARD_CLIENT + ".";
        identities.set(prefix + "grants", "authorization_code,refresh_token")
                .set(prefix + "redirect-uris", String.join(",", kpi.url() + DASHBOARD_REDIRECT_PATH,
                        "http://127.0.0.1:" + kpi.port() + DASHBOARD_REDIRECT_PATH))
                .set(prefix + "scopes", "openid,profile");
        return secret;
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

    /** The secret of the KPI dashboard's sign-in client; empty when the KPI service is not part of the run. */
    java.util.Optional<String> dashboardSecret() {
        return java.util.Optional.ofNullable(dashboardSecret);
    }

    private static Map<String, Set<String>> people() {
        Map<String, Set<String>> people = new LinkedHashMap<>();
        people.put("officer1", Set.of("officer"));
        people.put("inspector1", Set.of("inspector"));
        people.put("forester1", Set.of("forester"));
        people.put(ANALYST, Set.of("analyst"));
        people.put("operations1", Set.of("operations"));
        return people;
    }
}

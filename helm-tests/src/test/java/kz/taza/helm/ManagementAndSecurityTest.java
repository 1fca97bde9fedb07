package kz.taza.helm;

import static kz.taza.helm.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API apart from management, and the tokens: the Service an ingress reaches has the API port alone (every call on
 * it needs a token), the probes and the Prometheus scrape use the management port, which only the monitoring peers may
 * reach through the NetworkPolicy; every service trusts the issuer of {@code global.security} and takes its own client
 * secret from a Secret, never from values. Ports are followed by name from the Services and the policy to the
 * container's ports, and from there to the port numbers the service is told ({@code SERVER_PORT},
 * {@code MANAGEMENT_SERVER_PORT}), so a renamed or renumbered port breaks these tests.
 */
class ManagementAndSecurityTest {

    private static final List<String> DEFAULTS = List.of("ci/default-values.yaml");
    private static final Map<String, Object> MONITORING = Map.of("namespaceSelector",
            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")));
    private static final Map<String, Object> INGRESS_NGINX = Map.of("namespaceSelector",
            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")));

    private static Manifests defaults;
    private static Manifests production;

    @BeforeAll
    static void render() {
        defaults = Charts.renderUmbrella(DEFAULTS, Map.of());
        production = TopicCatalogueTest.production();
    }

    static List<String> services() {
        return Charts.SERVICES;
    }

    @ParameterizedTest(name = "{0}: the client-facing Service has the API port only, the headless Service too")
    @MethodSource("services")
    void theServiceAnIngressReachesExposesOnlyTheApiPort(String service) {
        for (Manifests release : List.of(defaults, production)) {
            Map<String, Object> set = release.named("StatefulSet", "taza-" + service);
            for (String name : List.of("taza-" + service, "taza-" + service + "-headless")) {
                // when
                List<Map<String, Object>> ports = at(release.named("Service", name), "spec", "ports");
                // then: one port, the container's API port, the one the service serves its REST API on
                assertThat(ports).as("ports of Service %s", name).hasSize(1);
                assertThat(containerPort(set, ports.get(0).get("targetPort")))
                        .isEqualTo(envPort(set, "SERVER_PORT")).isEqualTo(ports.get(0).get("port"));
            }
        }
    }

    @ParameterizedTest(name = "{0}: probes on the management port, apart from the API port")
    @MethodSource("services")
    void probesCallTheManagementPort(String service) {
        for (Manifests release : List.of(defaults, production)) {
            Map<String, Object> set = release.named("StatefulSet", "taza-" + service);
            int management = envPort(set, "MANAGEMENT_SERVER_PORT");
            // then
            assertThat(management).isNotEqualTo(envPort(set, "SERVER_PORT"));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(containerPort(set, at(Manifests.container(set), probe, "httpGet", "port")))
                        .as("%s of %s", probe, service).isEqualTo(management);
            }
        }
    }

    @ParameterizedTest(name = "{0}: the ServiceMonitor scrapes the management port through a Service of its own")
    @MethodSource("services")
    void serviceMonitorScrapesTheManagementPortThroughItsOwnService(String service) {
        // given
        Map<String, Object> set = production.named("StatefulSet", "taza-" + service);
        Map<String, Object> monitor = production.named("ServiceMonitor", "taza-" + service);
        Map<String, Object> selector = at(monitor, "spec", "selector", "matchLabels");
        // when: the Services its selector picks
        List<Map<String, Object>> selected = production.ofKind("Service").stream()
                .filter(s -> Objects.<Map<String, Object>>requireNonNull(at(s, "metadata", "labels")).entrySet()
                        .containsAll(selector.entrySet()))
                .toList();
        // then: only the management Service (each pod scraped once), headless, its one port the management port
        assertThat(selected).extracting(s -> at(s, "metadata", "name"))
                .containsExactly("taza-" + service + "-management");
        Map<String, Object> managementService = selected.get(0);
        assertThat(Manifests.<Object>at(managementService, "spec", "clusterIP")).isEqualTo("None");
        List<Map<String, Object>> ports = at(managementService, "spec", "ports");
        assertThat(ports).hasSize(1);
        assertThat(Manifests.<String>at(monitor, "spec", "endpoints", 0, "port")).isEqualTo(ports.get(0).get("name"));
        assertThat(containerPort(set, ports.get(0).get("targetPort"))).isEqualTo(envPort(set, "MANAGEMENT_SERVER_PORT"));
        assertThat(Manifests.<String>at(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
    }

    @Test
    void withoutAServiceMonitorNoServiceNamesTheManagementPort() {
        for (Map<String, Object> service : defaults.ofKind("Service")) {
            List<Map<String, Object>> ports = at(service, "spec", "ports");
            assertThat(ports).extracting(p -> p.get("targetPort")).as("ports of %s", Manifests.<String>at(service, "metadata", "name"))
                    .containsOnly("http");
        }
    }

    @ParameterizedTest(name = "{0}: the NetworkPolicy lets only the monitoring peers on the management port")
    @MethodSource("services")
    void networkPolicyOpensTheManagementPortToTheMonitoringPeersOnly(String service) {
        // given: production values, the API from the ingress controller, management from the monitoring namespace
        Map<String, Object> set = production.named("StatefulSet", "taza-" + service);
        Map<String, Object> policy = production.named("NetworkPolicy", "taza-" + service);
        Map<String, Object> ownPods = Map.of("podSelector", Map.of("matchLabels",
                Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/instance", "taza")));
        // then
        assertThat(ingressPeers(policy, set, envPort(set, "MANAGEMENT_SERVER_PORT"))).containsExactly(MONITORING);
        assertThat(ingressPeers(policy, set, envPort(set, "SERVER_PORT")))
                .containsExactlyInAnyOrder(ownPods, INGRESS_NGINX);
    }

    @Test
    void networkPolicyLetsTheServicesReachTheIssuerOnThePortsOfItsUris() {
        // given: production's issuer and token endpoint are https URIs without a port
        Map<String, Object> policy = production.named("NetworkPolicy", "taza-permit-service");
        // then: 443, to any destination (issuerTo is empty), beside the rules that were there
        assertThat(egressPorts(policy, null)).contains(443);
        // given: an issuer in the cluster, its keys on another port, and the peers named
        Manifests inCluster = Charts.renderUmbrella(DEFAULTS, Map.of(
                "global.security.issuerUri", "http://keycloak.idp.svc:8080/realms/taza",
                "global.security.jwkSetUri", "https://keycloak.idp.svc:8443/realms/taza/protocol/openid-connect/certs",
                "permit-service.networkPolicy.enabled", true,
                "permit-service.networkPolicy.issuerTo[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
                "idp"));
        Map<String, Object> idp = Map.of("namespaceSelector",
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "idp")));
        // then
        assertThat(egressPorts(inCluster.named("NetworkPolicy", "taza-permit-service"), idp))
                .containsExactly(8080, 8443);
        // and an explicit list wins over the URIs
        Manifests explicit = Charts.renderUmbrella(DEFAULTS, Map.of("permit-service.networkPolicy.enabled", true,
                "permit-service.networkPolicy.issuerPorts[0]", 9443));
        assertThat(egressPorts(explicit.named("NetworkPolicy", "taza-permit-service"), null)).contains(9443)
                .doesNotContain(8090);
    }

    @ParameterizedTest(name = "{0}: trusts the issuer of global.security")
    @MethodSource("services")
    void everyServiceTrustsTheIssuerTheValuesName(String service) {
        Map<String, Object> inDefaults = defaults.named("StatefulSet", "taza-" + service);
        Map<String, Object> inProduction = production.named("StatefulSet", "taza-" + service);
        assertThat(value(inDefaults, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")).isEqualTo(Charts.CI_ISSUER);
        assertThat(value(inProduction, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"))
                .isEqualTo("https://idp.ministry.example/realms/taza");
        assertThat(value(inDefaults, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES")).isEqualTo("taza");
        // OpenAPI documents are off unless the values turn them on
        assertThat(value(inDefaults, "TAZA_SECURITY_OPEN_API_PUBLIC")).isEqualTo("false");
        // the token endpoint and the key set only where the values name them
        assertThat(Manifests.env(inDefaults)).extracting(e -> e.get("name"))
                .doesNotContain("TAZA_SECURITY_CLIENT_TOKEN_URI", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
        assertThat(value(inProduction, "TAZA_SECURITY_CLIENT_TOKEN_URI"))
                .isEqualTo("https://idp.ministry.example/realms/taza/protocol/openid-connect/token");
    }

    @ParameterizedTest(name = "{0}: the client secret comes from a Secret, as the chart README says to create it")
    @MethodSource("services")
    void theClientSecretComesFromTheSecretTheReadmeSaysToCreate(String service) throws IOException {
        // given
        Map<String, Object> secret = Manifests.envVar(defaults.named("StatefulSet", "taza-" + service),
                "TAZA_SECURITY_CLIENT_SECRET");
        // then: a reference, never a value, to the Secret named after the release and the service
        assertThat(secret).doesNotContainKey("value");
        assertThat(Manifests.<String>at(secret, "valueFrom", "secretKeyRef", "name")).isEqualTo("taza-" + service + "-client");
        assertThat(Manifests.<String>at(secret, "valueFrom", "secretKeyRef", "key")).isEqualTo("client-secret");
        // and the chart README has the command that creates it
        assertThat(Files.readString(Charts.source().resolve(service).resolve("README.md")))
                .contains("kubectl -n taza create secret generic taza-" + service
                        + "-client --from-literal=client-secret=");
    }

    @Test
    void aSecretOfTheOperatorsOwnIsUsedWhereTheValuesNameIt() {
        // given
        Manifests release = Charts.renderUmbrella(DEFAULTS, Map.of(
                "emission-service.security.clientSecret.secretName", "emission-oidc",
                "emission-service.security.clientSecret.key", "secret",
                "emission-service.security.clientId", "taza-emission"));
        Map<String, Object> set = release.named("StatefulSet", "taza-emission-service");
        // then
        assertThat(Manifests.<String>at(Manifests.envVar(set, "TAZA_SECURITY_CLIENT_SECRET"), "valueFrom",
                "secretKeyRef", "name")).isEqualTo("emission-oidc");
        assertThat(Manifests.<String>at(Manifests.envVar(set, "TAZA_SECURITY_CLIENT_SECRET"), "valueFrom",
                "secretKeyRef", "key")).isEqualTo("secret");
        assertThat(value(set, "TAZA_SECURITY_CLIENT_ID")).isEqualTo("taza-emission");
        // the other services keep theirs
        assertThat(Manifests.<String>at(Manifests.envVar(release.named("StatefulSet", "taza-permit-service"),
                "TAZA_SECURITY_CLIENT_SECRET"), "valueFrom", "secretKeyRef", "name")).isEqualTo("taza-permit-service-client");
    }

    /** The peers of the ingress rules that open the given container port (by name or number). */
    private static List<Map<String, Object>> ingressPeers(Map<String, Object> policy, Map<String, Object> set, int port) {
        List<Map<String, Object>> peers = new ArrayList<>();
        for (Map<String, Object> rule : Manifests.<List<Map<String, Object>>>at(policy, "spec", "ingress")) {
            List<Map<String, Object>> ports = at(rule, "ports");
            assertThat(ports).as("an ingress rule without ports opens every port").isNotEmpty();
            if (ports.stream().anyMatch(p -> containerPort(set, p.get("port")) == port)) {
                List<Map<String, Object>> from = at(rule, "from");
                assertThat(from).as("an ingress rule without peers lets everyone in").isNotEmpty();
                peers.addAll(from);
            }
        }
        return peers;
    }

    /** The ports of the egress rules to exactly these peers (null: to any destination). */
    private static List<Integer> egressPorts(Map<String, Object> policy, Map<String, Object> peer) {
        List<Integer> ports = new ArrayList<>();
        for (Map<String, Object> rule : Manifests.<List<Map<String, Object>>>at(policy, "spec", "egress")) {
            List<Map<String, Object>> to = at(rule, "to");
            if (peer == null ? to == null : List.of(peer).equals(to)) {
                Manifests.<List<Map<String, Object>>>at(rule, "ports").forEach(p -> ports.add((Integer) p.get("port")));
            }
        }
        return ports;
    }

    /** The number of a container port, given by name or number. */
    private static int containerPort(Map<String, Object> set, Object nameOrNumber) {
        if (nameOrNumber instanceof Integer number) {
            return number;
        }
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (Map<String, Object> port : Manifests.<List<Map<String, Object>>>at(Manifests.container(set), "ports")) {
            byName.put((String) port.get("name"), (Integer) port.get("containerPort"));
        }
        assertThat(byName).as("container ports").containsKey((String) nameOrNumber);
        return byName.get(nameOrNumber);
    }

    private static int envPort(Map<String, Object> set, String name) {
        return Integer.parseInt(value(set, name));
    }

    private static String value(Map<String, Object> set, String name) {
        return (String) Manifests.envVar(set, name).get("value");
    }
}

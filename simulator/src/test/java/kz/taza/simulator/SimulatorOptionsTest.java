package kz.taza.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import kz.taza.simulator.scenario.ScenarioConfig;

class SimulatorOptionsTest {

    @Test
    void withoutFlagsTheDefaultScenarioRunsLiveAndWritesTheTruthToTheRunDirectory() {
        SimulatorOptions options = parse(List.of(), Map.of("TAZA_RUN_DIR", "/tmp/run-1"));

        assertThat(options.mode()).isEqualTo("live");
        assertThat(options.scenario()).isEqualTo(ScenarioConfig.DEFAULT);
        assertThat(options.concurrency()).isEqualTo(8);
        assertThat(options.readingsPerSecond()).isZero();
        assertThat(options.speed()).isEqualTo(60);
        assertThat(options.lookbackHours()).isEqualTo(6);
        assertThat(options.groundTruth()).isEqualTo(Path.of("/tmp/run-1", "ground-truth.json"));
        assertThat(options.readinessTimeout()).hasSeconds(300);
        assertThat(options.amsReplay()).isTrue();
        assertThat(options.kafkaConfig()).isEmpty();
        assertThat(parse(List.of(), Map.of()).groundTruth()).isEqualTo(Path.of(".", "ground-truth.json"));
    }

    @Test
    void flagsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        SimulatorOptions options = parse(List.of("--mode", "replay", "--seed=7", "--facilities", "400",
                "--ams-days=1", "--plantings-per-year", "40", "--no-ams", "--concurrency=0",
                "--readings-per-second", "500", "--speed=120.5", "--live-lookback-hours", "2",
                "--ground-truth=truth.json", "--readiness-timeout", "30", "--kafka-config", "kafka/sim.properties"),
                Map.of());

        assertThat(options.mode()).isEqualTo("replay");
        assertThat(options.scenario()).isEqualTo(new ScenarioConfig(7, 400, 1, 40,
                ScenarioConfig.DEFAULT.amsStart()));
        assertThat(options.concurrency()).as("at least one request in flight").isEqualTo(1);
        assertThat(options.readingsPerSecond()).isEqualTo(500);
        assertThat(options.speed()).isEqualTo(120.5);
        assertThat(options.lookbackHours()).isEqualTo(2);
        assertThat(options.groundTruth()).isEqualTo(Path.of("truth.json"));
        assertThat(options.readinessTimeout()).hasSeconds(30);
        assertThat(options.amsReplay()).isFalse();
        assertThat(options.kafkaConfig()).contains(Path.of("kafka/sim.properties"));
    }

    @Test
    void aBadNumberIsRefusedNamingTheFlagAndTheTypeItNeeds() {
        assertThatThrownBy(() -> parse(List.of("--facilities", "many"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for option '--facilities': 'many' is not an int");
        assertThatThrownBy(() -> parse(List.of("--speed=fast"), Map.of()))
                .hasMessage("Invalid value for option '--speed': 'fast' is not a double");
    }

    @Test
    void aScenarioSizeTheScenarioRefusesIsNamedByItsFlag() {
        assertThatThrownBy(() -> parse(List.of("--facilities=5"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for option '--facilities': a scenario needs at least 12 facilities, got 5");
        assertThatThrownBy(() -> parse(List.of("--ams-days", "0"), Map.of()))
                .hasMessageStartingWith("Invalid value for option '--ams-days': ");
        assertThatThrownBy(() -> parse(List.of("--plantings-per-year", "3"), Map.of()))
                .hasMessageStartingWith("Invalid value for option '--plantings-per-year': ");
    }

    @Test
    void anUnknownModeIsRefusedWithTheModes() {
        assertThatThrownBy(() -> parse(List.of("--mode=fast"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--mode")
                .hasMessageContaining("[replay, live, verify]")
                .hasMessageContaining("'fast'");
    }

    @Test
    void anUnknownFlagIsRefusedWithASuggestionAndTheUsage() {
        assertThatThrownBy(() -> parse(List.of("--facilties", "400"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--facilties")
                .hasMessageContaining("--facilities")
                .hasMessageContaining("Usage: java -jar simulator/target/simulator-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Optional<SimulatorOptions> options = SimulatorOptions.parse(List.of("--help"), Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(options).isEmpty();
        // Line breaks and indents as single spaces: what is said, not where the lines wrap.
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .startsWith("Usage: java -jar simulator/target/simulator-0.1.0-SNAPSHOT.jar")
                .contains("--mode=replay|live|verify", "(default: live)")
                .contains("--seed=<n>", "(default: 2024)")
                .contains("--facilities=<n>", "(default: 2000, at least 12)")
                .contains("--ams-days=<n>", "(default: 2)")
                .contains("--plantings-per-year=<n>", "(default: 400, at least 20)")
                .contains("--concurrency=<n>", "(default: 8)")
                .contains("--readiness-timeout=<s>", "(default: 300)")
                .contains("--no-ams", "--readings-per-second=<n>", "--speed=<x>", "--live-lookback-hours=<n>",
                        "--ground-truth=<file>", "TAZA_PERMIT_SERVICE_URL");
    }

    private static SimulatorOptions parse(List<String> args, Map<String, String> env) {
        return SimulatorOptions.parse(args, env, new PrintStream(OutputStream.nullOutputStream())).orElseThrow();
    }
}

package kz.taza.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import kz.taza.stack.ServiceSpec;

/**
 * The chaos drill at CI size, as an operator runs it ({@code ./taza chaos}): the real launcher, broker, identity
 * provider and services as processes; two instances each of emission-service and inspection-service behind their
 * fronts, one instance of each SIGKILLed mid-replay and restarted on its state, the broker SIGKILLed once, poison on
 * every dead-lettered topic; a small scenario. The drill's own checks decide (exit 0 and {@code CHAOS PASSED}); this
 * test also holds it to the figures it must report, so a drill that did less than asked cannot pass.
 */
class ChaosDrillIT {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final List<String> DRILL = List.of("chaos", "--plain", "--instances", "2", "--targets",
            "emission-service,inspection-service", "--rounds", "1", "--kill-instances", "1", "--poison", "2",
            "--pause", "2", "--", "--facilities", "50", "--ams-days", "1");
    static final long TIMEOUT_MINUTES = 25;

    @Test
    @DisplayName("./taza chaos at CI size: an instance of each killed and a broker restart mid-replay, nothing lost or doubled")
    void theDrillPassesWithEveryKillDoneAndEveryPoisonRecordInItsDeadLetterTopic() throws Exception {
        for (String module : List.of("permit-service", "emission-service", "inspection-service",
                "tree-planting-service", "kpi-service", "identity-provider")) {
            Path jar = ROOT.resolve(module).resolve("target").resolve(module + "-" + ServiceSpec.VERSION + "-exec.jar");
            assertThat(jar).as("built by the package phase before this integration test (mvn verify)").exists();
        }
        Path log = Path.of("target", "chaos-drill.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of("sh", ROOT.resolve("taza").toString()));
        command.addAll(DRILL);
        Process drill = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        boolean ended = drill.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            drill.destroy(); // SIGTERM: the launcher stops what it started
            drill.waitFor(3, TimeUnit.MINUTES);
        }
        String output = Files.readString(log);
        System.out.println(output);

        assertThat(ended).as("the drill ended within %d minutes", TIMEOUT_MINUTES).isTrue();
        assertThat(drill.exitValue()).as("exit code (output above)").isZero();
        assertThat(output).contains("CHAOS PASSED")
                .contains("kills: 2 SIGKILL(s) of service instances and 1 of the broker")
                .contains("every call of the replay accepted")
                .containsPattern("KPIs: [1-9][0-9]* ground-truth values compared, all equal")
                .containsPattern("poison: (\\d+) record\\(s\\) on \\d+ topic\\(s\\), \\1 in their dead-letter topics")
                .containsPattern("events: [1-9][0-9]* on \\d+ public event topic\\(s\\), started \\{.*ThresholdExceeded=[1-9]")
                .contains("none twice");
    }
}

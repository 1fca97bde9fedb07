package kz.taza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.platform.test.SharedKafkaBroker;

/**
 * The whole harness, tiny, against the shared in-process broker: every phase runs and the pipeline publishes exactly
 * the exceedance events and rejections the readings were built to cause. Nothing here looks at how fast anything was.
 */
class HarnessSmokeTest {

    @TempDir
    Path workDir;

    @Test
    void givenATinyFleetWhenTheHarnessRunsThePipelinePublishesEveryConstructedEventAndRejection() throws Exception {
        Harness.Config config = new Harness.Config(20_000, 100, 2, 1, Duration.ofSeconds(2), 0.5, true, workDir, Map.of(),
                message -> System.out.println("[smoke] " + message));

        Harness.Result result = new Harness(SharedKafkaBroker.get().bootstrapServers(), config).run();

        Harness.Checks checks = result.checks();
        assertThat(checks.expectedStarted()).isPositive();
        assertThat(checks.expectedRejected()).isPositive();
        assertThat(checks.seenStarted()).isEqualTo(checks.expectedStarted());
        assertThat(checks.seenEnded()).isEqualTo(checks.expectedEnded());
        assertThat(checks.seenRejected()).isEqualTo(checks.expectedRejected());
        assertThat(checks.rejectionReasons()).containsOnlyKeys("NEGATIVE_CONCENTRATION");
        assertThat(checks.kpiValues()).isPositive();
        assertThat(checks.baselineProcessed()).isGreaterThanOrEqualTo(20_000);
        assertThat(result.lastBaseline().readings()).isEqualTo(20_000);
        assertThat(result.lastPipeline().readings()).isEqualTo(20_000);
        assertThat(result.pipelineLatency().received()).isEqualTo(result.pipelineLatency().expected());
        assertThat(result.passThroughLatency().received()).isEqualTo(result.passThroughLatency().sent());
        assertThat(result.passThroughLatency().micros().count()).isEqualTo(result.passThroughLatency().sent());
    }
}

package kz.taza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.platform.test.SharedKafkaBroker;
import kz.taza.stack.ServiceSpec;

/**
 * The whole harness, tiny, against the shared in-process broker: Kafka's performance tools, both applications in
 * processes of their own, every latency phase in its probe process, emission-service from its executable jar behind
 * an identity provider of the harness's own (each POST signed in as the facility's gateway); the
 * pipeline publishes exactly the exceedance events and rejections the readings were built to cause, and every
 * awaited latency record arrives. Nothing here looks at how fast anything was.
 */
class HarnessSmokeTest {

    @TempDir
    Path workDir;

    @Test
    void givenATinyFleetWhenTheHarnessRunsThePipelinePublishesEveryConstructedEventAndRejection() throws Exception {
        Path checkout = LoadTool.checkout();
        Harness.Config config = new Harness.Config(20_000, 100, 2, 1, Duration.ofSeconds(2), 0.5, true, true, false, 1,
                2_000, workDir, checkout.resolve("local-stack/target/broker-lib"),
                new ServiceSpec("emission-service", 0).jar(checkout), List.of("-Xmx512m"),
                ServiceSpec.IDENTITY_PROVIDER.jar(checkout), Map.of(),
                message -> System.out.println("[smoke] " + message));

        Harness.Result result = new Harness(new BenchConnection(SharedKafkaBroker.get().bootstrapServers(),
                SharedKafkaBroker.get().admin().clientProperties()),
                config).run();

        Harness.Checks checks = result.checks();
        assertThat(checks.phaseProblems()).isEmpty();
        assertThat(checks.expectedStarted()).isPositive();
        assertThat(checks.expectedRejected()).isPositive();
        assertThat(checks.seenStarted()).isEqualTo(checks.expectedStarted());
        assertThat(checks.seenEnded()).isEqualTo(checks.expectedEnded());
        assertThat(checks.seenRejected()).isEqualTo(checks.expectedRejected());
        assertThat(checks.rejectionReasons()).containsOnlyKeys("NEGATIVE_CONCENTRATION");
        assertThat(checks.kpiValues()).isPositive();
        assertThat(checks.baselineProcessed()).isGreaterThanOrEqualTo(20_000);
        assertThat(result.produce().records()).isEqualTo(20_000);
        assertThat(result.consume().records()).isEqualTo(20_000);
        assertThat(result.lastBaseline().readings()).isEqualTo(20_000);
        assertThat(result.lastPipeline().readings()).isEqualTo(20_000);
        assertThat(result.lastPipeline().cpuNanos()).isPositive();
        assertThat(result.lastPipeline().profile().samples()).isPositive();
        assertThat(result.pipelineAtHalf().result().received()).isEqualTo(result.pipelineAtHalf().result().expected());
        assertThat(result.pipelineAtUserRate().result().received())
                .isEqualTo(result.pipelineAtUserRate().result().expected());
        assertThat(result.passThrough().result().received()).isEqualTo(result.passThrough().result().sent());
        assertThat(result.passThrough().result().micros().count()).isEqualTo(result.passThrough().result().timed());
        assertThat(result.rest().result().httpFailures()).isZero();
        assertThat(result.rest().result().received()).isEqualTo(result.rest().result().expected());
        assertThat(checks.allMatch()).isTrue();
    }
}

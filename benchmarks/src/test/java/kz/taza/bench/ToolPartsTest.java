package kz.taza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Option parsing, how a sampled stack is sorted into a stage, and the parsing of what the processes answer. */
class ToolPartsTest {

    @Test
    void quickIsASmallRunAndEachOptionCanStillBeSetAfterIt() {
        LoadTool.Options defaults = LoadTool.Options.parse();
        assertThat(defaults.readings()).isEqualTo(300_000);
        assertThat(defaults.rounds()).isEqualTo(2);
        assertThat(defaults.pipelineOverrides()).isEmpty();

        LoadTool.Options quick = LoadTool.Options.parse("--quick", "--readings", "5000",
                "--pipeline-property", "statestore.cache.max.bytes=0");
        assertThat(quick.readings()).isEqualTo(5_000);
        assertThat(quick.rounds()).isEqualTo(1);
        assertThat(quick.latencySeconds()).isEqualTo(5);
        assertThat(quick.pipelineOverrides()).isEqualTo(Map.of("statestore.cache.max.bytes", "0"));
    }

    @Test
    void aBadOptionIsRefusedWithItsName() {
        assertThatThrownBy(() -> LoadTool.Options.parse("--readings")).hasMessageContaining("--readings needs a value");
        assertThatThrownBy(() -> LoadTool.Options.parse("--fast")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> LoadTool.Options.parse("--pipeline-property", "x"))
                .hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> LoadTool.Options.parse("--rounds", "0")).hasMessageContaining("positive");
    }

    @Test
    void aStackIsCountedInItsOutermostStageWithTheHotSpotsInsideIt() {
        StackProfile sampler = new StackProfile();
        sampler.count(stack(
                frame("org.apache.kafka.common.utils.Bytes", "compareTo"),
                frame("org.apache.kafka.streams.state.internals.NamedCache", "flush"),
                frame("org.apache.kafka.streams.processor.internals.StreamTask", "process"),
                frame("org.apache.kafka.streams.processor.internals.TaskExecutor", "process"),
                frame("org.apache.kafka.streams.processor.internals.StreamThread", "runOnce")));
        sampler.count(stack(
                frame("org.rocksdb.RocksDB", "put"),
                frame("org.apache.kafka.streams.state.internals.ThreadCache", "flush"),
                frame("org.apache.kafka.streams.processor.internals.StreamTask", "prepareCommit"),
                frame("org.apache.kafka.streams.processor.internals.TaskManager", "commit"),
                frame("org.apache.kafka.streams.processor.internals.StreamThread", "maybeCommit")));
        sampler.count(stack(
                frame("sun.nio.ch.EPoll", "wait"),
                frame("org.apache.kafka.streams.processor.internals.StreamThread", "pollPhase")));

        StackProfile.Profile profile = sampler.profile();
        assertThat(profile.samples()).isEqualTo(3);
        assertThat(profile.stages()).containsEntry("process", 1).containsEntry("commit", 1).containsEntry("poll", 1);
        assertThat(profile.hotSpots()).containsEntry("state-store cache", 2).containsEntry("RocksDB", 1);
        assertThat(profile.share("commit")).isEqualTo(1.0 / 3);
    }

    @Test
    void instancesAndTheRestPhaseAreOptionsAndTheAppHeapIsAJvmSize() {
        LoadTool.Options options = LoadTool.Options.parse("--instances", "3", "--no-rest", "--app-heap", "768m");
        assertThat(options.instances()).isEqualTo(3);
        assertThat(options.rest()).isFalse();
        assertThat(LoadTool.Options.parse().restPerReading()).as("a gateway posts a facility's interval at once")
                .isFalse();
        assertThat(LoadTool.Options.parse("--rest-per-reading").config(Path.of("work"), Path.of("lib"),
                Path.of("/checkout"), m -> { }).restPerReading()).isTrue();
        Harness.Config config = options.config(Path.of("work"), Path.of("lib"), Path.of("/checkout"), m -> { });
        assertThat(config.appJvmOptions()).containsExactly("-Xmx768m", "-Xms768m");
        assertThat(config.serviceJar()).isEqualTo(
                Path.of("/checkout/emission-service/target/emission-service-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(config.identityJar()).as("the HTTP phase signs in at an identity provider of its own").isEqualTo(
                Path.of("/checkout/identity-provider/target/identity-provider-0.1.0-SNAPSHOT-exec.jar"));
        assertThatThrownBy(() -> LoadTool.Options.parse("--app-heap", "lots")).hasMessageContaining("--app-heap");
        assertThatThrownBy(() -> LoadTool.Options.parse("--instances", "0")).hasMessageContaining("positive");
    }

    @Test
    void theMethodsMostOftenOnTopOfTheStackComeFirstWithTheirShare() {
        StackProfile profile = new StackProfile();
        profile.count(stack(frame("org.rocksdb.RocksDB", "put")));
        profile.count(stack(frame("org.rocksdb.RocksDB", "put")));
        profile.count(stack(frame("org.apache.avro.io.BinaryDecoder", "readString")));

        assertThat(profile.profile().top(1)).containsExactly("66.7% org.rocksdb.RocksDB.put");
    }

    private static StackProfile.Frame frame(String cls, String method) {
        return new StackProfile.Frame(cls, method);
    }

    private static List<StackProfile.Frame> stack(StackProfile.Frame... innermostFirst) {
        return List.of(innermostFirst);
    }
}

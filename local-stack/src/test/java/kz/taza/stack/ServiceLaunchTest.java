package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceLaunchTest {

    @TempDir
    Path root;

    private ServiceLaunch.Layout layoutWithExecJar() throws Exception {
        ServiceSpec permit = new ServiceSpec("permit-service", 8081);
        Path jar = permit.jar(root);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "exec jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-11-01T10:00:00Z")));
        return ServiceLaunch.Layout.of(permit, root);
    }

    private static void extracted(ServiceLaunch.Layout layout) throws Exception {
        Files.createDirectories(layout.directory());
        Files.writeString(layout.applicationJar(), "application jar");
        Files.writeString(layout.marker(), "done");
        Files.setLastModifiedTime(layout.marker(), Files.getLastModifiedTime(layout.execJar()));
    }

    @Test
    void aServiceNeverExtractedOrRebuiltSinceItsExtractionIsExtractedAgain() throws Exception {
        ServiceLaunch.Layout layout = layoutWithExecJar();
        assertThat(ServiceLaunch.needsExtraction(layout)).as("never extracted").isTrue();

        extracted(layout);
        assertThat(ServiceLaunch.needsExtraction(layout)).as("extraction of this very jar").isFalse();

        Files.setLastModifiedTime(layout.execJar(), FileTime.from(Instant.parse("2026-11-02T10:00:00Z")));
        assertThat(ServiceLaunch.needsExtraction(layout)).as("jar rebuilt after the extraction").isTrue();
    }

    @Test
    void anExtractionInterruptedBeforeItsMarkerIsNotTrusted() throws Exception {
        ServiceLaunch.Layout layout = layoutWithExecJar();
        Files.createDirectories(layout.directory());
        Files.writeString(layout.applicationJar(), "half written");

        assertThat(ServiceLaunch.needsExtraction(layout)).isTrue();
    }

    @Test
    void theFirstRunRecordsTheClassDataArchiveAndLaterRunsUseIt() throws Exception {
        ServiceLaunch.Layout layout = layoutWithExecJar();
        extracted(layout);

        List<String> first = ServiceLaunch.command("java", layout, ServiceLaunch.DEFAULT_JAVA_OPTS, true);
        assertThat(ServiceLaunch.command("java", layout, ServiceLaunch.DEFAULT_JAVA_OPTS, false))
                .as("a second instance of the service records nothing").noneMatch(arg -> arg.startsWith("-XX:Archive")
                        || arg.startsWith("-XX:SharedArchiveFile"));
        assertThat(first).contains("-XX:ArchiveClassesAtExit=" + layout.recording())
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"))
                .endsWith("-jar", layout.applicationJar().toString());

        Files.writeString(layout.recording(), "classes");
        ServiceLaunch.afterStop(layout, true);
        assertThat(layout.archive()).exists();
        assertThat(layout.recording()).doesNotExist();

        List<String> later = ServiceLaunch.command("java", layout, ServiceLaunch.DEFAULT_JAVA_OPTS, false);
        assertThat(later).contains("-XX:SharedArchiveFile=" + layout.archive(), "-XX:TieredStopAtLevel=1")
                .noneMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit"));
    }

    @Test
    void aRecordingOfAServiceThatWasKilledOrCrashedIsThrownAway() throws Exception {
        ServiceLaunch.Layout layout = layoutWithExecJar();
        extracted(layout);
        Files.writeString(layout.recording(), "possibly half written");

        ServiceLaunch.afterStop(layout, false);

        assertThat(layout.recording()).doesNotExist();
        assertThat(layout.archive()).doesNotExist();
    }

    @Test
    void theEnvironmentVariableReplacesTheJitOptionsAndABlankOneMeansTheJvmDefaults() {
        assertThat(ServiceLaunch.javaOpts(null)).containsExactly("-XX:TieredStopAtLevel=1", "-Xmx512m");
        assertThat(ServiceLaunch.javaOpts(" -Xmx512m  -XX:+UseSerialGC ")).containsExactly("-Xmx512m",
                "-XX:+UseSerialGC");
        assertThat(ServiceLaunch.javaOpts(" ")).isEmpty();
    }
}

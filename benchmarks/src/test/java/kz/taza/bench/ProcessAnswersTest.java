package kz.taza.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.taza.events.emission.AmsReading;

/** What the tool reads from the processes it starts, and what it hands them. */
class ProcessAnswersTest {

    @TempDir
    Path dir;

    @Test
    void kafkasProducerAndConsumerPerformanceFiguresAreReadFromTheirOutput() {
        KafkaPerfTools.Produced produced = KafkaPerfTools.parseProduced(List.of(
                "150002 records sent, 30000.4 records/sec (5.72 MB/sec), 12.3 ms avg latency, 400.0 ms max latency.",
                "300000 records sent, 241234.5 records/sec (46.01 MB/sec), 45.67 ms avg latency, 310.00 ms max "
                        + "latency, 40 ms 50th, 101 ms 95th, 152 ms 99th, 260 ms 99.9th."));
        assertThat(produced.records()).isEqualTo(300_000);
        assertThat(produced.recordsPerSecond()).isEqualTo(241_234.5);
        assertThat(produced.p50Ms()).isEqualTo(40);
        assertThat(produced.p99Ms()).isEqualTo(152);

        KafkaPerfTools.Consumed consumed = KafkaPerfTools.parseConsumed(List.of(
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, "
                        + "rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-12-01 10:00:00:000, 2026-12-01 10:00:03:000, 57.2205, 19.0735, 300000, 100000.0000, 1500, 1500,"
                        + " 38.1470, 200000.0000"));
        assertThat(consumed.records()).isEqualTo(300_000);
        assertThat(consumed.recordsPerSecond()).isEqualTo(100_000.0);
        assertThat(consumed.fetchRecordsPerSecond()).isEqualTo(200_000.0);
    }

    @Test
    void aProbesResultLineIsReadBackAsItWasWritten() {
        LatencyProbe.Result result = new LatencyProbe.Result(20_000, 16_000, 9_987.5, 80, 80, 0, 0, 4, 41, 39, 4,
                new Stats.Latencies(80, 61_000, 98_000, 120_500, 131_000));

        assertThat(LatencyProbe.Result.parse(result.line())).isEqualTo(result);
    }

    @Test
    void theConnectionTravelsToTheChildProcessesAsAClientPropertiesFile() {
        BenchConnection connection = new BenchConnection("localhost:9092", Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512"));

        BenchConnection read = BenchConnection.readFrom(connection.writeTo(dir.resolve("connection.properties")));

        assertThat(read).isEqualTo(connection);
        assertThat(read.client()).containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void aFacilitysReadingsOfAnIntervalArePostedAsOneBatchAndTheRefusedItemsAreReadFromTheAnswer() {
        Fleet fleet = Fleet.forReadings(10, 2, 1_000, Instant.parse("2026-12-01T12:00:00Z"));
        // 2 stacks x 4 pollutants: readings 8..15 are facility 1's of the first interval, 80..87 facility 0's of the
        // second (10 facilities, 80 series)
        assertThat(fleet.endOfFacilityInterval(8)).isEqualTo(16);
        assertThat(fleet.endOfFacilityInterval(13)).isEqualTo(16);
        assertThat(fleet.endOfFacilityInterval(79)).isEqualTo(80);
        assertThat(fleet.endOfFacilityInterval(80)).isEqualTo(88);
        List<AmsReading> batch = java.util.stream.LongStream.range(8, 16).mapToObj(fleet::reading).toList();
        assertThat(batch).extracting(AmsReading::getFacilityId).containsOnly(fleet.facilityId(1));
        assertThat(batch).extracting(AmsReading::getIntervalStart).containsOnly(batch.get(0).getIntervalStart());
        assertThat(batch).extracting(r -> r.getSourceId() + "/" + r.getPollutant()).doesNotHaveDuplicates();

        String json = RestReadingClient.json(batch);

        assertThat(json).startsWith("{\"readings\":[{\"facilityId\":\"" + fleet.facilityId(1) + "\"")
                .contains("\"intervalStart\":\"" + batch.get(0).getIntervalStart() + "\"", "\"status\":\"VALID\"")
                .endsWith("}]}");
        assertThat(json.split("\"facilityId\"", -1)).hasSize(9);
        assertThat(RestReadingClient.rejectedItems("{\"accepted\":0,\"rejected\":1,\"results\":[]}")).isEqualTo(1);
        AmsReading reading = batch.get(3);
        assertThat(LatencyProbe.aboutReading(reading)).isEqualTo(reading.getFacilityId() + "|"
                + reading.getSourceId() + "|" + reading.getPollutant() + "|" + reading.getIntervalStart());
    }

    @Test
    void aFleetIsBuiltAgainInAnotherProcessFromItsDescription() {
        Fleet fleet = Fleet.forReadings(10, 2, 1_000, Instant.parse("2026-12-01T12:00:00Z"));

        Fleet again = Fleet.parse(fleet.describe());

        assertThat(again.capacity()).isEqualTo(fleet.capacity());
        assertThat(again.reading(123)).isEqualTo(fleet.reading(123));
    }
}

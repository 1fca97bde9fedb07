package kz.taza.emission.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import kz.taza.emission.EmissionFixtures;
import kz.taza.emission.domain.ExceedanceDetector;
import kz.taza.emission.domain.ExceedanceEpisode;
import kz.taza.emission.domain.PermitLimits;
import kz.taza.emission.domain.ReadingRules;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.schemas.codec.AvroCodec;
import kz.taza.schemas.codec.AvroTrust;

/**
 * Micro-benchmarks of the hot path of emission-service, each next to a baseline measured in the same run:
 * <ul>
 * <li>the event codec (single-object encoding, fingerprint lookup, schema resolution) against plain Avro binary with a
 * reused encoder/decoder and no header;</li>
 * <li>validation + limit lookup + exceedance detection of one reading against the cost of decoding it (the floor any
 * per-record work sits on), and against a trivial pass over the same readings.</li>
 * </ul>
 * Run: {@code mvn -o -pl emission-service -am test-compile}, write the test class path with
 * {@code mvn -o -pl emission-service dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/test-classpath.txt}, then run {@code kz.taza.emission.bench.EmissionBenchmarks} with
 * {@code emission-service/target/test-classes}, {@code emission-service/target/classes},
 * {@code schemas/target/classes}, {@code platform/target/classes} and that class path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EmissionBenchmarks {

    private static final int READINGS = 1024;

    private final AvroCodec<AmsReading> codec = AvroCodec.forType(AmsReading.class);
    private final SpecificDatumWriter<AmsReading> plainWriter = new SpecificDatumWriter<>(AmsReading.class);
    private final SpecificDatumReader<AmsReading> plainReader = new SpecificDatumReader<>(AmsReading.class);
    private final ByteArrayOutputStream plainBuffer = new ByteArrayOutputStream(256);
    private BinaryEncoder plainEncoder;
    private BinaryDecoder plainDecoder;

    private AmsReading[] readings;
    private byte[][] encoded;
    private byte[][] plainEncoded;
    private Facility facility;
    private Permit permit;
    private ReadingRules rules;
    private ExceedanceEpisode[] episodes;
    private long now;
    private int next;

    @Setup
    public void setUp() throws IOException {
        AvroTrust.install();
        facility = EmissionFixtures.facility("KZ-55-0001");
        permit = EmissionFixtures.permit("KZ-55-0001", PermitStatus.ACTIVE, 400.0);
        rules = ReadingRules.defaults();
        readings = new AmsReading[READINGS];
        encoded = new byte[READINGS][];
        plainEncoded = new byte[READINGS][];
        episodes = new ExceedanceEpisode[16];
        for (int i = 0; i < episodes.length; i++) {
            episodes[i] = new ExceedanceEpisode();
        }
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < READINGS; i++) {
            // a noisy signal around the limit, with now and then a non-VALID interval
            double mg = 300 + (i * 37 % 200);
            ReadingStatus status = i % 50 == 0 ? ReadingStatus.FAULT : ReadingStatus.VALID;
            readings[i] = EmissionFixtures.reading("KZ-55-0001", start.plusSeconds(1200L * i), mg, status);
            encoded[i] = codec.encode(readings[i]);
            plainBuffer.reset();
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(plainBuffer, null);
            plainWriter.write(readings[i], enc);
            enc.flush();
            plainEncoded[i] = plainBuffer.toByteArray();
        }
        now = start.plusSeconds(1200L * READINGS).toEpochMilli();
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (READINGS - 1);
        return i;
    }

    @Benchmark
    public byte[] baselinePlainAvroEncode() throws IOException {
        plainBuffer.reset();
        plainEncoder = EncoderFactory.get().binaryEncoder(plainBuffer, plainEncoder);
        plainWriter.write(readings[nextIndex()], plainEncoder);
        plainEncoder.flush();
        return plainBuffer.toByteArray();
    }

    @Benchmark
    public byte[] codecEncode() {
        return codec.encode(readings[nextIndex()]);
    }

    @Benchmark
    public AmsReading baselinePlainAvroDecode() throws IOException {
        plainDecoder = DecoderFactory.get().binaryDecoder(plainEncoded[nextIndex()], plainDecoder);
        return plainReader.read(null, plainDecoder);
    }

    @Benchmark
    public AmsReading codecDecode() {
        return codec.decode("emission.ams-readings.v1", encoded[nextIndex()]);
    }

    @Benchmark
    public double baselineTouchReading() {
        AmsReading r = readings[nextIndex()];
        return r.getConcentrationMgNm3() + r.getFlowNm3PerHour();
    }

    @Benchmark
    public void validateAndDetectExceedance(Blackhole blackhole) {
        int i = nextIndex();
        AmsReading r = readings[i];
        if (rules.firstViolation(r, facility, now) != null) {
            blackhole.consume(false);
            return;
        }
        if (r.getStatus() != ReadingStatus.VALID) {
            return;
        }
        long start = r.getIntervalStart().toEpochMilli();
        double limit = PermitLimits.limitInForce(permit, r.getSourceId(), r.getPollutant(), start / 86_400_000L);
        ExceedanceEpisode state = episodes[i & 15];
        if (state.lastComparedStart() >= start) {
            state = episodes[i & 15] = new ExceedanceEpisode(); // the ring of readings starts over
        }
        blackhole.consume(ExceedanceDetector.apply(state, start, r.getConcentrationMgNm3(), limit,
                permit.getPermitId(), EmissionBenchmarks::episodeId));
    }

    @Benchmark
    public void decodeValidateAndDetect(Blackhole blackhole) {
        AmsReading r = codec.decode("emission.ams-readings.v1", encoded[nextIndex()]);
        blackhole.consume(rules.firstViolation(r, facility, now));
        double limit = PermitLimits.limitInForce(permit, r.getSourceId(), r.getPollutant(),
                r.getIntervalStart().toEpochMilli() / 86_400_000L);
        blackhole.consume(limit);
    }

    private static String episodeId(long startedAt) {
        return "episode-" + startedAt;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(EmissionBenchmarks.class.getSimpleName()).build()).run();
    }
}

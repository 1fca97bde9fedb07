package kz.taza.emission.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.emission.EmissionFixtures;
import kz.taza.events.common.Pollutant;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;
import kz.taza.events.permit.Facility;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a gateway sends as numbers and times, the door's rules either take the reading in, and then its mass is a
 * finite number that a total can hold and a correction can take back out and its start is a time Kafka Streams keeps,
 * or refuse it naming the field at fault. Nothing between: no exception, no reading taken in that the pipeline would
 * drop or that would poison a total.
 */
class ReadingRulesPropertiesTest {

    private static final long NOW = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();
    private static final ReadingRules RULES = ReadingRules.defaults();
    private static final Facility FACILITY = EmissionFixtures.facility("F1");
    private static final List<String> FIELDS = List.of("concentrationMgNm3", "flowNm3PerHour", "intervalMinutes",
            "intervalStart", "pollutant", "facilityId", "sourceId");

    @Property(tries = 5000)
    void everyReadingIsTakenInWithAFiniteMassOrRefusedNamingAField(@ForAll("numbers") double concentration,
            @ForAll("numbers") double flow, @ForAll("minutes") int minutes, @ForAll("starts") long startMillis,
            @ForAll Pollutant pollutant) {
        AmsReading reading = EmissionFixtures.reading("F1", pollutant, Instant.ofEpochMilli(startMillis),
                concentration, flow, ReadingStatus.VALID);
        reading.setIntervalMinutes(minutes);

        List<ReadingViolation> violations = RULES.violations(reading, FACILITY, NOW);

        if (violations.isEmpty()) {
            double tonnes = EmissionMass.tonnes(concentration, flow, minutes);
            assertThat(tonnes).isFinite().isNotNegative();
            assertThat(startMillis).isGreaterThanOrEqualTo(ReadingRules.EARLIEST_INTERVAL_START.toEpochMilli());
            // a correction takes the mass back out of a total that held it
            double total = 1_000_000.0 + tonnes;
            assertThat(total - tonnes).isFinite();
        } else {
            assertThat(violations).allSatisfy(v -> {
                assertThat(v.field()).isIn(FIELDS);
                assertThat(v.message()).isNotBlank();
            });
            assertThat(RULES.firstViolation(reading, FACILITY, NOW)).isEqualTo(violations.get(0));
        }
    }

    @Provide
    Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(Arbitraries.doubles(),
                Arbitraries.doubles().between(0, ReadingRules.MAX_FLOW_NM3_PER_HOUR * 2),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE,
                        Double.MIN_VALUE, -0.0, 0.0, 1e300, ReadingRules.MAX_CONCENTRATION_MG_NM3,
                        ReadingRules.MAX_FLOW_NM3_PER_HOUR));
    }

    @Provide
    Arbitrary<Integer> minutes() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(1, 10, 15, 20, 30, 60, 1440, 0, -20, 7));
    }

    @Provide
    Arbitrary<Long> starts() {
        // any instant from about 900 BC to AD 2900, and aligned ones around the window's edges and now
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-30_000_000_000_000L,
                        30_000_000_000_000L),
                Arbitraries.longs().between(-100_000L, 100_000L).map(n -> n * 1_200_000L),
                Arbitraries.longs().between(-1_000L, 1_000L)
                        .map(n -> ReadingRules.EARLIEST_INTERVAL_START.toEpochMilli() + n * 1_200_000L),
                Arbitraries.longs().between(-1_000L, 1_000L).map(n -> (NOW / 1_200_000L + n) * 1_200_000L));
    }
}

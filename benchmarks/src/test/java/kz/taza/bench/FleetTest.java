package kz.taza.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.emission.domain.ReadingRules;
import kz.taza.events.emission.AmsReading;
import kz.taza.events.emission.ReadingStatus;

class FleetTest {

    private final Instant now = Instant.parse("2026-06-01T10:07:00Z");
    private final Fleet fleet = Fleet.forReadings(100, 2, 200_000, now);

    @Test
    void readingsAreAboutTwoHundredBytesAlignedAndNeverInTheFuture() {
        var serializer = EmissionTopics.AMS_READINGS.valueSerde().serializer();
        AmsReading first = fleet.reading(0);
        AmsReading last = fleet.reading(fleet.capacity() - 1);
        assertThat(serializer.serialize("t", first).length).isBetween(180, 240);
        assertThat(first.getIntervalStart().toEpochMilli() % Fleet.INTERVAL_MILLIS).isZero();
        assertThat(last.getIntervalStart()).isBefore(now);
        assertThat(fleet.reading(fleet.series()).getIntervalStart())
                .isEqualTo(first.getIntervalStart().plusMillis(Fleet.INTERVAL_MILLIS));
        assertThatThrownBy(() -> fleet.reading(fleet.capacity())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mostReadingsAreValidUnderTheLimitAndTheRestComeInTheConstructedProportions() {
        Map<Fleet.Kind, Integer> kinds = new EnumMap<>(Fleet.Kind.class);
        int n = 200_000;
        for (long g = 0; g < n; g++) {
            kinds.merge(fleet.kind(g), 1, Integer::sum);
        }
        assertThat(kinds.get(Fleet.Kind.UNDER)).isGreaterThan(n * 98 / 100);
        assertThat(kinds.get(Fleet.Kind.ABOVE)).isBetween(n * 3 / 1000, n * 9 / 1000); // ~10% x 3/50
        assertThat(kinds.get(Fleet.Kind.NOT_VALID)).isBetween(n / 300, n / 150); // ~1/200
        assertThat(kinds.get(Fleet.Kind.REJECTED)).isBetween(n / 8_000, n / 3_000); // ~1/5000
    }

    @Test
    void onlyTheConstructedRejectionsBreakTheServicesReadingRules() {
        ReadingRules rules = ReadingRules.defaults();
        for (long g = 0; g < 50_000; g++) {
            AmsReading reading = fleet.reading(g);
            boolean broken = rules.firstViolation(reading, fleet.facility(fleet.facilityOf(g)),
                    now.toEpochMilli()) != null;
            assertThat(broken).as("reading %d", g).isEqualTo(fleet.kind(g) == Fleet.Kind.REJECTED);
            assertThat(reading.getStatus() == ReadingStatus.VALID).isEqualTo(fleet.kind(g) != Fleet.Kind.NOT_VALID);
        }
    }

    @Test
    void anEpisodeStartsOnTheFirstValidIntervalAboveAndEndsOnTheNextValidOneUnder() {
        Fleet.Expectation expectation = fleet.expectation();
        Map<Integer, Boolean> open = new java.util.HashMap<>();
        for (long g = 0; g < 400_000 && g < fleet.capacity(); g++) {
            Fleet.Expectation.Event event = expectation.next(g);
            int series = (int) (g % fleet.series());
            Fleet.Kind kind = fleet.kind(g);
            if (event == Fleet.Expectation.Event.STARTS_EPISODE) {
                assertThat(kind).isEqualTo(Fleet.Kind.ABOVE);
                assertThat(open.put(series, true)).isNotEqualTo(Boolean.TRUE);
            } else if (event == Fleet.Expectation.Event.ENDS_EPISODE) {
                assertThat(kind).isEqualTo(Fleet.Kind.UNDER);
                assertThat(open.put(series, false)).isTrue();
            }
        }
        assertThat(expectation.started()).isPositive();
        assertThat(expectation.ended()).isBetween(expectation.started() - fleet.series(), expectation.started());
        assertThat(fleet.permit(Fleet.NO_PERMIT_EVERY - 1)).isNull();
    }
}

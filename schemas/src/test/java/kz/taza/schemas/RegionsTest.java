package kz.taza.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.Region;

class RegionsTest {

    @Test
    void pavlodarIsCode55BothWays() {
        assertThat(Regions.byCode("55")).contains(Region.PAVLODAR);
        assertThat(Regions.code(Region.PAVLODAR)).isEqualTo("55");
    }

    @Test
    void everyCodeOfTheDesignMapsToItsRegion() {
        assertThat(Regions.byCode("10")).contains(Region.ABAI);
        assertThat(Regions.byCode("19")).contains(Region.ALMATY_REGION);
        assertThat(Regions.byCode("33")).contains(Region.ZHETYSU);
        assertThat(Regions.byCode("35")).contains(Region.KARAGANDA);
        assertThat(Regions.byCode("62")).contains(Region.ULYTAU);
        assertThat(Regions.byCode("71")).contains(Region.ASTANA);
        assertThat(Regions.byCode("75")).contains(Region.ALMATY);
        assertThat(Regions.byCode("79")).contains(Region.SHYMKENT);
        assertThat(Regions.codes()).containsExactly("10", "11", "15", "19", "23", "27", "31", "33", "35", "39",
                "43", "47", "55", "59", "61", "62", "63", "71", "75", "79");
    }

    @Test
    void allHoldsTheTwentyRegionsAndEverySymbolButUnknown() {
        assertThat(Regions.all()).hasSize(20).doesNotHaveDuplicates().doesNotContain(Region.UNKNOWN);
        assertThat(Regions.all()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Region.values()).filter(r -> r != Region.UNKNOWN).toList());
    }

    @Test
    void codeAndRegionRoundTripForEveryRegion() {
        for (Region region : Regions.all()) {
            assertThat(Regions.byCode(Regions.code(region))).as(region.name()).contains(region);
        }
        assertThat(Regions.byCodeMap()).hasSize(20).containsEntry("63", Region.EAST_KAZAKHSTAN);
    }

    @Test
    void unknownCodeFindsNoRegion() {
        assertThat(Regions.byCode("99")).isEmpty();
        assertThat(Regions.byCode(null)).isEmpty();
        assertThat(Regions.byCode("")).isEmpty();
    }

    @Test
    void unknownRegionHasNoCode() {
        assertThatThrownBy(() -> Regions.code(Region.UNKNOWN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNKNOWN");
    }

    @Test
    void displayNamesAreForPeople() {
        assertThat(Regions.displayName(Region.PAVLODAR)).isEqualTo("Pavlodar Region");
        assertThat(Regions.displayName(Region.ALMATY_REGION)).isEqualTo("Almaty Region");
        assertThat(Regions.displayName(Region.ALMATY)).isEqualTo("Almaty");
        assertThat(Regions.displayName(Region.UNKNOWN)).isEqualTo("Unknown region");
    }
}

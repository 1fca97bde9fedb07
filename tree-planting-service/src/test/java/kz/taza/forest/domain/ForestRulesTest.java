package kz.taza.forest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import kz.taza.events.common.FieldViolation;

/** The rules a forestry office's report must meet, as plain functions. */
class ForestRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    private final ForestRules rules = new ForestRules(DensityBounds.DEFAULT);

    /** One report cannot carry the programme: counts, areas and dates beyond their documented ranges are refused. */
    @Test
    void refusesCountsAreasAndDatesOutsideTheirDocumentedRanges() {
        // two billion trees on a million hectares would meet the programme's target in one report
        assertThat(rules.checkPlanting(2_000_000_000L, 1_000_000, TODAY, TODAY))
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("treeCount", ForestRules.OUT_OF_RANGE));
        assertThat(rules.checkPlanting(1_000, 2_000_000, TODAY, TODAY)).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.OUT_OF_RANGE);
        assertThat(rules.checkPlanting(ForestRules.MAX_PLANTING_TREES, 100_000, TODAY, TODAY)).isEmpty();
        assertThat(rules.checkPlanting(3_000, 1.0, LocalDate.of(1969, 12, 31), TODAY))
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("plantedOn", ForestRules.DATE_TOO_EARLY));
        assertThat(rules.checkPlan(2025, ForestRules.MAX_PLANNED_TREES + 1, 10_000)).extracting(FieldViolation::getField)
                .containsExactly("plannedTrees");
        assertThat(rules.checkPlan(2025, 1_000_000, Double.POSITIVE_INFINITY)).extracting(FieldViolation::getField)
                .containsExactly("plannedHectares");
        assertThat(rules.checkPlanting(3_000, Double.NaN, TODAY, TODAY)).extracting(FieldViolation::getField)
                .containsExactly("hectares");
    }

    @Test
    void acceptsAPlausiblePlanting() {
        assertThat(rules.checkPlanting(3_000, 1.0, TODAY, TODAY)).isEmpty();
    }

    @Test
    void refusesZeroOrNegativeTreesAndHectares() {
        assertThat(rules.checkPlanting(0, 1.0, TODAY, TODAY))
                .extracting(FieldViolation::getField, FieldViolation::getCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("treeCount", ForestRules.NOT_POSITIVE));
        assertThat(rules.checkPlanting(100, -2.0, TODAY, TODAY)).extracting(FieldViolation::getField)
                .containsExactly("hectares");
        assertThat(rules.checkPlan(2025, 0, 0)).extracting(FieldViolation::getField)
                .containsExactly("plannedTrees", "plannedHectares");
    }

    @Test
    void refusesADensityOutsideTheConfiguredBounds() {
        ForestRules strict = new ForestRules(new DensityBounds(1_000, 5_000));

        assertThat(strict.checkPlanting(999, 1.0, TODAY, TODAY)).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.IMPLAUSIBLE_DENSITY);
        assertThat(strict.checkPlanting(5_001, 1.0, TODAY, TODAY)).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.IMPLAUSIBLE_DENSITY);
        assertThat(strict.checkPlanting(5_000, 1.0, TODAY, TODAY)).isEmpty();
        assertThat(strict.checkPlanting(1_000, 1.0, TODAY, TODAY)).isEmpty();
        assertThat(strict.checkPlanting(999, 1.0, TODAY, TODAY).get(0).getMessage())
                .contains("999 trees per hectare").contains("1000 to 5000");
    }

    @Test
    void densityBoundsMustBeOrdered() {
        assertThatThrownBy(() -> new DensityBounds(5_000, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DensityBounds(0, 1_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDatesInTheFutureButNotToday() {
        assertThat(rules.checkPlanting(3_000, 1.0, TODAY.plusDays(1), TODAY)).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.DATE_IN_FUTURE);
        assertThat(rules.checkSurvey(1, 10, 1, TODAY.plusDays(1), TODAY)).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.DATE_IN_FUTURE);
        assertThat(rules.checkSurvey(1, 10, 1, TODAY, TODAY)).isEmpty();
    }

    @Test
    void surveysAreMadeInTheFirstOrThirdYearOnly() {
        assertThat(rules.checkSurvey(3, 10, 1, TODAY, TODAY)).isEmpty();
        for (int year : new int[] {0, 2, 4}) {
            assertThat(rules.checkSurvey(year, 10, 1, TODAY, TODAY)).extracting(FieldViolation::getCode)
                    .containsExactly(ForestRules.INVALID_SURVEY_YEAR);
        }
    }

    @Test
    void aSurveyNeverCountsMoreTreesThanWerePlantedNorPrecedesThePlanting() {
        LocalDate planted = LocalDate.of(2024, 4, 1);
        assertThat(rules.checkSurveyAgainstPlanting(600, 400, TODAY, 1_000, planted)).isEmpty();
        assertThat(rules.checkSurveyAgainstPlanting(600, 401, TODAY, 1_000, planted))
                .extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.SURVEY_EXCEEDS_PLANTED);
        // counts whose sum overflows a long are far more than were planted, not a negative total
        assertThat(rules.checkSurveyAgainstPlanting(Long.MAX_VALUE - 2_999, 3_000, TODAY, 1_000, planted))
                .extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.SURVEY_EXCEEDS_PLANTED);
        assertThat(rules.checkSurveyAgainstPlanting(6, 4, planted.minusDays(1), 1_000, planted))
                .extracting(FieldViolation::getCode).containsExactly(ForestRules.SURVEY_BEFORE_PLANTING);
    }

    @Test
    void idsAreShortAndSafeInUrlsAndKeys() {
        assertThat(ForestRules.checkId("plantingId", "KZL-2025.000187_a")).isEmpty();
        assertThat(ForestRules.checkId("plantingId", "plan:43:2024")).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.INVALID_ID);
        assertThat(ForestRules.checkId("surveyId", " ")).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.REQUIRED);
    }

    @Test
    void aSurveyCountsNoNegativeTreesAndAtLeastOne() {
        assertThat(rules.checkSurvey(1, -1, 5, TODAY, TODAY)).extracting(FieldViolation::getField)
                .containsExactly("alive");
        assertThat(rules.checkSurvey(1, 0, 0, TODAY, TODAY)).extracting(FieldViolation::getCode)
                .containsExactly(ForestRules.NOT_POSITIVE);
    }

    @Test
    void survivalAndProgressArePercentagesRoundedToHundredths() {
        assertThat(Programme.survivalRatePct(539, 1_000)).isEqualTo(53.9);
        assertThat(Programme.survivalRatePct(2, 3)).isEqualTo(66.67);
        assertThat(Programme.survivalRatePct(0, 0)).isNull();
        assertThat(Programme.progressPct(1_400_000_000)).isEqualTo(70.0);
        assertThat(Programme.covers(LocalDate.of(2020, 12, 31))).isFalse();
        assertThat(Programme.covers(LocalDate.of(2021, 1, 1))).isTrue();
    }
}

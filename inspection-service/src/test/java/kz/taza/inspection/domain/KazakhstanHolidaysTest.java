package kz.taza.inspection.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Kazakhstan's days off, as the working-day rules count them. */
class KazakhstanHolidaysTest {

    private static final Set<LocalDate> OFF_2025 = KazakhstanHolidays.between(2025, 2025,
            KazakhstanHolidays.KURBAN_AIT.values(), List.of());

    @Test
    void theStatutoryHolidaysOfAYearAreDaysOff() {
        assertThat(OFF_2025).contains(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 7),
                LocalDate.of(2025, 3, 8), LocalDate.of(2025, 3, 21), LocalDate.of(2025, 5, 1),
                LocalDate.of(2025, 5, 7), LocalDate.of(2025, 5, 9), LocalDate.of(2025, 7, 6),
                LocalDate.of(2025, 8, 30), LocalDate.of(2025, 10, 25), LocalDate.of(2025, 12, 16),
                LocalDate.of(2025, 6, 6));
        assertThat(OFF_2025).doesNotContain(LocalDate.of(2025, 3, 20), LocalDate.of(2025, 12, 17));
    }

    @Test
    void aNationalHolidayOnAWeekendGivesTheNextWorkingDayOff() {
        // Nauryz 2025: Friday 21, Saturday 22, Sunday 23 March: Monday 24 and Tuesday 25 are off
        assertThat(OFF_2025).contains(LocalDate.of(2025, 3, 24), LocalDate.of(2025, 3, 25))
                .doesNotContain(LocalDate.of(2025, 3, 26));
        // Women's Day on Saturday 8 March 2025: Monday 10 March
        assertThat(OFF_2025).contains(LocalDate.of(2025, 3, 10));
        // Capital Day on Sunday 6 July 2025: Monday 7 July
        assertThat(OFF_2025).contains(LocalDate.of(2025, 7, 7));
        // Constitution Day and Republic Day on Saturdays: Mondays 1 September and 27 October
        assertThat(OFF_2025).contains(LocalDate.of(2025, 9, 1), LocalDate.of(2025, 10, 27));
    }

    @Test
    void aReligiousHolidayOnAWeekendIsNotMoved() {
        // Orthodox Christmas on Sunday 7 January 2024: Monday 8 January is a working day
        Set<LocalDate> off = KazakhstanHolidays.between(2024, 2024, List.of(), List.of());
        assertThat(off).contains(LocalDate.of(2024, 1, 7)).doesNotContain(LocalDate.of(2024, 1, 8));
    }

    @Test
    void decreedDaysOffAreAdded() {
        Set<LocalDate> off = KazakhstanHolidays.between(2025, 2025, List.of(), List.of(LocalDate.of(2025, 1, 3)));
        assertThat(off).contains(LocalDate.of(2025, 1, 3));
    }

    @Test
    void theDefaultPolicyCountsWorkingDaysPastNauryz() {
        // ten working days from Friday 14 March 2025 skip 21, 24 and 25 March
        assertThat(WorkingDays.after(LocalDate.of(2025, 3, 14), 10, EnforcementPolicy.defaults().holidays()))
                .isEqualTo(LocalDate.of(2025, 4, 2));
    }
}

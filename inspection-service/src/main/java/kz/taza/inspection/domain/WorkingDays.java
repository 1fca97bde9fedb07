package kz.taza.inspection.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Counting working days: Monday to Friday, except the configured public holidays. */
public final class WorkingDays {

    private WorkingDays() {
    }

    /** The day that is {@code days} working days after {@code from} (from itself not counted). */
    public static LocalDate after(LocalDate from, int days, Set<LocalDate> holidays) {
        LocalDate day = from;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isWorkingDay(day, holidays)) {
                counted++;
            }
        }
        return day;
    }

    public static boolean isWorkingDay(LocalDate day, Set<LocalDate> holidays) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }
}

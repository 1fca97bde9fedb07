package kz.taza.inspection.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kazakhstan's days off for the working-day rules (a notice's answer due in ten working days, the regulator's letter
 * after an AMS finding): the statutory holidays of each year, the day off that follows a national or state holiday
 * falling on a Saturday or Sunday, and the first day of Kurban Ait, whose date is announced each year.
 *
 * <ul>
 * <li>National and state holidays, moved to the next working day when they fall on a weekend: New Year (1–2 January),
 * International Women's Day (8 March), Nauryz (21–23 March), Unity Day (1 May), Defender of the Fatherland Day
 * (7 May), Victory Day (9 May), Capital Day (6 July), Constitution Day (30 August), Republic Day (25 October),
 * Independence Day (16 December).</li>
 * <li>Religious holidays, not moved: Orthodox Christmas (7 January) and Kurban Ait (its first day, by the dates
 * given).</li>
 * </ul>
 * Days that the government moves by decree (a Saturday worked for a Friday off, and so on) differ from year to year
 * and are not derived here: they are configured beside the calendar.
 */
public final class KazakhstanHolidays {

    /** Holidays that a weekend moves to the next working day. */
    static final List<MonthDay> MOVED_OFF_WEEKENDS = List.of(MonthDay.of(1, 1), MonthDay.of(1, 2), MonthDay.of(3, 8),
            MonthDay.of(3, 21), MonthDay.of(3, 22), MonthDay.of(3, 23), MonthDay.of(5, 1), MonthDay.of(5, 7),
            MonthDay.of(5, 9), MonthDay.of(7, 6), MonthDay.of(8, 30), MonthDay.of(10, 25), MonthDay.of(12, 16));

    /** Religious holidays with a fixed date, never moved. */
    static final List<MonthDay> NOT_MOVED = List.of(MonthDay.of(1, 7));

    /** The first day of Kurban Ait, as announced for the years the service is expected to see; configure later ones. */
    public static final Map<Integer, LocalDate> KURBAN_AIT = Map.of(2023, LocalDate.of(2023, 6, 28),
            2024, LocalDate.of(2024, 6, 16), 2025, LocalDate.of(2025, 6, 6), 2026, LocalDate.of(2026, 5, 27));

    private KazakhstanHolidays() {
    }

    /**
     * The days off from {@code fromYear} to {@code toYear} inclusive: the statutory holidays, their weekend transfers,
     * the first days of Kurban Ait given, and the decree's days off.
     */
    public static Set<LocalDate> between(int fromYear, int toYear, Collection<LocalDate> kurbanAit,
            Collection<LocalDate> decreedDaysOff) {
        Set<LocalDate> off = new TreeSet<>();
        for (int year = fromYear; year <= toYear; year++) {
            for (MonthDay day : NOT_MOVED) {
                off.add(day.atYear(year));
            }
            for (MonthDay day : MOVED_OFF_WEEKENDS) {
                off.add(day.atYear(year));
            }
        }
        for (LocalDate day : kurbanAit) {
            if (day.getYear() >= fromYear && day.getYear() <= toYear) {
                off.add(day);
            }
        }
        // Each holiday of a weekend gives the next day that is neither a weekend nor already off (in date order, so
        // that New Year's two days on a weekend give Monday and Tuesday).
        for (int year = fromYear; year <= toYear; year++) {
            for (MonthDay holiday : MOVED_OFF_WEEKENDS) {
                LocalDate day = holiday.atYear(year);
                if (isWeekend(day)) {
                    LocalDate next = day.plusDays(1);
                    while (isWeekend(next) || off.contains(next)) {
                        next = next.plusDays(1);
                    }
                    off.add(next);
                }
            }
        }
        off.addAll(decreedDaysOff);
        return Set.copyOf(off);
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}

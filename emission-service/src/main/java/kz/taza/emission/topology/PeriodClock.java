package kz.taza.emission.topology;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Cuts event time into the day, month and year of the regulator's zone. Remembers the last day it cut, so a stream of
 * readings from the same day (the common case) costs a range check instead of date arithmetic and allocation.
 */
final class PeriodClock {

    private final ZoneId zone;
    private long dayFrom = Long.MAX_VALUE;
    private long dayTo = Long.MIN_VALUE;
    private long epochDay;
    private long monthStartDay;
    private long yearStartDay;
    private long monthFrom;

    PeriodClock(ZoneId zone) {
        this.zone = zone;
    }

    /** Moves to the day containing the instant. */
    PeriodClock at(long epochMillis) {
        if (epochMillis >= dayFrom && epochMillis < dayTo) {
            return this;
        }
        LocalDate day = Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalDate();
        epochDay = day.toEpochDay();
        monthStartDay = day.withDayOfMonth(1).toEpochDay();
        yearStartDay = day.withDayOfYear(1).toEpochDay();
        dayFrom = day.atStartOfDay(zone).toInstant().toEpochMilli();
        dayTo = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        monthFrom = day.withDayOfMonth(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return this;
    }

    long epochDay() {
        return epochDay;
    }

    long monthStartDay() {
        return monthStartDay;
    }

    long yearStartDay() {
        return yearStartDay;
    }

    /** First instant of the day, epoch millis. */
    long dayStartMillis() {
        return dayFrom;
    }

    /** First instant of the month, epoch millis. */
    long monthStartMillis() {
        return monthFrom;
    }

    /** First instant of a day (epoch day) in the zone. */
    long startOfDayMillis(long day) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}

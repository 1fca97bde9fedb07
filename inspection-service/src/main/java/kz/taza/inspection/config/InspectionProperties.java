package kz.taza.inspection.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;

import kz.taza.contracts.emission.EmissionFeeRates;
import kz.taza.inspection.domain.EnforcementPolicy;
import kz.taza.inspection.domain.FineSizing;
import kz.taza.inspection.domain.KazakhstanHolidays;

/**
 * Settings of the enforcement rules ({@code taza.inspection.*}, each overridable from the environment, e.g.
 * {@code TAZA_INSPECTION_SEVERE_RATIO=2.5}); defaults are the published rules (see {@link EnforcementPolicy}).
 */
@ConfigurationProperties("taza.inspection")
public class InspectionProperties {

    /** The years the calendar of days off covers. */
    static final int CALENDAR_FROM = 2000;
    static final int CALENDAR_TO = 2099;

    /** Rolling window of exceedance episodes. */
    private Duration exceedanceWindow = Duration.ofDays(30);
    /** Episodes in the window that trigger an unscheduled inspection. */
    private int repeatedEpisodes = 3;
    /** Measured/limit ratio from which one episode triggers an unscheduled inspection. */
    private double severeRatio = 2.0;
    /** Working days the operator has to answer a compliance notice. */
    private int noticeResponseWorkingDays = 10;
    /** How long exceedance episodes are remembered (replays, risk score). */
    private Duration episodeRetention = Duration.ofDays(365);
    /** Monthly calculation index in tenge per year. */
    private Map<Integer, Long> mciKzt = new LinkedHashMap<>(Map.of(2024, 3_692L, 2025, 3_932L, 2026, 4_325L));
    /**
     * Kazakhstan's statutory holidays (and their weekend transfers) as days off in the working-day rules
     * ({@link KazakhstanHolidays}); off: only weekends and the days listed below.
     */
    private boolean statutoryHolidays = true;
    /** The first day of Kurban Ait per year, as announced (defaults: {@link KazakhstanHolidays#KURBAN_AIT}). */
    private List<LocalDate> kurbanAit = new ArrayList<>(new TreeSet<>(KazakhstanHolidays.KURBAN_AIT.values()));
    /** Further days off, such as those the government's decree moves each year. */
    private List<LocalDate> holidays = new ArrayList<>();
    /** How often open orders are checked for being overdue (wall clock). */
    private Duration overdueCheckInterval = Duration.ofMinutes(1);
    /** How many facilities the yearly risk-based plan inspects when the request names no capacity. */
    private int planCapacity = 50;
    /** How fines are sized by their article ({@link FineSizing}). */
    private final Fines fines = new Fines();

    /** {@code taza.inspection.fines.*}. */
    public static class Fines {
        /**
         * Art. 328(1) with a known excess mass: the fine as a multiple of the excess's emission fee, percent (1000:
         * ten times). An assumption: no published formula was found.
         */
        private int excessFeeMultiplePct = FineSizing.DEFAULT_EXCESS_FEE_MULTIPLE_PCT;

        public int getExcessFeeMultiplePct() {
            return excessFeeMultiplePct;
        }

        public void setExcessFeeMultiplePct(int excessFeeMultiplePct) {
            this.excessFeeMultiplePct = excessFeeMultiplePct;
        }
    }

    public Fines getFines() {
        return fines;
    }

    /** The fine sizing: the emission fee rates of {@link EmissionFeeRates#defaults()} and the configured multiple. */
    public FineSizing fineSizing() {
        return new FineSizing(EmissionFeeRates.defaults(), fines.getExcessFeeMultiplePct());
    }

    public EnforcementPolicy policy(ZoneId zone) {
        return new EnforcementPolicy(exceedanceWindow, repeatedEpisodes, severeRatio, noticeResponseWorkingDays,
                episodeRetention, mciKzt, daysOff(), zone);
    }

    /** Every day off besides weekends, for the years the service may count working days in. */
    Set<LocalDate> daysOff() {
        if (!statutoryHolidays) {
            return new HashSet<>(holidays);
        }
        return KazakhstanHolidays.between(CALENDAR_FROM, CALENDAR_TO, kurbanAit, holidays);
    }

    public Duration getExceedanceWindow() {
        return exceedanceWindow;
    }

    public void setExceedanceWindow(Duration exceedanceWindow) {
        this.exceedanceWindow = exceedanceWindow;
    }

    public int getRepeatedEpisodes() {
        return repeatedEpisodes;
    }

    public void setRepeatedEpisodes(int repeatedEpisodes) {
        this.repeatedEpisodes = repeatedEpisodes;
    }

    public double getSevereRatio() {
        return severeRatio;
    }

    public void setSevereRatio(double severeRatio) {
        this.severeRatio = severeRatio;
    }

    public int getNoticeResponseWorkingDays() {
        return noticeResponseWorkingDays;
    }

    public void setNoticeResponseWorkingDays(int noticeResponseWorkingDays) {
        this.noticeResponseWorkingDays = noticeResponseWorkingDays;
    }

    public Duration getEpisodeRetention() {
        return episodeRetention;
    }

    public void setEpisodeRetention(Duration episodeRetention) {
        this.episodeRetention = episodeRetention;
    }

    public Map<Integer, Long> getMciKzt() {
        return mciKzt;
    }

    public void setMciKzt(Map<Integer, Long> mciKzt) {
        this.mciKzt = mciKzt;
    }

    public boolean isStatutoryHolidays() {
        return statutoryHolidays;
    }

    public void setStatutoryHolidays(boolean statutoryHolidays) {
        this.statutoryHolidays = statutoryHolidays;
    }

    public List<LocalDate> getKurbanAit() {
        return kurbanAit;
    }

    public void setKurbanAit(List<LocalDate> kurbanAit) {
        this.kurbanAit = kurbanAit;
    }

    public List<LocalDate> getHolidays() {
        return holidays;
    }

    public void setHolidays(List<LocalDate> holidays) {
        this.holidays = holidays;
    }

    public Duration getOverdueCheckInterval() {
        return overdueCheckInterval;
    }

    public void setOverdueCheckInterval(Duration overdueCheckInterval) {
        this.overdueCheckInterval = overdueCheckInterval;
    }

    public int getPlanCapacity() {
        return planCapacity;
    }

    public void setPlanCapacity(int planCapacity) {
        this.planCapacity = planCapacity;
    }
}

package kz.taza.simulator.truth;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import kz.taza.contracts.emission.EmissionMass;
import kz.taza.events.emission.ExceedanceLimitKind;
import kz.taza.platform.kpi.Micros;
import kz.taza.simulator.scenario.Model;
import kz.taza.simulator.scenario.Model.AmsSource;
import kz.taza.simulator.scenario.Model.Fate;
import kz.taza.simulator.scenario.Model.Limit;
import kz.taza.simulator.scenario.Model.Permit;
import kz.taza.simulator.scenario.Scenario;
import kz.taza.simulator.scenario.Scenario.Reading;

/**
 * The exceedance episodes emission-service will find in a scenario's replayed AMS readings, of every kind of limit,
 * computed from the readings by the service's rules: the one computation both the ground truth of the exceedance KPIs
 * ({@link GroundTruth}) and the enforcement that follows them ({@link Enforcement}) read.
 * <p>
 * Per source and pollutant, the VALID intervals in order; a permit's limits are in force when its fate is ACTIVE (the
 * suspensions and revocations are sent before the readings) and the interval's day is within its validity, a limit of
 * a kind only where the permit sets it (mg/Nm³ only where an AMS is installed and the permit is not transitional).
 * An episode of a kind starts at an interval whose value is above the limit after one not above it, and its ratio is
 * that interval's value over the limit (what ThresholdExceeded carries):
 * <ul>
 * <li>CONCENTRATION: the interval's concentration against the mg/Nm³ limit;</li>
 * <li>MASS_RATE: the interval's mass rate ({@link EmissionMass#gramsPerSecond}) against the g/s limit;</li>
 * <li>ANNUAL_MASS: the tonnes of the source's VALID intervals of the calendar year so far, this interval's included
 * (each interval's {@link EmissionMass#tonnes} in whole grams, as the service counts them), against the t/yr limit;
 * the first interval of a new year ends an open episode and is not compared.</li>
 * </ul>
 * The episodes are in the order the service records them: by facility, then by start; episodes starting in the same
 * interval in the order of the facility's sources (as the replay sends them), pollutants ({@link Model#POLLUTANTS})
 * and kinds (concentration, mass rate, annual mass), which is the order inspection-service receives them in.
 */
public final class ServiceEpisodes {

    /** An episode as ThresholdExceeded announces it: where, of which kind of limit, when, and its ratio. */
    public record Found(String facilityId, String sourceId, String pollutant, ExceedanceLimitKind kind,
            int firstInterval, Instant startedAt, double ratio) {
    }

    private ServiceEpisodes() {
    }

    /** The episodes of every kind the replayed readings of the scenario start. */
    public static List<Found> of(Scenario scenario) {
        Map<String, Permit> permitOf = new HashMap<>();
        scenario.permits().forEach(p -> permitOf.put(p.facilityId(), p));
        List<Found> found = new ArrayList<>();
        for (AmsSource source : scenario.amsSources()) {
            Permit permit = permitOf.get(source.facilityId());
            Series[] series = new Series[Model.POLLUTANTS.size()];
            for (int p = 0; p < series.length; p++) {
                series[p] = new Series(limitOf(permit, source.sourceId(), Model.POLLUTANTS.get(p)));
            }
            for (int i = 0; i < scenario.amsIntervals(); i++) {
                LocalDate day = scenario.dayOf(i);
                boolean inForce = permit != null && permit.fate() == Fate.ACTIVE
                        && !day.isBefore(permit.validFrom()) && !day.isAfter(permit.validTo());
                for (Reading r : scenario.readings(source, i)) {
                    if ("VALID".equals(r.status())) {
                        series[Model.POLLUTANTS.indexOf(r.pollutant())].next(scenario, source, r, i, day, inForce,
                                found);
                    }
                }
            }
        }
        found.sort(Comparator.comparing(Found::facilityId).thenComparingInt(Found::firstInterval)); // stable
        return found;
    }

    private static Limit limitOf(Permit permit, String sourceId, String pollutant) {
        if (permit == null) {
            return null;
        }
        for (Limit l : permit.limits()) {
            if (l.sourceId().equals(sourceId) && l.pollutant().equals(pollutant)) {
                return l;
            }
        }
        return null;
    }

    /** One source and pollutant: its open episodes and the grams of its newest year. */
    private static final class Series {
        private final Limit limit;
        private boolean concentrationOpen;
        private boolean rateOpen;
        private boolean annualOpen;
        private int year = Integer.MIN_VALUE;
        private long gramsOfYear;

        Series(Limit limit) {
            this.limit = limit;
        }

        void next(Scenario scenario, AmsSource source, Reading r, int interval, LocalDate day, boolean permitInForce,
                List<Found> found) {
            boolean any = permitInForce && limit != null;
            double concentration = r.concentrationMgNm3();
            double mg = any && limit.mgPerNm3() != null ? limit.mgPerNm3() : 0;
            boolean concentrationAbove = mg > 0 && concentration > mg;
            if (concentrationAbove && !concentrationOpen) {
                found.add(found(scenario, source, r, ExceedanceLimitKind.CONCENTRATION, interval, concentration / mg));
            }
            concentrationOpen = concentrationAbove;

            double gps = any ? limit.gramsPerSecond() : 0;
            double rate = EmissionMass.gramsPerSecond(concentration, r.flowNm3PerHour());
            boolean rateAbove = gps > 0 && rate > gps;
            if (rateAbove && !rateOpen) {
                found.add(found(scenario, source, r, ExceedanceLimitKind.MASS_RATE, interval, rate / gps));
            }
            rateOpen = rateAbove;

            boolean newYear = day.getYear() != year;
            if (newYear) {
                year = day.getYear();
                gramsOfYear = 0;
            }
            gramsOfYear += Micros.of(EmissionMass.tonnes(concentration, r.flowNm3PerHour(), r.intervalMinutes()));
            if (newYear && annualOpen) {
                annualOpen = false; // the new year's first interval ends the episode, uncompared
                return;
            }
            double tpy = any ? limit.tonnesPerYear() : 0;
            double tonnes = Micros.toDouble(gramsOfYear);
            boolean annualAbove = tpy > 0 && tonnes > tpy;
            if (annualAbove && !annualOpen) {
                found.add(found(scenario, source, r, ExceedanceLimitKind.ANNUAL_MASS, interval, tonnes / tpy));
            }
            annualOpen = annualAbove;
        }

        private static Found found(Scenario scenario, AmsSource source, Reading r, ExceedanceLimitKind kind,
                int interval, double ratio) {
            return new Found(source.facilityId(), source.sourceId(), r.pollutant(), kind, interval,
                    scenario.intervalStart(interval), ratio);
        }
    }
}

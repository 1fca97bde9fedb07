package kz.taza.simulator.scenario;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The facts of a scenario, as plain records (what an officer, an operator or a forester would send). */
public final class Model {

    private Model() {
    }

    /** The pollutants every AMS measures and every report covers (SO2, NOx, CO, dust; docs/architecture.md, Reference scenario). */
    public static final List<String> POLLUTANTS = List.of("SO2", "NOX", "CO", "DUST");

    /**
     * A stationary source (stack) of a facility. {@code share} is its part of the facility's emissions. As registered:
     * {@code kind} (every source of the scenario is an ORGANISED stack), {@code declaredTonnesPerYear} (its part of
     * the facility's 2023 tonnes), and {@code amsRequired} as the obligation rule decides it from them
     * ({@link kz.taza.contracts.permit.AmsObligation}); {@code amsInstalled} whether it has its AMS. Not registered:
     * {@code amsTransmits}, whether that AMS sends its readings (an installed AMS not yet connected to the regulator
     * sends none).
     */
    public record Source(String sourceId, String name, double share, boolean amsRequired, boolean amsInstalled,
            String kind, Double declaredTonnesPerYear, boolean amsTransmits) {

        /** A source before the AMS obligation and installation are settled. */
        static Source unsettled(String sourceId, String name, double share) {
            return new Source(sourceId, name, share, false, false, "ORGANISED", null, false);
        }
    }

    /**
     * A facility as registered. {@code enterprise} is the index of its top-50 enterprise, or -1;
     * {@code tonnes2023} its emissions in 2023 by pollutant.
     */
    public record Facility(String facilityId, String operatorBin, String operatorName, String facilityName,
            String regionCode, String category, String sector, boolean top50, int enterprise, List<Source> sources,
            Map<String, Double> pollutantShares) {

        public boolean top50Cat1() {
            return top50 && "I".equals(category);
        }

        /** The same facility with other sources. */
        public Facility withSources(List<Source> newSources) {
            return new Facility(facilityId, operatorBin, operatorName, facilityName, regionCode, category, sector,
                    top50, enterprise, newSources, pollutantShares);
        }
    }

    /** A limit of a permit: per source and pollutant; {@code mgPerNm3} only where an AMS is installed. */
    public record Limit(String sourceId, String pollutant, double gramsPerSecond, double tonnesPerYear,
            Double mgPerNm3) {
    }

    /** What happens to a permit after it is issued. */
    public enum Fate { ACTIVE, SUSPENDED, REVOKED }

    /**
     * A permit: KEP (Category I), ENVIRONMENTAL_IMPACT_PERMIT (II) or DECLARATION (III). {@code validTo} is the end of
     * the scenario's first term; {@link #validToOn} is what a replay sends on a given day. A {@code transitional}
     * permit is a Category I facility's ENVIRONMENTAL_IMPACT_PERMIT, which ends the day before the facility must hold
     * a KEP (a year's last day) and is never extended: from then on it is not issued ({@link #issuableOn}).
     */
    public record Permit(String facilityId, String permitId, String type, LocalDate validFrom, LocalDate validTo,
            List<Limit> limits, List<String> batConclusions, Fate fate, boolean transitional) {

        /** Whether a replay on {@code today} issues the permit: every one but a transitional permit that has ended. */
        public boolean issuableOn(LocalDate today) {
            return !transitional || !today.isAfter(validTo);
        }

        /**
         * The last valid day of the permit as issued on {@code today}: the first term, extended by whole further terms
         * of the same length until it covers {@code today}. The generated terms end from 2029-12-31 on, and the permit
         * service refuses to issue a permit that would already have expired, so without this a replay would stop
         * working once the calendar passed them. It only ever lengthens the validity, so the ground truth (which asks
         * whether a KEP was valid in a report year of 2021–2024) is the same on every day.
         */
        public LocalDate validToOn(LocalDate today) {
            LocalDate to = validTo;
            if (transitional) {
                return to;
            }
            long termYears = Math.max(1, ChronoUnit.YEARS.between(validFrom, validTo.plusDays(1)));
            for (long terms = 2; to.isBefore(today); terms++) {
                to = validFrom.plusYears(termYears * terms).minusDays(1);
            }
            return to;
        }
    }

    /**
     * An annual report of one pollutant. {@code firstSent} is not null when the operator first sends a wrong figure
     * and corrects it later with {@code tonnes} (the latest version counts).
     */
    public record Report(String facilityId, int year, String pollutant, double tonnes, Double firstSent) {
    }

    /** An AMS-equipped source: its typical concentration per pollutant, flow and the permit's mg/Nm³ limits. */
    public record AmsSource(int index, String facilityId, String sourceId, String regionCode,
            Map<String, Double> baseMgNm3, double flowNm3PerHour, Map<String, Double> limitMgNm3) {
    }

    /**
     * Consecutive VALID intervals of one source and pollutant above the limit, {@code ratio} times the limit (an
     * exceedance episode). Interval indexes count 20-minute intervals from the scenario's AMS start.
     */
    public record Episode(String facilityId, String sourceId, String pollutant, int firstInterval, int intervals,
            double ratio) {
    }

    /**
     * Intervals of a source whose stack flow surges to {@code factor} times its usual flow (all pollutants'
     * concentrations as usual): concentration × flow above a g/s limit of the permit, the mg/Nm³ limits untouched
     * (a mass-rate exceedance episode only). Interval indexes as for {@link Episode}.
     */
    public record FlowSurge(String facilityId, String sourceId, int firstInterval, int intervals, double factor) {
    }

    /**
     * Intervals of a source without VALID data: a status for all its pollutants (CALIBRATION, MAINTENANCE, FAULT,
     * SUBSTITUTED), or {@code null} when nothing is sent at all (a gap).
     */
    public record Outage(String facilityId, String sourceId, int firstInterval, int intervals, String status) {
    }

    /** A region's plan for a year. */
    public record Plan(String regionCode, int year, long trees, double hectares) {
    }

    /** One planting. */
    public record Planting(String plantingId, String regionCode, String institution, String site, String species,
            long treeCount, double hectares, LocalDate plantedOn, boolean aralSeabed, String method) {
    }

    /** A survival count of a planting in its 1st or 3rd year. */
    public record Survey(String plantingId, String surveyId, int surveyYear, long alive, long dead,
            LocalDate surveyedOn) {
    }

    /**
     * A forest fire: reported at {@code hectaresAtReport}, contained on {@code containedOn} (or {@code null}: put out
     * without a containment report), extinguished on {@code extinguishedOn} having burned {@code hectaresBurned}.
     * {@code firstSentHectares} is not null when the forester first sends another final area and corrects it later
     * with {@code hectaresBurned} (the latest extinguishment counts).
     */
    public record Fire(String fireId, String regionCode, String institution, String cause, double hectaresAtReport,
            LocalDate reportedOn, LocalDate containedOn, LocalDate extinguishedOn, double hectaresBurned,
            Double firstSentHectares) {
    }

    /** An early fire detection system put into service over part of a region's forest fund. */
    public record DetectionSystem(String systemId, String regionCode, String institution, double coveredHectares,
            LocalDate installedOn) {
    }

    /**
     * A lot of planting material a nursery prepared for the planting of {@code plantingYear}: {@code kind} SEEDLING or
     * SAPLING counted in pieces, SEED weighed in kilograms. {@code correctedQuantity} is not null when the lot is
     * corrected later (material lost, or a recount), on {@code correctedOn} for {@code correctionReason}; it is the
     * lot's quantity from then on.
     */
    public record MaterialLot(String lotId, String regionCode, String institution, String nursery, int plantingYear,
            String species, String kind, double quantity, LocalDate preparedOn, Double correctedQuantity,
            String correctionReason, LocalDate correctedOn) {

        /** The quantity that counts: the corrected one where the lot was corrected. */
        public double finalQuantity() {
            return correctedQuantity != null ? correctedQuantity : quantity;
        }

        /** Whether the lot is counted in pieces (seedlings and saplings) rather than kilograms (seed). */
        public boolean pieces() {
            return !"SEED".equals(kind);
        }
    }
}

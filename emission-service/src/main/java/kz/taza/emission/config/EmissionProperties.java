package kz.taza.emission.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

import kz.taza.contracts.emission.EmissionFeeRates;
import kz.taza.emission.topology.EmissionSettings;
import kz.taza.events.common.Pollutant;

/** Settings of emission-service ({@code taza.emission.*}), each overridable from the environment. */
@ConfigurationProperties(prefix = "taza.emission")
public class EmissionProperties {

    /** How far in the future an AMS interval may start (gateway clock drift). */
    private Duration futureTolerance = Duration.ofMinutes(5);
    /** Pollutants AMS readings may be sent for; others are rejected. */
    private Set<Pollutant> monitoredPollutants = EnumSet.complementOf(EnumSet.of(Pollutant.OTHER));
    /** Pollutants every AMS-required source must measure (denominator of data availability). */
    private Set<Pollutant> requiredPollutants = EnumSet.of(Pollutant.SO2, Pollutant.NOX, Pollutant.CO,
            Pollutant.DUST);
    /** Interval length AMS-required sources are expected to report at, minutes. */
    private int intervalMinutes = 20;
    /**
     * Silence of an AMS-required source after which a monitoring gap is declared, in event time of the readings
     * (not stream time, which report records move too).
     */
    private Duration gapThreshold = Duration.ofMinutes(60);
    /** How often (event time of the readings) sources are checked for gaps. */
    private Duration gapCheckEvery = Duration.ofMinutes(1);
    /** How often (wall clock) KPI changes are handed on to the KPI totals. */
    private Duration kpiFlushInterval = Duration.ofSeconds(1);
    /** How long counts derived from the facility registry are reused. */
    private Duration referenceRefresh = Duration.ofSeconds(30);
    /** Exceedance episodes kept per facility for the read API. */
    private int recentExceedances = 20;
    /**
     * How far behind the newest interval of its partition an AMS reading may arrive and still be counted (once: the
     * pipeline remembers each interval for this long, and forgets older ones so its state stays bounded). Older
     * readings go to emission.ams-readings-rejected.v1 as TOO_LATE. A week by default: a gateway buffers its readings
     * through a network outage and sends them when it is back, and a week covers an outage over a long weekend or the
     * Nauryz holidays with days to spare, while the state stays a week of intervals (about 72 a day per source and
     * pollutant). The simulator's replay and the end-to-end test send each facility's readings in time order, in
     * rounds of two hours of intervals, so no reading of theirs is ever more than about two hours behind.
     */
    private Duration maxReadingLateness = EmissionSettings.DEFAULT_MAX_READING_LATENESS;
    private final Ingest ingest = new Ingest();
    private final Fees fees = new Fees();

    public Duration getFutureTolerance() {
        return futureTolerance;
    }

    public void setFutureTolerance(Duration futureTolerance) {
        this.futureTolerance = futureTolerance;
    }

    public Set<Pollutant> getMonitoredPollutants() {
        return monitoredPollutants;
    }

    public void setMonitoredPollutants(Set<Pollutant> monitoredPollutants) {
        this.monitoredPollutants = monitoredPollutants;
    }

    public Set<Pollutant> getRequiredPollutants() {
        return requiredPollutants;
    }

    public void setRequiredPollutants(Set<Pollutant> requiredPollutants) {
        this.requiredPollutants = requiredPollutants;
    }

    public int getIntervalMinutes() {
        return intervalMinutes;
    }

    public void setIntervalMinutes(int intervalMinutes) {
        this.intervalMinutes = intervalMinutes;
    }

    public Duration getGapThreshold() {
        return gapThreshold;
    }

    public void setGapThreshold(Duration gapThreshold) {
        this.gapThreshold = gapThreshold;
    }

    public Duration getGapCheckEvery() {
        return gapCheckEvery;
    }

    public void setGapCheckEvery(Duration gapCheckEvery) {
        this.gapCheckEvery = gapCheckEvery;
    }

    public Duration getKpiFlushInterval() {
        return kpiFlushInterval;
    }

    public void setKpiFlushInterval(Duration kpiFlushInterval) {
        this.kpiFlushInterval = kpiFlushInterval;
    }

    public Duration getReferenceRefresh() {
        return referenceRefresh;
    }

    public void setReferenceRefresh(Duration referenceRefresh) {
        this.referenceRefresh = referenceRefresh;
    }

    public int getRecentExceedances() {
        return recentExceedances;
    }

    public void setRecentExceedances(int recentExceedances) {
        this.recentExceedances = recentExceedances;
    }

    public Duration getMaxReadingLateness() {
        return maxReadingLateness;
    }

    public void setMaxReadingLateness(Duration maxReadingLateness) {
        this.maxReadingLateness = maxReadingLateness;
    }

    public Ingest getIngest() {
        return ingest;
    }

    public Fees getFees() {
        return fees;
    }

    /**
     * Emission fees of the annual reports ({@code taza.emission.fees.*}): the Tax Code's rates and the MCI by year,
     * each entry overridable on its own (an entry set here replaces the default of its pollutant or year, the others
     * stay). Defaults and how sure they are: {@link EmissionFeeRates}.
     */
    public static class Fees {
        /** Rate per pollutant, MCI per tonne ({@code taza.emission.fees.rates.SO2=20}); a pollutant absent is not charged. */
        private Map<Pollutant, BigDecimal> rates = new EnumMap<>(EmissionFeeRates.DEFAULT_RATES);
        /** MCI per year, tenge ({@code taza.emission.fees.mci.2024=3692}); a year absent is not charged. */
        private Map<Integer, Long> mci = new TreeMap<>(EmissionFeeRates.DEFAULT_MCI);

        public Map<Pollutant, BigDecimal> getRates() {
            return rates;
        }

        public void setRates(Map<Pollutant, BigDecimal> rates) {
            this.rates = rates;
        }

        public Map<Integer, Long> getMci() {
            return mci;
        }

        public void setMci(Map<Integer, Long> mci) {
            this.mci = mci;
        }

        /** The rates as the topology and the read API use them. */
        public EmissionFeeRates toRates() {
            return new EmissionFeeRates(rates, mci);
        }
    }

    /** REST ingestion of AMS readings. */
    public static class Ingest {
        /** Readings per second each client (X-Client-Id) may post. */
        private int readingsPerSecond = 5_000;
        /** Largest batch one request may carry. */
        private int maxBatch = 1_000;
        /** How long a request waits for Kafka to acknowledge its readings. */
        private Duration sendTimeout = Duration.ofSeconds(10);

        public int getReadingsPerSecond() {
            return readingsPerSecond;
        }

        public void setReadingsPerSecond(int readingsPerSecond) {
            this.readingsPerSecond = readingsPerSecond;
        }

        public int getMaxBatch() {
            return maxBatch;
        }

        public void setMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }
    }
}

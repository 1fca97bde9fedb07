package kz.taza.emission.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * What the reading path hands on, one type per destination. {@link ReadingProcessor} forwards each output to the
 * child node of its {@link Route} only, so every child of the processor receives exactly one of these types and the
 * topology needs no type test to sort them.
 */
sealed interface ReadingOutput permits ReadingOutput.Rejection, ReadingOutput.ExceedanceEvent,
        ReadingOutput.MonitoringEvent, KpiDelta {

    /** The child node, and through it the topic, of each kind of output. */
    enum Route {
        /** Readings that break a rule, to {@code emission.ams-readings-rejected.v1}. */
        REJECTED("ams-rejected"),
        /** ThresholdExceeded and ExceedanceEnded, to {@code emission.exceedances.v1}. */
        EXCEEDANCES("ams-exceedances"),
        /** MonitoringGapDetected and MonitoringResumed, to {@code emission.monitoring.v1}. */
        MONITORING("ams-monitoring"),
        /** KPI changes, to the KPI totals (repartitioned by KPI and scope). */
        KPI_DELTAS("ams-kpi-deltas");

        private final String child;

        Route(String child) {
            this.child = child;
        }

        /** The name of the processor's child node for this route. */
        String child() {
            return child;
        }
    }

    Route route();

    /**
     * A reading that is not taken in: its original bytes (null for a record without a value) and the headers that
     * say why ({@code taza.error.*}, {@code taza.source.*}).
     */
    record Rejection(byte[] bytes, Headers headers) implements ReadingOutput {
        @Override
        public Route route() {
            return Route.REJECTED;
        }
    }

    /** A ThresholdExceeded or an ExceedanceEnded. */
    record ExceedanceEvent(SpecificRecord event) implements ReadingOutput {
        @Override
        public Route route() {
            return Route.EXCEEDANCES;
        }
    }

    /** A MonitoringGapDetected or a MonitoringResumed. */
    record MonitoringEvent(SpecificRecord event) implements ReadingOutput {
        @Override
        public Route route() {
            return Route.MONITORING;
        }
    }
}

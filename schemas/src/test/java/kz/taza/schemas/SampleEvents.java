package kz.taza.schemas;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.KpiPeriod;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.RejectionKind;

/** Realistic instances of the shared records, every optional field filled so a lost field shows. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static EventMetadata metadata() {
        return EventMetadata.newBuilder()
                .setEventId("7d1f8f3e-2b7c-4a55-9a43-0f6a2d8b9c10")
                .setOccurredAt(Instant.parse("2024-03-15T06:20:00.123Z"))
                .setCorrelationId("req-2024-03-15-0001")
                .setCausationId("cmd-42")
                .setProducer("emission-service")
                .build();
    }

    public static KpiPeriod year2024() {
        return KpiPeriod.newBuilder().setGranularity(KpiGranularity.YEAR).setStart(LocalDate.of(2024, 1, 1)).build();
    }

    /** The headline: reported emissions of the TOP50 Category I group fell 50% in 2024. */
    public static KpiValue top50EmissionsChange() {
        return KpiValue.newBuilder()
                .setKpiId("emissions.reported.change_pct")
                .setScope("GROUP:TOP50_CAT1")
                .setPeriod(year2024())
                .setValue(-50.0)
                .setUnit("pct")
                .setTarget(-45.0)
                .setBaseline(812_345.5)
                .setChangePct(-50.0)
                .setInputEvents(1_234L)
                .setDataAsOf(Instant.parse("2025-03-31T18:00:00Z"))
                .setComputedAt(Instant.parse("2025-04-01T05:00:00.250Z"))
                .build();
    }

    public static FieldViolation violation() {
        return FieldViolation.newBuilder().setField("limits[0].tonnesPerYear").setMessage("must be positive").build();
    }

    public static CommandResult rejectedCommand() {
        return CommandResult.newBuilder()
                .setCommandId("5b0e0c1a-8f1e-4a7e-b4c2-3a2f1e0d9c88")
                .setAggregateId("FAC-550001")
                .setCommandType("IssuePermit")
                .setOutcome(CommandOutcome.REJECTED)
                .setRejection(RejectionKind.INVALID)
                .setReasonCode("LIMIT_NOT_POSITIVE")
                .setReason("A permit limit must be a positive number of tonnes per year.")
                .setViolations(List.of(violation()))
                .setResourceId("PERMIT-2024-0007")
                .setEventIds(List.of("e-1", "e-2"))
                .setProcessedAt(Instant.parse("2024-03-15T06:20:01Z"))
                .build();
    }
}

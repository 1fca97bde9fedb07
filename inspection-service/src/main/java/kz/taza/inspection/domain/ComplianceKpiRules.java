package kz.taza.inspection.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.inspection.FineGround;
import kz.taza.events.inspection.FineImposed;
import kz.taza.events.inspection.FinePaid;
import kz.taza.events.inspection.InspectionCompleted;
import kz.taza.events.inspection.OrderFulfilled;
import kz.taza.events.inspection.OrderOverdue;

/**
 * What each inspection event adds to the compliance KPIs, and on which day it counts:
 * <ul>
 * <li>{@code inspections.completed.count} +1 and {@code inspections.violations.count} +violations, on the day an
 * inspection was completed;</li>
 * <li>{@code fines.imposed_kzt} +amount, {@code fines.imposed.count} +1 and, for a fine on a ground other than an
 * inspection, {@code fines.without_inspection.count} +1, on the day a fine was imposed; {@code fines.collected_kzt} +amount on the day a
 * payment was made; {@code fines.collection_rate_pct} = collected / imposed of the same period, in percent;</li>
 * <li>{@code orders.overdue.count}: orders due in the period that are past due and not fulfilled: +1 when an order
 * becomes overdue, -1 when an overdue order is fulfilled after all, both on the order's due day.</li>
 * </ul>
 * Other events (notices, scheduling, orders issued or fulfilled on time) change no KPI.
 */
public final class ComplianceKpiRules {

    private ComplianceKpiRules() {
    }

    /**
     * What one event adds.
     *
     * @param day        the day it counts on
     * @param regionCode the facility's region, or {@code null} when unknown (then it counts nationally only)
     */
    public record Contribution(LocalDate day, String regionCode, long inspectionsCompleted, long violations,
            long finesImposedKzt, long finesCollectedKzt, long ordersOverdue, long finesImposed,
            long finesWithoutInspection) {

        Contribution(LocalDate day, String regionCode, long inspectionsCompleted, long violations,
                long finesImposedKzt, long finesCollectedKzt, long ordersOverdue) {
            this(day, regionCode, inspectionsCompleted, violations, finesImposedKzt, finesCollectedKzt, ordersOverdue,
                    0, 0);
        }
    }

    /** The contribution of an event on inspection.events.v1; empty when it changes no KPI. */
    public static Optional<Contribution> of(SpecificRecord event) {
        if (event instanceof InspectionCompleted e) {
            return Optional.of(new Contribution(e.getCompletedOn(), e.getRegionCode(), 1, e.getViolations().size(),
                    0, 0, 0));
        }
        if (event instanceof FineImposed e) {
            return Optional.of(new Contribution(e.getImposedOn(), e.getRegionCode(), 0, 0, e.getAmountKzt(), 0, 0, 1,
                    e.getGround() == FineGround.INSPECTION ? 0 : 1));
        }
        if (event instanceof FinePaid e) {
            return Optional.of(new Contribution(e.getPaidOn(), e.getRegionCode(), 0, 0, 0, e.getAmountKzt(), 0));
        }
        if (event instanceof OrderOverdue e) {
            return Optional.of(new Contribution(e.getDueOn(), e.getRegionCode(), 0, 0, 0, 0, 1));
        }
        if (event instanceof OrderFulfilled e && e.getWasOverdue()) {
            return Optional.of(new Contribution(e.getDueOn(), e.getRegionCode(), 0, 0, 0, 0, -1));
        }
        return Optional.empty();
    }

    /** Events whose contributions are listed for documentation and tests. */
    public static final List<Class<? extends SpecificRecord>> COUNTED = List.of(InspectionCompleted.class,
            FineImposed.class, FinePaid.class, OrderOverdue.class, OrderFulfilled.class);
}

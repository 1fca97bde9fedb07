package kz.taza.inspection.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.inspection.CompleteInspection;
import kz.taza.events.inspection.ComplianceNotice;
import kz.taza.events.inspection.ComplianceNoticeIssued;
import kz.taza.events.inspection.ExceedanceRef;
import kz.taza.events.inspection.FacilityCompliance;
import kz.taza.events.inspection.FineArticle;
import kz.taza.events.inspection.FineGround;
import kz.taza.events.inspection.FineImposed;
import kz.taza.events.inspection.FinePaid;
import kz.taza.events.inspection.FineRecord;
import kz.taza.events.inspection.FulfilOrder;
import kz.taza.events.inspection.ImposeFine;
import kz.taza.events.inspection.InspectionCompleted;
import kz.taza.events.inspection.InspectionRecord;
import kz.taza.events.inspection.InspectionScheduled;
import kz.taza.events.inspection.InspectionStatus;
import kz.taza.events.inspection.InspectionType;
import kz.taza.events.inspection.IssueOrder;
import kz.taza.events.inspection.OffenderSize;
import kz.taza.events.inspection.OrderFulfilled;
import kz.taza.events.inspection.OrderIssued;
import kz.taza.events.inspection.OrderOverdue;
import kz.taza.events.inspection.OrderRecord;
import kz.taza.events.inspection.OrderStatus;
import kz.taza.events.inspection.Payment;
import kz.taza.events.inspection.RecordExceedance;
import kz.taza.events.inspection.RecordFacility;
import kz.taza.events.inspection.RecordPayment;
import kz.taza.events.inspection.ScheduleInspection;
import kz.taza.events.inspection.ViolationFound;
import kz.taza.events.inspection.ViolationSeverity;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.Outcome;
import kz.taza.schemas.codec.AvroTrust;

/**
 * The regulator's enforcement rules for one facility, applied one command at a time by the only writer of the
 * facility's {@link FacilityCompliance} state.
 *
 * <p><b>Exceedances</b> (preventive control from AMS data). An exceedance episode (a ThresholdExceeded event) is
 * counted in the window of {@link EnforcementPolicy#exceedanceWindow()} (30 days) that ends at its start: episodes
 * that started less than 30 days before it, and itself. Then:
 * <ul>
 * <li>the first episode in its window gets a {@link ComplianceNoticeIssued}, the operator's answer due in 10 working
 * days;</li>
 * <li>{@link EnforcementPolicy#repeatedEpisodes()} (3) or more episodes in the window, or one episode with a ratio of
 * {@link EnforcementPolicy#severeRatio()} (2.0) or more, schedule an UNSCHEDULED inspection whose causes are the
 * episodes in the window (repeated) or the severe episode alone; unless the facility already has an open unscheduled
 * inspection (at most one at a time), in which case the episode is only recorded.</li>
 * </ul>
 * Episodes of different limits that start at the same interval of the same source and pollutant (an interval above
 * both the mg/Nm3 and the g/s limit) are one exceedance: only the first of them is noticed, and they count once towards
 * the repeated threshold. An episode already recorded never acts again (a replayed event changes nothing), and neither
 * does one that started
 * a whole retention period (365 days) before the newest known episode, whose record may already be forgotten.
 *
 * <p><b>Officers.</b> Inspections are scheduled (RISK_BASED or UNSCHEDULED, with a reason; one plan inspection per
 * facility and plan year) and completed once, with the violations found. A preventive visit (PREVENTIVE_VISIT,
 * preventive control with a visit) is scheduled and completed the same way, but what it finds is remedied by order
 * only: no fine follows it (as this project reads the Entrepreneurial Code's preventive control, which leads to a
 * recommendation rather than to administrative proceedings; an assumption, not a verified text).
 *
 * <p><b>Fines</b> are imposed on one of three grounds ({@link FineGround}): the violations of a completed inspection
 * that found some; an AMS exceedance episode recorded for the facility (under art. 328(1), with no inspection); or an
 * administrative case opened otherwise, named by its reference. An episode or a case is fined once, and so is an
 * exceedance seen as episodes of several limits at the same interval. Most fines in
 * practice follow no inspection. The amount is in MCI, set by the officer or sized by its article
 * ({@link FineSizing}: art. 324 flat, art. 328(1) from the excess mass, an assumption), and converted to tenge with the MCI of the offence's year. Payments add
 * up to at most the fine. A remediation order follows a completed inspection and is due after today; when its due day
 * has passed unfulfilled it becomes overdue by itself ({@link #onTick}); it can still be fulfilled afterwards.
 */
public final class ComplianceRules implements CommandRules<SpecificRecord, FacilityCompliance> {

    /**
     * The largest fine one decision may impose, in MCI: about 433 billion tenge at 2026's MCI, above the largest
     * environmental fines on record (the 2023 average was near 151 million tenge); a larger amount is a typing error.
     */
    public static final long MAX_FINE_MCI = 100_000_000L;
    /** The largest single payment, in tenge: the largest fine at the highest MCI configured, with room. */
    public static final long MAX_PAYMENT_KZT = 1_000_000_000_000L;
    /**
     * The first and last day an officer may name (completed, paid, fulfilled from; planned and due until): the era
     * of the other domains' dates. A day far outside is a typing error that would be kept wrong, Avro holding a date
     * as an int of days since 1970.
     */
    public static final LocalDate EARLIEST_DAY = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST_DAY = LocalDate.of(2100, 12, 31);

    static {
        // The rules copy generated records with their builders, which Avro 1.12 allows only for trusted classes.
        AvroTrust.install();
    }

    private final EnforcementPolicy policy;
    private final FineSizing fineSizing;

    /** The rules with the default fine sizing ({@link FineSizing#defaults()}). */
    public ComplianceRules(EnforcementPolicy policy) {
        this(policy, FineSizing.defaults());
    }

    public ComplianceRules(EnforcementPolicy policy, FineSizing fineSizing) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.fineSizing = Objects.requireNonNull(fineSizing, "fineSizing");
    }

    public EnforcementPolicy policy() {
        return policy;
    }

    /**
     * What an officer's command gets wrong on its own: blank ids and texts, an unknown type or severity, amounts not
     * positive, dates on the wrong side of today or outside {@link #EARLIEST_DAY} to {@link #LATEST_DAY}, an offence
     * year without a configured MCI. Internal commands (made from registrations and exceedances) have no such fields.
     */
    @Override
    public List<FieldViolation> validate(SpecificRecord command, LocalDate today) {
        List<FieldViolation> bad = new ArrayList<>();
        if (command instanceof ScheduleInspection c) {
            notBlank(bad, "inspectionId", c.getInspectionId(), "must not be blank");
            if (c.getType() == null || c.getType() == InspectionType.UNKNOWN) {
                bad.add(violation("type", "must be RISK_BASED, UNSCHEDULED or PREVENTIVE_VISIT"));
            }
            notBlank(bad, "reason", c.getReason(), "must not be blank");
            if (c.getPlannedOn() != null && c.getPlannedOn().isBefore(today)) {
                bad.add(violation("plannedOn", "must not be in the past (today is " + today + ")"));
            } else if (c.getPlannedOn() != null && c.getPlannedOn().isAfter(LATEST_DAY)) {
                bad.add(violation("plannedOn", "must be on or before " + LATEST_DAY));
            }
        } else if (command instanceof CompleteInspection c) {
            notInFuture(bad, "completedOn", c.getCompletedOn(), today);
            List<ViolationFound> found = c.getViolations() == null ? List.of() : c.getViolations();
            for (int i = 0; i < found.size(); i++) {
                ViolationFound v = found.get(i);
                notBlank(bad, "violations[" + i + "].violationId", v.getViolationId(), "must not be blank");
                notBlank(bad, "violations[" + i + "].article", v.getArticle(), "must name the article violated");
                notBlank(bad, "violations[" + i + "].description", v.getDescription(), "must not be blank");
                if (v.getSeverity() == null || v.getSeverity() == ViolationSeverity.UNKNOWN) {
                    bad.add(violation("violations[" + i + "].severity", "must be MINOR, SIGNIFICANT or GROSS"));
                }
            }
        } else if (command instanceof ImposeFine c) {
            notBlank(bad, "fineId", c.getFineId(), "must not be blank");
            validateGround(bad, c);
            validateAmount(bad, c);
            if (notInFuture(bad, "offenceDate", c.getOffenceDate(), today)
                    && policy.mciKzt(c.getOffenceDate().getYear()).isEmpty()) {
                bad.add(violation("offenceDate", "no MCI is configured for " + c.getOffenceDate().getYear()
                        + " (configured: " + policy.mciKztByYear().keySet().stream().sorted().toList() + ")"));
            }
        } else if (command instanceof RecordPayment c) {
            notBlank(bad, "paymentId", c.getPaymentId(), "must not be blank");
            if (c.getAmountKzt() <= 0) {
                bad.add(violation("amountKzt", "must be positive"));
            } else if (c.getAmountKzt() > MAX_PAYMENT_KZT) {
                bad.add(violation("amountKzt", "must be at most " + MAX_PAYMENT_KZT + " KZT"));
            }
            notInFuture(bad, "paidOn", c.getPaidOn(), today);
        } else if (command instanceof IssueOrder c) {
            notBlank(bad, "inspectionId", c.getInspectionId(), "must not be blank");
            notBlank(bad, "orderId", c.getOrderId(), "must not be blank");
            notBlank(bad, "description", c.getDescription(), "must say what the operator must do");
            if (c.getDueOn() == null) {
                bad.add(violation("dueOn", "is required"));
            } else if (!c.getDueOn().isAfter(today)) {
                bad.add(violation("dueOn", "must be after today (" + today + ")"));
            } else if (c.getDueOn().isAfter(LATEST_DAY)) {
                bad.add(violation("dueOn", "must be on or before " + LATEST_DAY));
            }
        } else if (command instanceof FulfilOrder c) {
            notInFuture(bad, "fulfilledOn", c.getFulfilledOn(), today);
        } else if (!(command instanceof RecordFacility) && !(command instanceof RecordExceedance)) {
            bad.add(violation("command", "unknown command type " + command.getSchema().getFullName()));
        }
        return bad;
    }

    /**
     * Decides on a valid command for the facility (the context's aggregate). Event ids and generated ids derive from
     * the command's id, so a decision is repeatable.
     *
     * @param state the facility's state, {@code null} when nothing is known about it yet
     */
    @Override
    public Outcome<FacilityCompliance> decide(SpecificRecord command, FacilityCompliance state,
            CommandContext context) {
        Context ctx = new Context(context.aggregateId(), state, context);
        if (command instanceof RecordFacility c) {
            return recordFacility(c, ctx);
        } else if (command instanceof RecordExceedance c) {
            return recordExceedance(c, ctx);
        } else if (command instanceof ScheduleInspection c) {
            return schedule(c, ctx);
        } else if (command instanceof CompleteInspection c) {
            return complete(c, ctx);
        } else if (command instanceof ImposeFine c) {
            return imposeFine(c, ctx);
        } else if (command instanceof RecordPayment c) {
            return recordPayment(c, ctx);
        } else if (command instanceof IssueOrder c) {
            return issueOrder(c, ctx);
        } else if (command instanceof FulfilOrder c) {
            return fulfilOrder(c, ctx);
        }
        throw new IllegalArgumentException("not an inspection command: " + command.getSchema().getFullName());
    }

    /**
     * The time-driven rule: open orders whose due day has passed become overdue; empty when nothing happens. Each
     * order's overdue event has the order as its cause, so whichever tick notices it, its id is the same.
     */
    @Override
    public Optional<Outcome.Accepted<FacilityCompliance>> onTick(String facilityId, FacilityCompliance state,
            CommandContext tick) {
        LocalDate today = tick.today();
        List<OrderRecord> overdue = state.getOrders().stream()
                .filter(o -> o.getStatus() == OrderStatus.OPEN && o.getDueOn().isBefore(today))
                .toList();
        if (overdue.isEmpty()) {
            return Optional.empty();
        }
        FacilityCompliance next = FacilityCompliance.newBuilder(state).build();
        List<SpecificRecord> events = new ArrayList<>();
        for (OrderRecord order : overdue) {
            OrderRecord changed = order(next, order.getOrderId()).orElseThrow();
            changed.setStatus(OrderStatus.OVERDUE);
            events.add(OrderOverdue.newBuilder()
                    .setMetadata(tick.causedBy("order-overdue:" + order.getOrderId()).metadata(0))
                    .setFacilityId(facilityId)
                    .setRegionCode(state.getRegionCode())
                    .setOrderId(order.getOrderId())
                    .setInspectionId(order.getInspectionId())
                    .setDueOn(order.getDueOn())
                    .setDetectedOn(today)
                    .build());
        }
        return Optional.of(new Outcome.Accepted<>(next, facilityId, events));
    }

    // ---- facility registration -------------------------------------------------------------------------------

    private Outcome<FacilityCompliance> recordFacility(RecordFacility c, Context ctx) {
        FacilityCompliance current = ctx.state;
        if (current != null && current.getRegistrationUpdatedAt() != null
                && !c.getUpdatedAt().isAfter(current.getRegistrationUpdatedAt())) {
            return Outcome.Accepted.unchanged(ctx.facilityId); // an older or repeated version of the registration
        }
        FacilityCompliance next = ctx.copyOrNew();
        next.setFacilityName(c.getFacilityName());
        next.setRegionCode(c.getRegionCode());
        next.setCategory(c.getCategory());
        next.setSector(c.getSector());
        next.setTop50(c.getTop50());
        next.setRegistrationUpdatedAt(c.getUpdatedAt());
        return new Outcome.Accepted<>(next, ctx.facilityId, List.of());
    }

    // ---- exceedances ---------------------------------------------------------------------------------------------

    private Outcome<FacilityCompliance> recordExceedance(RecordExceedance c, Context ctx) {
        ExceedanceRef episode = c.getExceedance();
        FacilityCompliance current = ctx.state;
        if (current != null) {
            boolean seen = current.getEpisodes().stream()
                    .anyMatch(e -> e.getExceedanceEventId().equals(episode.getExceedanceEventId()));
            Optional<Instant> newest = current.getEpisodes().stream().map(ExceedanceRef::getStartedAt)
                    .max(Comparator.naturalOrder());
            boolean forgotten = newest.isPresent()
                    && !episode.getStartedAt().isAfter(newest.get().minus(policy.episodeRetention()));
            if (seen || forgotten) {
                return Outcome.Accepted.unchanged(episode.getExceedanceEventId());
            }
        }
        FacilityCompliance next = ctx.copyOrNew();
        List<ExceedanceRef> episodes = new ArrayList<>(next.getEpisodes());
        episodes.add(ExceedanceRef.newBuilder(episode).build());
        episodes.sort(Comparator.comparing(ExceedanceRef::getStartedAt));
        Instant newest = episodes.get(episodes.size() - 1).getStartedAt();
        episodes.removeIf(e -> !e.getStartedAt().isAfter(newest.minus(policy.episodeRetention())));
        next.setEpisodes(episodes);

        Instant windowStart = episode.getStartedAt().minus(policy.exceedanceWindow());
        List<ExceedanceRef> inWindow = episodes.stream()
                .filter(e -> e.getStartedAt().isAfter(windowStart) && !e.getStartedAt().isAfter(episode.getStartedAt()))
                .toList();

        List<SpecificRecord> events = new ArrayList<>();
        if (inWindow.size() == 1) {
            String noticeId = derivedId("notice", episode.getExceedanceEventId());
            LocalDate due = WorkingDays.after(ctx.today, policy.noticeResponseWorkingDays(), policy.holidays());
            next.getNotices().add(ComplianceNotice.newBuilder()
                    .setNoticeId(noticeId)
                    .setExceedanceEventId(episode.getExceedanceEventId())
                    .setIssuedOn(ctx.today)
                    .setResponseDueOn(due)
                    .build());
            events.add(ComplianceNoticeIssued.newBuilder()
                    .setMetadata(ctx.metadata(events.size()))
                    .setFacilityId(ctx.facilityId)
                    .setRegionCode(next.getRegionCode())
                    .setNoticeId(noticeId)
                    .setIssuedOn(ctx.today)
                    .setResponseDueOn(due)
                    .setExceedance(episode)
                    .build());
        }
        // Episodes of different limits (concentration, mass rate, annual mass) that start at the same interval of the
        // same source and pollutant are one exceedance: they count once towards the repeated threshold.
        long distinctInWindow = inWindow.stream().map(ComplianceRules::exceedanceKey).distinct().count();
        boolean repeated = distinctInWindow >= policy.repeatedEpisodes();
        boolean severe = episode.getRatio() >= policy.severeRatio();
        if ((repeated || severe) && openUnscheduled(next).isEmpty()) {
            String reason = repeated
                    ? distinctInWindow + " AMS exceedance episodes within " + policy.exceedanceWindow().toDays()
                            + " days"
                    : String.format(java.util.Locale.ROOT, "AMS exceedance of %s at source %s at %.2f times the limit",
                            episode.getPollutant(), episode.getSourceId(), episode.getRatio());
            List<ExceedanceRef> causes = repeated ? inWindow : List.of(episode);
            String inspectionId = derivedId("unscheduled-inspection", episode.getExceedanceEventId());
            next.getInspections().add(InspectionRecord.newBuilder()
                    .setInspectionId(inspectionId)
                    .setType(InspectionType.UNSCHEDULED)
                    .setStatus(InspectionStatus.SCHEDULED)
                    .setReason(reason)
                    .setScheduledOn(ctx.today)
                    .setCauses(new ArrayList<>(causes))
                    .build());
            events.add(InspectionScheduled.newBuilder()
                    .setMetadata(ctx.metadata(events.size()))
                    .setFacilityId(ctx.facilityId)
                    .setRegionCode(next.getRegionCode())
                    .setInspectionId(inspectionId)
                    .setType(InspectionType.UNSCHEDULED)
                    .setReason(reason)
                    .setCauses(new ArrayList<>(causes))
                    .build());
        }
        return new Outcome.Accepted<>(next, episode.getExceedanceEventId(), events);
    }

    // ---- inspections ---------------------------------------------------------------------------------------------

    private Outcome<FacilityCompliance> schedule(ScheduleInspection c, Context ctx) {
        Optional<Outcome<FacilityCompliance>> unknown = requireKnownFacility(ctx);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        FacilityCompliance state = ctx.state;
        if (inspection(state, c.getInspectionId()).isPresent()) {
            return Outcome.Rejected.conflict("INSPECTION_EXISTS",
                    "inspection " + c.getInspectionId() + " already exists at facility " + ctx.facilityId);
        }
        if (c.getPlanYear() != null) {
            Optional<InspectionRecord> planned = state.getInspections().stream()
                    .filter(i -> c.getPlanYear().equals(i.getPlanYear())).findFirst();
            if (planned.isPresent()) {
                // The plan of that year already covers the facility: running the plan again changes nothing.
                return Outcome.Accepted.unchanged(planned.get().getInspectionId());
            }
        }
        if (c.getType() == InspectionType.UNSCHEDULED) {
            Optional<InspectionRecord> open = openUnscheduled(state);
            if (open.isPresent()) {
                return Outcome.Rejected.conflict("UNSCHEDULED_INSPECTION_OPEN", "facility " + ctx.facilityId
                        + " already has an open unscheduled inspection, " + open.get().getInspectionId());
            }
        }
        FacilityCompliance next = ctx.copyOrNew();
        next.getInspections().add(InspectionRecord.newBuilder()
                .setInspectionId(c.getInspectionId())
                .setType(c.getType())
                .setStatus(InspectionStatus.SCHEDULED)
                .setReason(c.getReason())
                .setScheduledOn(ctx.today)
                .setPlannedOn(c.getPlannedOn())
                .setPlanYear(c.getPlanYear())
                .setRiskScore(c.getRiskScore())
                .build());
        InspectionScheduled event = InspectionScheduled.newBuilder()
                .setMetadata(ctx.metadata(0))
                .setFacilityId(ctx.facilityId)
                .setRegionCode(next.getRegionCode())
                .setInspectionId(c.getInspectionId())
                .setType(c.getType())
                .setReason(c.getReason())
                .setPlannedOn(c.getPlannedOn())
                .setPlanYear(c.getPlanYear())
                .setRiskScore(c.getRiskScore())
                .build();
        return new Outcome.Accepted<>(next, c.getInspectionId(), List.of(event));
    }

    private Outcome<FacilityCompliance> complete(CompleteInspection c, Context ctx) {
        List<ViolationFound> found = c.getViolations();
        Optional<Outcome<FacilityCompliance>> unknown = requireInspection(ctx, c.getInspectionId());
        if (unknown.isPresent()) {
            return unknown.get();
        }
        InspectionRecord inspection = inspection(ctx.state, c.getInspectionId()).orElseThrow();
        if (inspection.getStatus() == InspectionStatus.COMPLETED) {
            return Outcome.Rejected.conflict("INSPECTION_ALREADY_COMPLETED", "inspection " + c.getInspectionId()
                    + " was already completed on " + inspection.getCompletedOn());
        }
        FacilityCompliance next = ctx.copyOrNew();
        InspectionRecord changed = inspection(next, c.getInspectionId()).orElseThrow();
        changed.setStatus(InspectionStatus.COMPLETED);
        changed.setCompletedOn(c.getCompletedOn());
        changed.setViolations(new ArrayList<>(found));
        InspectionCompleted event = InspectionCompleted.newBuilder()
                .setMetadata(ctx.metadata(0))
                .setFacilityId(ctx.facilityId)
                .setRegionCode(next.getRegionCode())
                .setInspectionId(c.getInspectionId())
                .setType(inspection.getType())
                .setCompletedOn(c.getCompletedOn())
                .setViolations(new ArrayList<>(found))
                .build();
        return new Outcome.Accepted<>(next, c.getInspectionId(), List.of(event));
    }

    // ---- fines ---------------------------------------------------------------------------------------------------

    /**
     * The amount's fields against the article ({@link FineSizing}): without an article, or art. 328(1) without an
     * excess mass, the officer sets a positive amount; art. 324 (with the offender's size) and art. 328(1) with an
     * excess mass (positive tonnes of a pollutant with a fee rate) size it, and the officer gives none.
     */
    private void validateAmount(List<FieldViolation> bad, ImposeFine c) {
        FineArticle article = c.getArticle();
        if (article == FineArticle.UNKNOWN) {
            bad.add(violation("article", "must be ART_324 or ART_328_1, or left out"));
            return;
        }
        if (c.getOffenderSize() == OffenderSize.UNKNOWN) {
            bad.add(violation("offenderSize",
                    "must be INDIVIDUAL, SMALL_BUSINESS, MEDIUM_BUSINESS or LARGE_BUSINESS"));
        }
        boolean excessGiven = c.getExcessTonnes() != null || c.getExcessPollutant() != null;
        if (article != FineArticle.ART_328_1 && excessGiven) {
            bad.add(violation(c.getExcessTonnes() != null ? "excessTonnes" : "excessPollutant",
                    "belongs to an art. 328(1) fine (article ART_328_1)"));
        }
        if (FineSizing.articleSizes(article, c.getExcessTonnes())) {
            if (c.getAmountMci() != 0) {
                bad.add(violation("amountMci", "must be left out: " + (article == FineArticle.ART_324
                        ? "art. 324 sets a flat amount by the offender's size"
                        : "an art. 328(1) fine with excessTonnes is sized from the excess mass")));
            }
            if (article == FineArticle.ART_324) {
                if (c.getOffenderSize() == null) {
                    bad.add(violation("offenderSize", "is required for art. 324 (its flat amount depends on it)"));
                }
                return;
            }
            double tonnes = c.getExcessTonnes();
            if (!(tonnes > 0) || Double.isInfinite(tonnes)) {
                bad.add(violation("excessTonnes", "must be a positive number of tonnes"));
            } else if (c.getExcessPollutant() == null) {
                bad.add(violation("excessPollutant", "is required with excessTonnes"));
            } else if (fineSizing.feeRate(c.getExcessPollutant()).isEmpty()) {
                bad.add(violation("excessPollutant", "has no emission fee rate configured, so its excess cannot "
                        + "size the fine; leave excessTonnes out and set amountMci"));
            } else {
                long amount = fineSizing.excessEmission(c.getExcessPollutant(), tonnes).orElseThrow().amountMci();
                if (amount <= 0) {
                    bad.add(violation("excessTonnes", "is too small: the fine comes out below 1 MCI"));
                } else if (amount > MAX_FINE_MCI) {
                    bad.add(violation("excessTonnes", "sizes the fine above " + MAX_FINE_MCI + " MCI"));
                }
            }
            return;
        }
        if (c.getAmountMci() <= 0) {
            bad.add(violation("amountMci", "must be positive" + (article == FineArticle.ART_328_1
                    ? " (an art. 328(1) fine without excessTonnes is set by the officer)" : "")));
        } else if (c.getAmountMci() > MAX_FINE_MCI) {
            bad.add(violation("amountMci", "must be at most " + MAX_FINE_MCI + " MCI"));
        }
    }

    /** The ground a fine command names: null means INSPECTION, as before the ground was recorded. */
    static FineGround groundOf(ImposeFine c) {
        return c.getGround() == null ? FineGround.INSPECTION : c.getGround();
    }

    /**
     * The ground's reference, and only it: INSPECTION names the inspection; AMS_EXCEEDANCE the exceedance episode
     * (and is fined under art. 328(1), exceeding the emission standard); ADMINISTRATIVE_CASE the case.
     */
    private static void validateGround(List<FieldViolation> bad, ImposeFine c) {
        FineGround ground = groundOf(c);
        boolean inspection = c.getInspectionId() != null && !c.getInspectionId().isBlank();
        switch (ground) {
            case INSPECTION -> {
                if (!inspection) {
                    bad.add(violation("inspectionId", "is required for a fine on the ground INSPECTION"));
                }
                if (c.getExceedanceEventId() != null) {
                    bad.add(violation("exceedanceEventId", "belongs to a fine on the ground AMS_EXCEEDANCE"));
                }
                if (c.getCaseReference() != null) {
                    bad.add(violation("caseReference", "belongs to a fine on the ground ADMINISTRATIVE_CASE"));
                }
            }
            case AMS_EXCEEDANCE -> {
                if (inspection) {
                    bad.add(violation("inspectionId", "must be empty: an AMS exceedance fine follows no inspection"));
                }
                notBlank(bad, "exceedanceEventId", c.getExceedanceEventId(),
                        "is required for a fine on the ground AMS_EXCEEDANCE");
                if (c.getCaseReference() != null) {
                    bad.add(violation("caseReference", "belongs to a fine on the ground ADMINISTRATIVE_CASE"));
                }
                if (c.getArticle() == FineArticle.ART_324) {
                    bad.add(violation("article", "must be ART_328_1 or left out: an AMS exceedance exceeds the "
                            + "emission standard"));
                }
            }
            case ADMINISTRATIVE_CASE -> {
                if (inspection) {
                    bad.add(violation("inspectionId", "must be empty: a case fine follows no inspection"));
                }
                notBlank(bad, "caseReference", c.getCaseReference(),
                        "is required for a fine on the ground ADMINISTRATIVE_CASE");
                if (c.getExceedanceEventId() != null) {
                    bad.add(violation("exceedanceEventId", "belongs to a fine on the ground AMS_EXCEEDANCE"));
                }
            }
            default -> bad.add(violation("ground", "must be INSPECTION, AMS_EXCEEDANCE or ADMINISTRATIVE_CASE"));
        }
    }

    /** The amount of a valid fine command and its basis. */
    FineSizing.Sized size(ImposeFine c) {
        if (c.getArticle() == FineArticle.ART_324) {
            return fineSizing.flatRate(c.getOffenderSize());
        }
        if (c.getArticle() == FineArticle.ART_328_1 && c.getExcessTonnes() != null) {
            return fineSizing.excessEmission(c.getExcessPollutant(), c.getExcessTonnes()).orElseThrow();
        }
        return FineSizing.setByOfficer(c.getAmountMci());
    }

    private Outcome<FacilityCompliance> imposeFine(ImposeFine c, Context ctx) {
        long mciKzt = policy.mciKzt(c.getOffenceDate().getYear()).orElseThrow();
        FineGround ground = groundOf(c);
        Optional<Outcome<FacilityCompliance>> refused = ground == FineGround.INSPECTION
                ? inspectionFineRefused(c, ctx)
                : requireKnownFacility(ctx);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (fine(ctx.state, c.getFineId()).isPresent()) {
            return Outcome.Rejected.conflict("FINE_EXISTS", "fine " + c.getFineId() + " already exists");
        }
        if (ground == FineGround.AMS_EXCEEDANCE) {
            String episode = c.getExceedanceEventId();
            Optional<ExceedanceRef> recorded = ctx.state.getEpisodes().stream()
                    .filter(e -> e.getExceedanceEventId().equals(episode)).findFirst();
            if (recorded.isEmpty()) {
                return Outcome.Rejected.notFound("EXCEEDANCE_UNKNOWN", "facility " + ctx.facilityId
                        + " has no recorded exceedance episode " + episode);
            }
            // The same exceedance as a fined one: the episode itself, or one of another limit that started at the same
            // interval of the same source and pollutant (one offence, one fine).
            String exceedance = exceedanceKey(recorded.get());
            Set<String> sameExceedance = new HashSet<>();
            ctx.state.getEpisodes().stream().filter(e -> exceedanceKey(e).equals(exceedance))
                    .forEach(e -> sameExceedance.add(e.getExceedanceEventId()));
            sameExceedance.add(episode);
            Optional<FineRecord> earlier = ctx.state.getFines().stream()
                    .filter(f -> f.getExceedanceEventId() != null && sameExceedance.contains(f.getExceedanceEventId()))
                    .findFirst();
            if (earlier.isPresent()) {
                return Outcome.Rejected.conflict("EXCEEDANCE_ALREADY_FINED", "exceedance episode " + episode
                        + " was already fined (fine " + earlier.get().getFineId() + ")");
            }
        } else if (ground == FineGround.ADMINISTRATIVE_CASE) {
            Optional<FineRecord> earlier = ctx.state.getFines().stream()
                    .filter(f -> c.getCaseReference().equals(f.getCaseReference())).findFirst();
            if (earlier.isPresent()) {
                return Outcome.Rejected.conflict("CASE_ALREADY_FINED", "case " + c.getCaseReference()
                        + " was already decided with fine " + earlier.get().getFineId());
            }
        }
        String inspectionId = ground == FineGround.INSPECTION ? c.getInspectionId() : "";
        FineSizing.Sized sized = size(c);
        long amountKzt = Math.multiplyExact(sized.amountMci(), mciKzt);
        FacilityCompliance next = ctx.copyOrNew();
        next.getFines().add(FineRecord.newBuilder()
                .setFineId(c.getFineId())
                .setInspectionId(inspectionId)
                .setOffenceDate(c.getOffenceDate())
                .setAmountMci(sized.amountMci())
                .setMciKzt(mciKzt)
                .setAmountKzt(amountKzt)
                .setImposedOn(ctx.today)
                .setGround(ground)
                .setExceedanceEventId(c.getExceedanceEventId())
                .setCaseReference(c.getCaseReference())
                .build());
        FineImposed event = FineImposed.newBuilder()
                .setMetadata(ctx.metadata(0))
                .setFacilityId(ctx.facilityId)
                .setRegionCode(next.getRegionCode())
                .setFineId(c.getFineId())
                .setInspectionId(inspectionId)
                .setOffenceDate(c.getOffenceDate())
                .setAmountMci(sized.amountMci())
                .setMciKzt(mciKzt)
                .setAmountKzt(amountKzt)
                .setImposedOn(ctx.today)
                .setArticle(c.getArticle())
                .setAmountBasis(sized.basis())
                .setOffenderSize(c.getOffenderSize())
                .setExcessPollutant(c.getExcessPollutant())
                .setExcessTonnes(c.getExcessTonnes())
                .setFeeRateMciPerTonne(sized.feeRateMciPerTonne() == null ? null
                        : sized.feeRateMciPerTonne().doubleValue())
                .setFeeMultiplePct(sized.feeMultiplePct())
                .setGround(ground)
                .setExceedanceEventId(c.getExceedanceEventId())
                .setCaseReference(c.getCaseReference())
                .build();
        return new Outcome.Accepted<>(next, c.getFineId(), List.of(event));
    }

    /**
     * What makes episodes one exceedance: the source, the pollutant and the interval they start at. Episodes of
     * different limits (concentration, mass rate, annual mass) with the same key count once towards the repeated
     * threshold and are fined once.
     */
    static String exceedanceKey(ExceedanceRef episode) {
        return episode.getSourceId() + "|" + episode.getPollutant() + "|" + episode.getStartedAt().toEpochMilli();
    }

    /** A fine on an inspection's findings: the inspection is completed, found violations, and was not preventive. */
    private static Optional<Outcome<FacilityCompliance>> inspectionFineRefused(ImposeFine c, Context ctx) {
        Optional<Outcome<FacilityCompliance>> unknown = requireInspection(ctx, c.getInspectionId());
        if (unknown.isPresent()) {
            return unknown;
        }
        InspectionRecord inspection = inspection(ctx.state, c.getInspectionId()).orElseThrow();
        if (inspection.getStatus() != InspectionStatus.COMPLETED) {
            return Optional.of(Outcome.Rejected.conflict("INSPECTION_NOT_COMPLETED",
                    "inspection " + c.getInspectionId() + " is not completed; a fine follows its findings"));
        }
        if (inspection.getViolations().isEmpty()) {
            return Optional.of(Outcome.Rejected.conflict("NO_VIOLATIONS",
                    "inspection " + c.getInspectionId() + " found no violations; there is nothing to fine"));
        }
        if (inspection.getType() == InspectionType.PREVENTIVE_VISIT) {
            return Optional.of(Outcome.Rejected.conflict("PREVENTIVE_CONTROL_NOT_FINED", "inspection "
                    + c.getInspectionId() + " was a preventive visit: its findings are remedied by order, not fined"));
        }
        return Optional.empty();
    }

    private Outcome<FacilityCompliance> recordPayment(RecordPayment c, Context ctx) {
        Optional<Outcome<FacilityCompliance>> unknown = requireKnownFacility(ctx);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        Optional<FineRecord> found = fine(ctx.state, c.getFineId());
        if (found.isEmpty()) {
            return Outcome.Rejected.notFound("FINE_UNKNOWN",
                    "facility " + ctx.facilityId + " has no fine " + c.getFineId());
        }
        FineRecord fine = found.get();
        if (fine.getPayments().stream().anyMatch(p -> p.getPaymentId().equals(c.getPaymentId()))) {
            return Outcome.Rejected.conflict("PAYMENT_EXISTS", "payment " + c.getPaymentId() + " is already recorded");
        }
        long outstanding = outstandingKzt(fine);
        if (c.getAmountKzt() > outstanding) {
            return Outcome.Rejected.conflict("OVERPAYMENT", "a payment of " + c.getAmountKzt()
                    + " KZT exceeds the " + outstanding + " KZT outstanding on fine " + c.getFineId());
        }
        FacilityCompliance next = ctx.copyOrNew();
        FineRecord changed = fine(next, c.getFineId()).orElseThrow();
        changed.getPayments().add(Payment.newBuilder()
                .setPaymentId(c.getPaymentId()).setAmountKzt(c.getAmountKzt()).setPaidOn(c.getPaidOn()).build());
        long paid = paidKzt(changed);
        FinePaid event = FinePaid.newBuilder()
                .setMetadata(ctx.metadata(0))
                .setFacilityId(ctx.facilityId)
                .setRegionCode(next.getRegionCode())
                .setFineId(c.getFineId())
                .setPaymentId(c.getPaymentId())
                .setAmountKzt(c.getAmountKzt())
                .setPaidOn(c.getPaidOn())
                .setPaidTotalKzt(paid)
                .setOutstandingKzt(changed.getAmountKzt() - paid)
                .build();
        return new Outcome.Accepted<>(next, c.getPaymentId(), List.of(event));
    }

    /** Tenge paid towards a fine so far. */
    public static long paidKzt(FineRecord fine) {
        return fine.getPayments().stream().mapToLong(Payment::getAmountKzt).sum();
    }

    /** Tenge still to pay on a fine. */
    public static long outstandingKzt(FineRecord fine) {
        return fine.getAmountKzt() - paidKzt(fine);
    }

    // ---- remediation orders --------------------------------------------------------------------------------------

    private Outcome<FacilityCompliance> issueOrder(IssueOrder c, Context ctx) {
        Optional<Outcome<FacilityCompliance>> unknown = requireInspection(ctx, c.getInspectionId());
        if (unknown.isPresent()) {
            return unknown.get();
        }
        InspectionRecord inspection = inspection(ctx.state, c.getInspectionId()).orElseThrow();
        if (inspection.getStatus() != InspectionStatus.COMPLETED) {
            return Outcome.Rejected.conflict("INSPECTION_NOT_COMPLETED",
                    "inspection " + c.getInspectionId() + " is not completed; an order follows its findings");
        }
        if (order(ctx.state, c.getOrderId()).isPresent()) {
            return Outcome.Rejected.conflict("ORDER_EXISTS", "order " + c.getOrderId() + " already exists");
        }
        FacilityCompliance next = ctx.copyOrNew();
        next.getOrders().add(OrderRecord.newBuilder()
                .setOrderId(c.getOrderId())
                .setInspectionId(c.getInspectionId())
                .setDescription(c.getDescription())
                .setIssuedOn(ctx.today)
                .setDueOn(c.getDueOn())
                .setStatus(OrderStatus.OPEN)
                .build());
        OrderIssued event = OrderIssued.newBuilder()
                .setMetadata(ctx.metadata(0))
                .setFacilityId(ctx.facilityId)
                .setRegionCode(next.getRegionCode())
                .setOrderId(c.getOrderId())
                .setInspectionId(c.getInspectionId())
                .setDescription(c.getDescription())
                .setIssuedOn(ctx.today)
                .setDueOn(c.getDueOn())
                .build();
        return new Outcome.Accepted<>(next, c.getOrderId(), List.of(event));
    }

    private Outcome<FacilityCompliance> fulfilOrder(FulfilOrder c, Context ctx) {
        Optional<Outcome<FacilityCompliance>> unknown = requireKnownFacility(ctx);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        Optional<OrderRecord> found = order(ctx.state, c.getOrderId());
        if (found.isEmpty()) {
            return Outcome.Rejected.notFound("ORDER_UNKNOWN",
                    "facility " + ctx.facilityId + " has no order " + c.getOrderId());
        }
        OrderRecord order = found.get();
        if (order.getStatus() == OrderStatus.FULFILLED) {
            return Outcome.Rejected.conflict("ORDER_ALREADY_FULFILLED",
                    "order " + c.getOrderId() + " was already fulfilled on " + order.getFulfilledOn());
        }
        FacilityCompliance next = ctx.copyOrNew();
        OrderRecord changed = order(next, c.getOrderId()).orElseThrow();
        changed.setStatus(OrderStatus.FULFILLED);
        changed.setFulfilledOn(c.getFulfilledOn());
        OrderFulfilled event = OrderFulfilled.newBuilder()
                .setMetadata(ctx.metadata(0))
                .setFacilityId(ctx.facilityId)
                .setRegionCode(next.getRegionCode())
                .setOrderId(c.getOrderId())
                .setFulfilledOn(c.getFulfilledOn())
                .setDueOn(order.getDueOn())
                .setWasOverdue(order.getStatus() == OrderStatus.OVERDUE)
                .build();
        return new Outcome.Accepted<>(next, c.getOrderId(), List.of(event));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Optional<Outcome<FacilityCompliance>> requireKnownFacility(Context ctx) {
        if (ctx.state == null || ctx.state.getRegionCode() == null) {
            return Optional.of(unknownFacility(ctx.facilityId));
        }
        return Optional.empty();
    }

    /** The answer to any command or read for a facility whose registration is not known here. */
    public static Outcome.Rejected<FacilityCompliance> unknownFacility(String facilityId) {
        return Outcome.Rejected.notFound("FACILITY_UNKNOWN",
                "facility " + facilityId + " is not registered (no registration on permit.facilities.v1)");
    }

    private static Optional<Outcome<FacilityCompliance>> requireInspection(Context ctx, String inspectionId) {
        Optional<Outcome<FacilityCompliance>> unknown = requireKnownFacility(ctx);
        if (unknown.isPresent()) {
            return unknown;
        }
        if (inspection(ctx.state, inspectionId).isEmpty()) {
            return Optional.of(Outcome.Rejected.notFound("INSPECTION_UNKNOWN",
                    "facility " + ctx.facilityId + " has no inspection " + inspectionId));
        }
        return Optional.empty();
    }

    /** The facility's open UNSCHEDULED inspection, if any (there is at most one). */
    public static Optional<InspectionRecord> openUnscheduled(FacilityCompliance state) {
        return state.getInspections().stream()
                .filter(i -> i.getType() == InspectionType.UNSCHEDULED && i.getStatus() == InspectionStatus.SCHEDULED)
                .findFirst();
    }

    static Optional<InspectionRecord> inspection(FacilityCompliance state, String inspectionId) {
        return state.getInspections().stream().filter(i -> i.getInspectionId().equals(inspectionId)).findFirst();
    }

    static Optional<FineRecord> fine(FacilityCompliance state, String fineId) {
        return state.getFines().stream().filter(f -> f.getFineId().equals(fineId)).findFirst();
    }

    static Optional<OrderRecord> order(FacilityCompliance state, String orderId) {
        return state.getOrders().stream().filter(o -> o.getOrderId().equals(orderId)).findFirst();
    }

    private static void notBlank(List<FieldViolation> bad, String field, String value, String message) {
        if (value == null || value.isBlank()) {
            bad.add(violation(field, message));
        }
    }

    /** Checks a required day is not after today; returns whether it is present and not in the future. */
    private static boolean notInFuture(List<FieldViolation> bad, String field, LocalDate day, LocalDate today) {
        if (day == null) {
            bad.add(violation(field, "is required"));
            return false;
        }
        if (day.isAfter(today)) {
            bad.add(violation(field, "must not be in the future (today is " + today + ")"));
            return false;
        }
        if (day.isBefore(EARLIEST_DAY)) {
            bad.add(violation(field, "must be on or after " + EARLIEST_DAY));
            return false;
        }
        return true;
    }

    private static FieldViolation violation(String field, String message) {
        return new FieldViolation(field, message, null);
    }

    /** A name-based UUID: the same parts always give the same id, so decisions and their replays agree. */
    public static String derivedId(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What every decision needs: the facility, its state, and the command's context (clock, event metadata). */
    private record Context(String facilityId, FacilityCompliance state, CommandContext command, LocalDate today) {

        Context(String facilityId, FacilityCompliance state, CommandContext command) {
            this(facilityId, state, command, command.today());
        }

        /** A copy of the state to change (Avro builders copy deeply), or a fresh state for an unknown facility. */
        FacilityCompliance copyOrNew() {
            if (state != null) {
                return FacilityCompliance.newBuilder(state).build();
            }
            return FacilityCompliance.newBuilder().setFacilityId(facilityId).build();
        }

        /** Metadata of the n-th event of this decision; its id follows from the command id. */
        EventMetadata metadata(int n) {
            return command.metadata(n);
        }
    }
}

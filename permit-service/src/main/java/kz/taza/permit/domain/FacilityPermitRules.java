package kz.taza.permit.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;

import kz.taza.contracts.permit.KepDeadlines;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.permit.AmendPermit;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.Facility;
import kz.taza.events.permit.FacilityPermitState;
import kz.taza.events.permit.FacilityRegistered;
import kz.taza.events.permit.FacilityUpdated;
import kz.taza.events.permit.IssuePermit;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitAmended;
import kz.taza.events.permit.PermitChange;
import kz.taza.events.permit.PermitExpired;
import kz.taza.events.permit.PermitHistoryEntry;
import kz.taza.events.permit.PermitIssued;
import kz.taza.events.permit.PermitLimit;
import kz.taza.events.permit.PermitReinstated;
import kz.taza.events.permit.PermitRevoked;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitSuspended;
import kz.taza.events.permit.PermitType;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.ReinstatePermit;
import kz.taza.events.permit.RevokePermit;
import kz.taza.events.permit.SuspendPermit;
import kz.taza.events.permit.UpdateFacility;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.Outcome;

/**
 * The rules of the facility registry and the permit lifecycle, for one facility at a time.
 * <ul>
 * <li>A facility is registered once, then updated; an update may not drop a source that the live permit limits, nor
 * move the facility to a category that needs another type of permit than the one it holds.</li>
 * <li>A permit's type follows the category: I KEP, II environmental impact permit, III declaration; Category IV gets
 * none. A Category I facility may instead hold an environmental impact permit that ends before it must hold a KEP
 * ({@link PermitTypes}, the transitional rule); no amendment or facility update may stretch such a permit past that
 * day. Every limit names a source of the facility.</li>
 * <li>At most one live (ACTIVE or SUSPENDED) permit per facility: a new one is issued only when there is none, or the
 * last one was revoked or has expired.</li>
 * <li>Lifecycle: issued (ACTIVE) → amended* → SUSPENDED ↔ ACTIVE (reinstated) → REVOKED | EXPIRED. Only live permits
 * are amended; only ACTIVE ones suspended; only SUSPENDED ones reinstated; REVOKED and EXPIRED are final.</li>
 * <li>A live permit expires once its last valid day (validTo, Kazakhstan time) has passed.</li>
 * <li>A command addresses the facility it is sent for: the key decides which processor owns the facility, so a
 * mismatch would let a command bypass the single writer.</li>
 * </ul>
 * The checks a command must pass on its own are {@link CommandValidation}'s. Plain functions of (command, state,
 * context): the command processor calls them one command at a time per facility, which is what makes "at most one
 * live permit" hold under concurrent requests.
 */
public final class FacilityPermitRules implements CommandRules<SpecificRecord, FacilityPermitState> {

    private final PermitTypes types;

    /** The rules with the Code's KEP deadlines ({@link KepDeadlines#CODE}). */
    public FacilityPermitRules() {
        this(KepDeadlines.CODE);
    }

    public FacilityPermitRules(KepDeadlines deadlines) {
        this.types = new PermitTypes(deadlines);
    }

    @Override
    public List<FieldViolation> validate(SpecificRecord command, LocalDate today) {
        return CommandValidation.violations(command);
    }

    /** Decides on a valid command against the facility's state ({@code null} when the facility is unknown). */
    @Override
    public Outcome<FacilityPermitState> decide(SpecificRecord command, FacilityPermitState state,
            CommandContext context) {
        Objects.requireNonNull(command, "command");
        Object facilityId = command.get(command.getSchema().getField("facilityId").pos());
        if (!context.aggregateId().equals(facilityId)) {
            return Outcome.Rejected.invalid("FACILITY_ID_MISMATCH", "The command addresses facility "
                    + facilityId + " but was sent for " + context.aggregateId(),
                    List.of(new FieldViolation("facilityId", "must be " + context.aggregateId(), null)));
        }
        FacilityPermitState current = state == null ? emptyState() : state;
        if (command instanceof RegisterFacility c) {
            return register(c, current, context);
        } else if (command instanceof UpdateFacility c) {
            return update(c, current, context);
        } else if (command instanceof IssuePermit c) {
            return issue(c, current, context);
        } else if (command instanceof AmendPermit c) {
            return amend(c, current, context);
        } else if (command instanceof SuspendPermit c) {
            return suspend(c, current, context);
        } else if (command instanceof ReinstatePermit c) {
            return reinstate(c, current, context);
        } else if (command instanceof RevokePermit c) {
            return revoke(c, current, context);
        }
        throw new IllegalArgumentException("not a permit command: " + command.getSchema().getFullName());
    }

    /**
     * Expires the facility's live permit if its last valid day has passed by {@code context.now()}; empty when there is
     * nothing to expire. The event ids derive from the permit and its validTo (one cause per permit and validTo), so a
     * repeated check, after a crash before commit, yields the same ids.
     */
    @Override
    public Optional<Outcome.Accepted<FacilityPermitState>> onTick(String facilityId, FacilityPermitState state,
            CommandContext tick) {
        if (state == null || state.getPermit() == null || !isLive(state.getPermit())
                || !tick.today().isAfter(state.getPermit().getValidTo())) {
            return Optional.empty();
        }
        Permit permit = state.getPermit();
        CommandContext context = tick.causedBy("expiry:" + facilityId + ":" + permit.getPermitId() + ":"
                + permit.getValidTo());
        PermitExpired event = PermitExpired.newBuilder()
                .setMetadata(context.metadata(0))
                .setFacilityId(permit.getFacilityId())
                .setPermitId(permit.getPermitId())
                .setValidTo(permit.getValidTo())
                .build();
        Permit expired = Permit.newBuilder(permit)
                .setStatus(PermitStatus.EXPIRED)
                .setUpdatedAt(context.now())
                .setStatusReason("its last valid day, " + permit.getValidTo() + ", has passed")
                .build();
        return Optional.of(permitChanged(state, expired, event, event.getMetadata().getEventId(),
                PermitChange.EXPIRED, null, context));
    }

    /** Whether a permit is live: ACTIVE or SUSPENDED, i.e. it blocks the issue of another one. */
    public static boolean isLive(Permit permit) {
        return permit != null
                && (permit.getStatus() == PermitStatus.ACTIVE || permit.getStatus() == PermitStatus.SUSPENDED);
    }

    private Outcome<FacilityPermitState> register(RegisterFacility c, FacilityPermitState state,
            CommandContext context) {
        if (state.getFacility() != null) {
            return Outcome.Rejected.conflict("FACILITY_ALREADY_REGISTERED",
                    "Facility " + c.getFacilityId() + " is already registered; update it instead");
        }
        Facility facility = Facility.newBuilder()
                .setFacilityId(c.getFacilityId())
                .setOperatorBin(c.getOperatorBin())
                .setOperatorName(c.getOperatorName().strip())
                .setFacilityName(c.getFacilityName().strip())
                .setRegionCode(c.getRegionCode())
                .setCategory(c.getCategory())
                .setSector(c.getSector())
                .setTop50(c.getTop50())
                .setSources(List.copyOf(c.getSources()))
                .setRegisteredAt(context.now())
                .setUpdatedAt(context.now())
                .build();
        FacilityRegistered event = new FacilityRegistered(context.metadata(0), facility);
        FacilityPermitState next = FacilityPermitState.newBuilder(state).setFacility(facility).build();
        return new Outcome.Accepted<>(next, facility.getFacilityId(), List.of(event));
    }

    private Outcome<FacilityPermitState> update(UpdateFacility c, FacilityPermitState state, CommandContext context) {
        Facility before = state.getFacility();
        if (before == null) {
            return facilityNotFound(c.getFacilityId());
        }
        Permit permit = state.getPermit();
        if (isLive(permit)) {
            Optional<PermitType> needed = PermitTypes.forCategory(c.getCategory());
            Optional<PermitTypes.Refusal> refusal = needed.isEmpty() ? Optional.empty()
                    : types.refusal(c.getCategory(), c.getTop50(), permit.getType(), permit.getValidTo());
            if (needed.isEmpty() || refusal.isPresent()) {
                return Outcome.Rejected.conflict("CATEGORY_CONFLICTS_WITH_PERMIT", "Facility " + c.getFacilityId()
                        + " holds " + permit.getType() + " " + permit.getPermitId() + " (" + permit.getStatus()
                        + ", valid to " + permit.getValidTo() + "); " + refusal.map(PermitTypes.Refusal::message)
                                .orElse("Category " + c.getCategory() + " needs no permit")
                        + ". Revoke the permit before changing the category or the top-50 flag");
            }
            Set<String> kept = sourceIds(c.getSources());
            List<FieldViolation> orphaned = new ArrayList<>();
            permit.getLimits().stream().map(PermitLimit::getSourceId).distinct().filter(id -> !kept.contains(id))
                    .forEach(id -> orphaned.add(new FieldViolation("sources", "source " + id
                            + " has limits in permit " + permit.getPermitId() + " and cannot be removed", null)));
            if (!orphaned.isEmpty()) {
                return new Outcome.Rejected<>(RejectionKind.CONFLICT, "SOURCE_HAS_PERMIT_LIMITS",
                        "The update removes sources that the permit " + permit.getPermitId()
                                + " limits; amend the permit first",
                        orphaned);
            }
        }
        Facility after = Facility.newBuilder(before)
                .setOperatorBin(c.getOperatorBin())
                .setOperatorName(c.getOperatorName().strip())
                .setFacilityName(c.getFacilityName().strip())
                .setRegionCode(c.getRegionCode())
                .setCategory(c.getCategory())
                .setSector(c.getSector())
                .setTop50(c.getTop50())
                .setSources(List.copyOf(c.getSources()))
                .build();
        List<String> changed = new ArrayList<>();
        for (String field : List.of("operatorBin", "operatorName", "facilityName", "regionCode", "category",
                "sector", "top50", "sources")) {
            int pos = Facility.SCHEMA$.getField(field).pos();
            if (!Objects.equals(before.get(pos), after.get(pos))) {
                changed.add(field);
            }
        }
        if (changed.isEmpty()) {
            // Nothing to record: the registration already says this.
            return Outcome.Accepted.unchanged(c.getFacilityId());
        }
        after.setUpdatedAt(context.now());
        FacilityUpdated event = new FacilityUpdated(context.metadata(0), after, changed);
        FacilityPermitState next = FacilityPermitState.newBuilder(state).setFacility(after).build();
        return new Outcome.Accepted<>(next, c.getFacilityId(), List.of(event));
    }

    private Outcome<FacilityPermitState> issue(IssuePermit c, FacilityPermitState state, CommandContext context) {
        Facility facility = state.getFacility();
        if (facility == null) {
            return facilityNotFound(c.getFacilityId());
        }
        Optional<PermitType> categoryType = PermitTypes.forCategory(facility.getCategory());
        if (categoryType.isEmpty()) {
            return Outcome.Rejected.invalid("CATEGORY_NEEDS_NO_PERMIT", "Facility " + facility.getFacilityId()
                    + " is Category " + facility.getCategory() + ": only Categories I (KEP), II (environmental "
                    + "impact permit) and III (declaration) are issued permits",
                    List.of(new FieldViolation("facilityId", "facility is Category " + facility.getCategory(), null)));
        }
        Permit current = state.getPermit();
        if (isLive(current)) {
            return Outcome.Rejected.conflict("LIVE_PERMIT_EXISTS", "Facility " + facility.getFacilityId()
                    + " already holds " + current.getType() + " " + current.getPermitId() + " ("
                    + current.getStatus() + "); a facility holds at most one permit at a time: revoke it first, "
                    + "or amend it");
        }
        boolean idUsed = state.getHistory().stream().anyMatch(e -> e.getPermitId().equals(c.getPermitId()));
        if (idUsed) {
            return Outcome.Rejected.conflict("PERMIT_ID_IN_USE",
                    "Permit id " + c.getPermitId() + " was already used for this facility");
        }
        PermitType type = c.getType() != null ? c.getType() : categoryType.get();
        List<FieldViolation> bad = new ArrayList<>(unknownSources(facility, c.getLimits()));
        if (c.getValidTo().isBefore(context.today())) {
            bad.add(new FieldViolation("validTo", "the permit would already have expired (today is "
                    + context.today() + ")", null));
        }
        types.refusal(facility.getCategory(), facility.getTop50(), type, c.getValidTo())
                .ifPresent(r -> bad.add(new FieldViolation(r.field(), r.message(), null)));
        if (!bad.isEmpty()) {
            return Outcome.Rejected.invalid("PERMIT_DOES_NOT_FIT_FACILITY",
                    "The permit does not fit facility " + facility.getFacilityId(), bad);
        }
        Permit permit = Permit.newBuilder()
                .setPermitId(c.getPermitId())
                .setFacilityId(facility.getFacilityId())
                .setType(type)
                .setStatus(PermitStatus.ACTIVE)
                .setValidFrom(c.getValidFrom())
                .setValidTo(c.getValidTo())
                .setLimits(List.copyOf(c.getLimits()))
                .setBatConclusions(List.copyOf(c.getBatConclusions()))
                .setIssuedAt(context.now())
                .setUpdatedAt(context.now())
                .setAmendments(0)
                .setStatusReason(null)
                .build();
        PermitIssued event = new PermitIssued(context.metadata(0), permit);
        return permitChanged(state, permit, event, event.getMetadata().getEventId(), PermitChange.ISSUED, null,
                context);
    }

    private Outcome<FacilityPermitState> amend(AmendPermit c, FacilityPermitState state, CommandContext context) {
        Optional<Outcome<FacilityPermitState>> missing = findPermit(state, c.getFacilityId(), c.getPermitId());
        if (missing.isPresent()) {
            return missing.get();
        }
        Permit before = state.getPermit();
        if (!isLive(before)) {
            return notInStatus(before, "amended", "only an ACTIVE or SUSPENDED permit can be amended; "
                    + "issue a new permit instead");
        }
        LocalDate from = c.getValidFrom() != null ? c.getValidFrom() : before.getValidFrom();
        LocalDate to = c.getValidTo() != null ? c.getValidTo() : before.getValidTo();
        List<FieldViolation> bad = new ArrayList<>();
        if (to.isBefore(from)) {
            bad.add(new FieldViolation(c.getValidTo() != null ? "validTo" : "validFrom",
                    "validTo " + to + " would be before validFrom " + from, null));
        }
        if (c.getValidTo() != null && to.isBefore(context.today())) {
            bad.add(new FieldViolation("validTo", "would end the permit in the past (today is " + context.today()
                    + "); revoke it instead", null));
        }
        if (c.getValidTo() != null) {
            Facility facility = state.getFacility();
            types.refusal(facility.getCategory(), facility.getTop50(), before.getType(), to)
                    .ifPresent(r -> bad.add(new FieldViolation("validTo", r.message(), null)));
        }
        if (c.getLimits() != null) {
            bad.addAll(unknownSources(state.getFacility(), c.getLimits()));
        }
        if (!bad.isEmpty()) {
            return Outcome.Rejected.invalid("AMENDMENT_DOES_NOT_FIT", "The amendment does not fit permit "
                    + before.getPermitId(), bad);
        }
        Permit after = Permit.newBuilder(before)
                .setValidFrom(from)
                .setValidTo(to)
                .setLimits(c.getLimits() != null ? List.copyOf(c.getLimits()) : before.getLimits())
                .setBatConclusions(c.getBatConclusions() != null ? List.copyOf(c.getBatConclusions())
                        : before.getBatConclusions())
                .build();
        List<String> changed = new ArrayList<>();
        for (String field : List.of("validFrom", "validTo", "limits", "batConclusions")) {
            int pos = Permit.SCHEMA$.getField(field).pos();
            if (!Objects.equals(before.get(pos), after.get(pos))) {
                changed.add(field);
            }
        }
        if (changed.isEmpty()) {
            return Outcome.Accepted.unchanged(before.getPermitId());
        }
        after.setAmendments(before.getAmendments() + 1);
        after.setUpdatedAt(context.now());
        PermitAmended event = new PermitAmended(context.metadata(0), after, changed, c.getReason());
        return permitChanged(state, after, event, event.getMetadata().getEventId(), PermitChange.AMENDED,
                c.getReason(), context);
    }

    private Outcome<FacilityPermitState> suspend(SuspendPermit c, FacilityPermitState state, CommandContext context) {
        Optional<Outcome<FacilityPermitState>> missing = findPermit(state, c.getFacilityId(), c.getPermitId());
        if (missing.isPresent()) {
            return missing.get();
        }
        Permit before = state.getPermit();
        if (before.getStatus() != PermitStatus.ACTIVE) {
            return notInStatus(before, "suspended", "only an ACTIVE permit can be suspended");
        }
        PermitSuspended event = new PermitSuspended(context.metadata(0), c.getFacilityId(), c.getPermitId(),
                c.getReason());
        return permitChanged(state, withStatus(before, PermitStatus.SUSPENDED, c.getReason(), context), event,
                event.getMetadata().getEventId(), PermitChange.SUSPENDED, c.getReason(), context);
    }

    private Outcome<FacilityPermitState> reinstate(ReinstatePermit c, FacilityPermitState state,
            CommandContext context) {
        Optional<Outcome<FacilityPermitState>> missing = findPermit(state, c.getFacilityId(), c.getPermitId());
        if (missing.isPresent()) {
            return missing.get();
        }
        Permit before = state.getPermit();
        if (before.getStatus() != PermitStatus.SUSPENDED) {
            return notInStatus(before, "reinstated", "only a SUSPENDED permit can be reinstated"
                    + (before.getStatus() == PermitStatus.ACTIVE ? "" : "; issue a new permit instead"));
        }
        if (context.today().isAfter(before.getValidTo())) {
            return Outcome.Rejected.conflict("PERMIT_VALIDITY_ENDED", "Permit " + before.getPermitId()
                    + " was valid until " + before.getValidTo() + " and cannot be reinstated; issue a new permit");
        }
        PermitReinstated event = new PermitReinstated(context.metadata(0), c.getFacilityId(), c.getPermitId(),
                c.getReason());
        return permitChanged(state, withStatus(before, PermitStatus.ACTIVE, c.getReason(), context), event,
                event.getMetadata().getEventId(), PermitChange.REINSTATED, c.getReason(), context);
    }

    private Outcome<FacilityPermitState> revoke(RevokePermit c, FacilityPermitState state, CommandContext context) {
        Optional<Outcome<FacilityPermitState>> missing = findPermit(state, c.getFacilityId(), c.getPermitId());
        if (missing.isPresent()) {
            return missing.get();
        }
        Permit before = state.getPermit();
        if (!isLive(before)) {
            return notInStatus(before, "revoked", "only an ACTIVE or SUSPENDED permit can be revoked");
        }
        PermitRevoked event = new PermitRevoked(context.metadata(0), c.getFacilityId(), c.getPermitId(),
                c.getReason());
        return permitChanged(state, withStatus(before, PermitStatus.REVOKED, c.getReason(), context), event,
                event.getMetadata().getEventId(), PermitChange.REVOKED, c.getReason(), context);
    }

    private static Outcome.Accepted<FacilityPermitState> permitChanged(FacilityPermitState state, Permit permit,
            SpecificRecord event,
            String eventId, PermitChange change, String reason, CommandContext context) {
        List<PermitHistoryEntry> history = new ArrayList<>(state.getHistory());
        history.add(PermitHistoryEntry.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(context.now())
                .setPermitId(permit.getPermitId())
                .setChange(change)
                .setStatus(permit.getStatus())
                .setValidTo(permit.getValidTo())
                .setReason(reason)
                .build());
        FacilityPermitState next = FacilityPermitState.newBuilder(state).setPermit(permit).setHistory(history).build();
        return new Outcome.Accepted<>(next, permit.getPermitId(), List.of(event));
    }

    private static Permit withStatus(Permit before, PermitStatus status, String reason, CommandContext context) {
        return Permit.newBuilder(before).setStatus(status).setStatusReason(reason).setUpdatedAt(context.now()).build();
    }

    private static Optional<Outcome<FacilityPermitState>> findPermit(FacilityPermitState state, String facilityId,
            String permitId) {
        if (state.getFacility() == null) {
            return Optional.of(facilityNotFound(facilityId));
        }
        Permit permit = state.getPermit();
        if (permit == null || !permit.getPermitId().equals(permitId)) {
            return Optional.of(Outcome.Rejected.notFound("PERMIT_NOT_FOUND", "Permit " + permitId
                    + " is not the current permit of facility " + facilityId
                    + (permit == null ? " (it holds none)" : " (that is " + permit.getPermitId() + ")")));
        }
        return Optional.empty();
    }

    private static Outcome<FacilityPermitState> notInStatus(Permit permit, String action, String rule) {
        String code = switch (permit.getStatus()) {
            case REVOKED -> "PERMIT_REVOKED";
            case EXPIRED -> "PERMIT_EXPIRED";
            case SUSPENDED -> "PERMIT_SUSPENDED";
            case ACTIVE -> "PERMIT_ACTIVE";
            default -> "PERMIT_STATUS_UNKNOWN";
        };
        return Outcome.Rejected.conflict(code, "Permit " + permit.getPermitId() + " is " + permit.getStatus()
                + " and cannot be " + action + ": " + rule);
    }

    /** The answer to any command or read for a facility the registry does not know. */
    public static Outcome.Rejected<FacilityPermitState> facilityNotFound(String facilityId) {
        return Outcome.Rejected.notFound("FACILITY_NOT_REGISTERED", "Facility " + facilityId + " is not registered");
    }

    /** One violation per limit that names a source the facility does not have. */
    public static List<FieldViolation> unknownSources(Facility facility, List<PermitLimit> limits) {
        Set<String> known = sourceIds(facility.getSources());
        List<FieldViolation> bad = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            String sourceId = limits.get(i).getSourceId();
            if (!known.contains(sourceId)) {
                bad.add(new FieldViolation("limits[" + i + "].sourceId", "facility " + facility.getFacilityId()
                        + " has no source '" + sourceId + "'; its sources are " + known, null));
            }
        }
        return bad;
    }

    private static Set<String> sourceIds(List<EmissionSource> sources) {
        return sources.stream().map(EmissionSource::getSourceId).collect(Collectors.toCollection(
                java.util.TreeSet::new));
    }

    private static FacilityPermitState emptyState() {
        return FacilityPermitState.newBuilder().setFacility(null).setPermit(null).setHistory(List.of()).build();
    }
}

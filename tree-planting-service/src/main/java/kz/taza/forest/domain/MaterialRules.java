package kz.taza.forest.domain;

import static kz.taza.forest.domain.ForestRules.violation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.RejectionKind;
import kz.taza.events.forest.CorrectPlantingMaterial;
import kz.taza.events.forest.PlantingMaterialCorrected;
import kz.taza.events.forest.PlantingMaterialKind;
import kz.taza.events.forest.PlantingMaterialPrepared;
import kz.taza.events.forest.PlantingMaterialUnit;
import kz.taza.events.forest.PlantingState;
import kz.taza.events.forest.PreparePlantingMaterial;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.Outcome;

/**
 * Planting material, the groundwork for a coming year's planting: seedlings, saplings and seed that the forestry
 * institutions' nurseries prepare; part of the {@link ForestRules} (the same command topic, processor and state
 * store).
 *
 * <p><b>Shape.</b> A nursery records each <i>lot</i> once (aggregate id {@code material:<lotId>}): its region,
 * institution, nursery, species, kind (SEEDLING or SAPLING counted in pieces, SEED weighed in kilograms; the unit
 * follows from the kind), quantity and the planting year it is for. A later figure for the lot is a
 * <i>correction</i>: it gives the lot's quantity from then on (a recount either way, material lost or culled), which
 * replaces the earlier figure in the KPIs; it is not a difference, so a correction repeated or replayed counts once.
 *
 * <p>On its own ({@link #validate}): a lot has an id, an institution, a nursery, a species, a known region, a kind
 * that is not UNKNOWN, a positive quantity (a whole number of pieces, at most {@link #MAX_LOT_PIECES}; or at most
 * {@link #MAX_LOT_KILOGRAMS} kg), a date from {@link ForestRules#EARLIEST_DATE} not in the future and a planting year
 * from the date's year to {@link #MAX_YEARS_AHEAD} years after it; a correction has an id, a quantity of zero or more
 * and a date.
 *
 * <p>Against the aggregate ({@link #decide}): a lot is recorded once, the first record kept (a repeat with other
 * figures is refused 409 by the gateway's idempotency, or changes nothing when sent under its own key). A correction of
 * a lot never recorded is refused (404 {@link #UNKNOWN_LOT}, naming {@code lotId}); so is one dated before the lot was
 * prepared, and one with a fraction of a piece for seedlings or saplings. A correction giving the quantity, reason and
 * day of the lot's latest correction changes nothing.
 *
 * <p>Assumptions without a published source: a lot is for a planting at most five years ahead (seedlings are grown in
 * one to three years, seed is stored a few years); one lot holds at most 200 million pieces (as one planting report
 * may count trees) or 5,000 t of seed (the published 2,083 t of seed for the Aral seabed is a programme total, not one
 * lot).
 */
public final class MaterialRules {

    /** The most seedlings or saplings one lot may count: as many trees as one planting report may. */
    public static final double MAX_LOT_PIECES = ForestRules.MAX_PLANTING_TREES;
    /** The most seed one lot may weigh: 5,000 t, in kilograms. */
    public static final double MAX_LOT_KILOGRAMS = 5_000_000;
    /** The latest planting year a lot may be for, counted from the year it was prepared in. */
    public static final int MAX_YEARS_AHEAD = 5;

    public static final String UNKNOWN_LOT = "UNKNOWN_LOT";
    public static final String UNKNOWN_KIND = "UNKNOWN_KIND";
    public static final String NOT_WHOLE = "NOT_WHOLE";
    public static final String CORRECTED_BEFORE_PREPARED = "CORRECTED_BEFORE_PREPARED";

    private MaterialRules() {
    }

    /** The aggregate a lot of planting material belongs to. */
    public static String lotAggregateId(String lotId) {
        return "material:" + lotId;
    }

    /** The unit a kind's quantity is in. */
    public static PlantingMaterialUnit unitOf(PlantingMaterialKind kind) {
        return switch (kind) {
            case SEEDLING, SAPLING -> PlantingMaterialUnit.PIECES;
            case SEED -> PlantingMaterialUnit.KILOGRAMS;
            default -> PlantingMaterialUnit.UNKNOWN;
        };
    }

    /** Whether the rules of this class decide the command. */
    static boolean handles(Object command) {
        return command instanceof PreparePlantingMaterial || command instanceof CorrectPlantingMaterial;
    }

    static List<FieldViolation> validate(Object command, LocalDate today) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command instanceof PreparePlantingMaterial c) {
            violations.addAll(ForestRules.checkId("lotId", c.getLotId()));
            ForestRules.text(violations, "forestryInstitution", c.getForestryInstitution());
            ForestRules.text(violations, "nursery", c.getNursery());
            ForestRules.text(violations, "species", c.getSpecies());
            PlantingMaterialKind kind = c.getKind();
            boolean known = kind != null && kind != PlantingMaterialKind.UNKNOWN;
            if (!known) {
                violations.add(violation("kind", UNKNOWN_KIND, "kind must be SEEDLING, SAPLING or SEED"));
            }
            // positive whatever the kind; whole pieces and the maximum need the kind's unit
            if (ForestRules.positive(violations, "quantity", c.getQuantity()) && known) {
                quantityInRange(violations, kind, c.getQuantity());
            }
            ForestRules.notInFuture(violations, "preparedOn", c.getPreparedOn(), today);
            if (c.getPreparedOn() != null) {
                int from = c.getPreparedOn().getYear();
                int year = c.getPlantingYear();
                if (year < from || year > from + MAX_YEARS_AHEAD) {
                    violations.add(violation("plantingYear", ForestRules.YEAR_OUT_OF_RANGE, "plantingYear must be "
                            + "from the year the lot was prepared (" + from + ") to " + MAX_YEARS_AHEAD
                            + " years after it, got " + year));
                }
            }
            ForestRules.regionKnown(violations, c.getRegion());
        } else if (command instanceof CorrectPlantingMaterial c) {
            violations.addAll(ForestRules.checkId("lotId", c.getLotId()));
            double quantity = c.getQuantity();
            if (!(quantity >= 0)) {
                violations.add(violation("quantity", ForestRules.NEGATIVE, "quantity must be zero or more, got "
                        + quantity));
            } else {
                // the unit is the lot's, known only against it; the larger bound here, the lot's in decide
                ForestRules.atMost(violations, "quantity", quantity, Math.max(MAX_LOT_PIECES, MAX_LOT_KILOGRAMS));
            }
            ForestRules.notInFuture(violations, "correctedOn", c.getCorrectedOn(), today);
        }
        return violations;
    }

    /** Pieces are whole and at most {@link #MAX_LOT_PIECES}; kilograms at most {@link #MAX_LOT_KILOGRAMS}. */
    private static void quantityInRange(List<FieldViolation> violations, PlantingMaterialKind kind,
            double quantity) {
        if (unitOf(kind) == PlantingMaterialUnit.PIECES) {
            if (quantity != Math.rint(quantity)) {
                violations.add(violation("quantity", NOT_WHOLE, kind + " is counted in whole pieces, got "
                        + quantity));
            } else {
                ForestRules.atMost(violations, "quantity", quantity, MAX_LOT_PIECES);
            }
        } else {
            ForestRules.atMost(violations, "quantity", quantity, MAX_LOT_KILOGRAMS);
        }
    }

    static Outcome<PlantingState> decide(Object command, PlantingState state, CommandContext context) {
        if (command instanceof PreparePlantingMaterial c) {
            return prepare(c, state, context);
        }
        return correct((CorrectPlantingMaterial) command, state, context);
    }

    /** The lot's quantity now: its latest correction's, or as prepared. */
    public static double currentQuantity(PlantingState state) {
        return state.getMaterialCorrection() != null ? state.getMaterialCorrection().getQuantity()
                : state.getMaterialLot().getQuantity();
    }

    private static Outcome<PlantingState> prepare(PreparePlantingMaterial command, PlantingState state,
            CommandContext context) {
        if (state != null && state.getMaterialLot() != null) {
            // The first record of a lot is kept; a repeat neither replaces it nor counts again.
            return Outcome.Accepted.unchanged(command.getLotId());
        }
        PlantingMaterialPrepared event = PlantingMaterialPrepared.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getPreparedOn())))
                .setLotId(command.getLotId())
                .setRegion(command.getRegion())
                .setForestryInstitution(command.getForestryInstitution())
                .setNursery(command.getNursery())
                .setPlantingYear(command.getPlantingYear())
                .setSpecies(command.getSpecies())
                .setKind(command.getKind())
                .setUnit(unitOf(command.getKind()))
                .setQuantity(command.getQuantity())
                .setPreparedOn(command.getPreparedOn())
                .build();
        PlantingState next = PlantingState.newBuilder().setPlanting(null).setSurveys(new ArrayList<>())
                .setPlan(null).setMaterialLot(event).build();
        return new Outcome.Accepted<>(next, command.getLotId(), List.of(event));
    }

    private static Outcome<PlantingState> correct(CorrectPlantingMaterial command, PlantingState state,
            CommandContext context) {
        PlantingMaterialPrepared lot = state == null ? null : state.getMaterialLot();
        if (lot == null) {
            return new Outcome.Rejected<>(RejectionKind.NOT_FOUND, UNKNOWN_LOT,
                    "no lot " + command.getLotId() + " of planting material has been recorded; record the lot first",
                    List.of(violation("lotId", UNKNOWN_LOT, "unknown lot " + command.getLotId())));
        }
        PlantingMaterialCorrected latest = state.getMaterialCorrection();
        if (latest != null && latest.getQuantity() == command.getQuantity()
                && latest.getReason() == command.getReason()
                && latest.getCorrectedOn().equals(command.getCorrectedOn())) {
            return Outcome.Accepted.unchanged(command.getLotId());
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (command.getCorrectedOn().isBefore(lot.getPreparedOn())) {
            violations.add(violation("correctedOn", CORRECTED_BEFORE_PREPARED, "correctedOn "
                    + command.getCorrectedOn() + " is before the lot was prepared on " + lot.getPreparedOn()));
        }
        if (command.getQuantity() > 0) {
            quantityInRange(violations, lot.getKind(), command.getQuantity());
        }
        if (!violations.isEmpty()) {
            return Outcome.Rejected.invalid(violations);
        }
        PlantingMaterialCorrected event = PlantingMaterialCorrected.newBuilder()
                .setMetadata(context.metadata(0, context.startOf(command.getCorrectedOn())))
                .setLotId(lot.getLotId())
                .setRegion(lot.getRegion())
                .setForestryInstitution(lot.getForestryInstitution())
                .setNursery(lot.getNursery())
                .setPlantingYear(lot.getPlantingYear())
                .setSpecies(lot.getSpecies())
                .setKind(lot.getKind())
                .setUnit(lot.getUnit())
                .setPreparedQuantity(lot.getQuantity())
                .setPreviousQuantity(currentQuantity(state))
                .setQuantity(command.getQuantity())
                .setReason(command.getReason())
                .setCorrectedOn(command.getCorrectedOn())
                .build();
        PlantingState next = PlantingState.newBuilder(state).setMaterialCorrection(event).build();
        return new Outcome.Accepted<>(next, command.getLotId(), List.of(event));
    }
}

package kz.taza.permit.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import kz.taza.contracts.permit.KepDeadlines;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.PermitType;

/**
 * Which permit a facility may hold, by its category (Environmental Code of Kazakhstan, art. 12 and the permit rules):
 * Category I a comprehensive environmental permit (KEP), II an environmental impact permit, III a declaration.
 * Category IV (minimal impact) needs none, so nothing can be issued to it.
 *
 * <p>The transitional rule: a Category I facility may hold an environmental impact permit instead of a KEP until the
 * day it must hold a KEP ({@link KepDeadlines}: the top-50 enterprises' facilities from 2025-01-01, the others from a
 * configured date), so such a permit must end before that day. After it, the facility's only permit is a KEP.
 */
public final class PermitTypes {

    private final KepDeadlines deadlines;

    public PermitTypes(KepDeadlines deadlines) {
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    }

    /** The permit type a category needs (the final one, for Category I the KEP); empty for IV and unknown ones. */
    public static Optional<PermitType> forCategory(FacilityCategory category) {
        if (category == null) {
            return Optional.empty();
        }
        return switch (category) {
            case I -> Optional.of(PermitType.KEP);
            case II -> Optional.of(PermitType.ENVIRONMENTAL_IMPACT_PERMIT);
            case III -> Optional.of(PermitType.DECLARATION);
            default -> Optional.empty();
        };
    }

    /**
     * Why a facility of {@code category} (of a top-50 enterprise or not) may not hold a permit of {@code type} valid to
     * {@code validTo}; empty when it may. The category must be one that is issued permits ({@link #forCategory}).
     */
    public Optional<Refusal> refusal(FacilityCategory category, boolean top50, PermitType type, LocalDate validTo) {
        PermitType needed = forCategory(category).orElseThrow(
                () -> new IllegalArgumentException("Category " + category + " is issued no permit"));
        if (type == needed) {
            return Optional.empty();
        }
        if (category == FacilityCategory.I && type == PermitType.ENVIRONMENTAL_IMPACT_PERMIT) {
            LocalDate deadline = deadlines.forFacility(top50);
            if (validTo.isBefore(deadline)) {
                return Optional.empty();
            }
            return Optional.of(new Refusal("validTo", "a Category I facility" + (top50 ? " of a top-50 enterprise" : "")
                    + " must hold a KEP from " + deadline + ": its environmental impact permit must end by "
                    + deadline.minusDays(1)));
        }
        return Optional.of(new Refusal("type", "Category " + category + " is issued " + needed
                + (category == FacilityCategory.I ? " (or, until it must hold a KEP, an environmental impact permit)"
                        : "") + ", not " + type));
    }

    /** A permit type that does not fit the facility: the field to blame and why. */
    public record Refusal(String field, String message) {
    }
}

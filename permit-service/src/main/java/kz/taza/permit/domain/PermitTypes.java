package kz.taza.permit.domain;

import java.util.Optional;

import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.PermitType;

/**
 * Which permit a facility needs, by its category (Environmental Code of Kazakhstan, art. 12 and the permit rules):
 * Category I a comprehensive environmental permit (KEP), II an environmental impact permit, III a declaration.
 * Category IV (minimal impact) needs none, so nothing can be issued to it.
 */
public final class PermitTypes {

    private PermitTypes() {
    }

    /** The permit type for a category; empty for IV and for categories this code does not know. */
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
}

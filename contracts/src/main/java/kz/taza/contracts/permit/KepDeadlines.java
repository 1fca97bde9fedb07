package kz.taza.contracts.permit;

import java.time.LocalDate;
import java.util.Objects;

/**
 * When a Category I facility must hold a comprehensive environmental permit (KEP). Until then it may run on an
 * environmental impact permit (the transitional rule of the Environmental Code): the Category I facilities of the 50
 * largest enterprises need a KEP from 1 January 2025, the other Category I facilities from a later date. The Code's
 * date for the others was not verified against its text, so it is configurable; {@link #CODE} assumes 1 January
 * 2031.
 *
 * @param top50 the first day on which a top-50 enterprise's Category I facility needs a KEP
 * @param others the first day on which every other Category I facility needs one
 */
public record KepDeadlines(LocalDate top50, LocalDate others) {

    /** 2025-01-01 for the top 50 (the Code), 2031-01-01 for the others (an assumption: see the class doc). */
    public static final KepDeadlines CODE = new KepDeadlines(LocalDate.of(2025, 1, 1), LocalDate.of(2031, 1, 1));

    public KepDeadlines {
        Objects.requireNonNull(top50, "top50");
        Objects.requireNonNull(others, "others");
    }

    /** The first day on which a Category I facility needs a KEP. */
    public LocalDate forFacility(boolean top50Enterprise) {
        return top50Enterprise ? top50 : others;
    }

    /** The last day a Category I facility's environmental impact permit may be valid. */
    public LocalDate lastTransitionalDay(boolean top50Enterprise) {
        return forFacility(top50Enterprise).minusDays(1);
    }
}

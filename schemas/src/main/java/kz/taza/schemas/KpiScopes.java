package kz.taza.schemas;

import java.util.Objects;

import kz.taza.events.common.Pollutant;
import kz.taza.events.common.Region;

/**
 * The scopes a KPI value covers, spelled once: {@code NATIONAL}, {@code REGION:<code>}, {@code POLLUTANT:<code>},
 * {@code SECTOR:<name>}, {@code GROUP:<name>}, {@code CATEGORY:<I..IV>}.
 */
public final class KpiScopes {

    /** The whole country. */
    public static final String NATIONAL = "NATIONAL";
    /** Category I facilities of the 50 largest enterprises: the headline's −50% group. */
    public static final String TOP50_CAT1 = "GROUP:TOP50_CAT1";

    private KpiScopes() {
    }

    /** {@code REGION:55} for PAVLODAR. */
    public static String region(Region region) {
        return "REGION:" + Regions.code(region);
    }

    /** {@code POLLUTANT:SO2}. */
    public static String pollutant(Pollutant pollutant) {
        return "POLLUTANT:" + Objects.requireNonNull(pollutant, "pollutant").name();
    }

    /** {@code SECTOR:energy}. */
    public static String sector(String sector) {
        return "SECTOR:" + requireText(sector, "sector");
    }

    /** {@code GROUP:TOP50_CAT1}. */
    public static String group(String group) {
        return "GROUP:" + requireText(group, "group");
    }

    /** {@code CATEGORY:I} .. {@code CATEGORY:IV}. */
    public static String category(String category) {
        String roman = requireText(category, "category");
        if (!roman.matches("I|II|III|IV")) {
            throw new IllegalArgumentException("category must be I, II, III or IV: " + category);
        }
        return "CATEGORY:" + roman;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}

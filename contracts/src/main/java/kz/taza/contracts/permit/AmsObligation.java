package kz.taza.contracts.permit;

import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.PowerPlantFuel;
import kz.taza.events.permit.SourceKind;

/**
 * Whether an emission source must have automated emission monitoring (AMS): the one place the rule is written.
 *
 * <p>Environmental Code art. 186(4) requires AMS at the main stationary sources of <b>Category I</b> operators
 * (rules: Order No. 208 of 22 Jun 2021). The criteria (domain facts, sections 2 and 9) oblige a source when it is
 * <ul>
 *   <li>an <b>organised</b> source whose annual mass is at least {@value #MIN_TONNES_PER_YEAR} t/yr
 *       ({@link Ground#MASS}), or</li>
 *   <li>an organised source of a <b>power plant</b> of at least {@value #MIN_MW_SOLID_OR_LIQUID} MW on solid or
 *       liquid fuel ({@link Ground#POWER_PLANT_SOLID_OR_LIQUID_FUEL}) or at least {@value #MIN_MW_GAS} MW on gas
 *       ({@link Ground#POWER_PLANT_GAS}), or</li>
 *   <li>a <b>wastewater discharge</b> ({@link Ground#WASTEWATER_DISCHARGE}).</li>
 * </ul>
 * A source of a facility of any other category is never obliged ({@link Ground#NOT_OBLIGED}).
 *
 * <p>Choices where the sources found are silent (each stated in the permit-service README):
 * <ul>
 *   <li>The mass is the source's <b>declared</b> annual mass of all pollutants together
 *       ({@link EmissionSource#getDeclaredTonnesPerYear()}, recorded with the registration), not the sum of the t/yr
 *       limits of the permit in force: the obligation then belongs to the source itself, does not change when a
 *       permit is amended or lapses, and is decidable for a facility that holds no permit yet. A source with no
 *       declared mass is not obliged by mass.</li>
 *   <li>The power-plant thresholds apply to organised sources only (an unorganised source has no stack for an
 *       analyser), and the capacity is the plant's rated capacity in MW as registered; the criteria do not say
 *       electric or thermal.</li>
 *   <li>The thresholds are inclusive ("500 t/yr and more", "50 MW and more").</li>
 * </ul>
 */
public final class AmsObligation {

    /** An organised source of at least this annual mass (t/yr, all pollutants) must have AMS. */
    public static final double MIN_TONNES_PER_YEAR = 500.0;

    /** A power plant on solid or liquid fuel of at least this capacity (MW): its organised sources must have AMS. */
    public static final double MIN_MW_SOLID_OR_LIQUID = 50.0;

    /** A power plant on gas of at least this capacity (MW): its organised sources must have AMS. */
    public static final double MIN_MW_GAS = 500.0;

    /** Why a source must have AMS, the first criterion it meets in the order below, or that it need not. */
    public enum Ground {
        /** A wastewater discharge of a Category I facility. */
        WASTEWATER_DISCHARGE,
        /** An organised source of at least 500 t/yr. */
        MASS,
        /** An organised source of a power plant of at least 50 MW on solid or liquid fuel. */
        POWER_PLANT_SOLID_OR_LIQUID_FUEL,
        /** An organised source of a power plant of at least 500 MW on gas. */
        POWER_PLANT_GAS,
        /** None of the criteria, or a facility outside Category I. */
        NOT_OBLIGED;

        /** Whether this ground obliges the source to have AMS. */
        public boolean obliged() {
            return this != NOT_OBLIGED;
        }
    }

    private AmsObligation() {
    }

    /**
     * The kind of {@code source}: its {@code kind}, or ORGANISED when it has none (every source registered before the
     * field existed was a stack). The field is a nullable union rather than an enum with a default because Avro 1.12
     * decodes an enum default in every builder, which needs the generated classes trusted in that JVM first.
     */
    public static SourceKind kindOf(EmissionSource source) {
        return source.getKind() == null ? SourceKind.ORGANISED : source.getKind();
    }

    /** Whether {@code source}, of a facility of {@code category}, must have AMS. */
    public static boolean obliged(FacilityCategory category, EmissionSource source) {
        return ground(category, source).obliged();
    }

    /** The ground on which {@code source}, of a facility of {@code category}, must have AMS, or NOT_OBLIGED. */
    public static Ground ground(FacilityCategory category, EmissionSource source) {
        if (category != FacilityCategory.I) {
            return Ground.NOT_OBLIGED;
        }
        SourceKind kind = kindOf(source);
        if (kind == SourceKind.WASTEWATER_DISCHARGE) {
            return Ground.WASTEWATER_DISCHARGE;
        }
        if (kind != SourceKind.ORGANISED) {
            return Ground.NOT_OBLIGED;
        }
        Double tonnes = source.getDeclaredTonnesPerYear();
        if (tonnes != null && tonnes >= MIN_TONNES_PER_YEAR) {
            return Ground.MASS;
        }
        Double mw = source.getPowerPlantCapacityMw();
        PowerPlantFuel fuel = source.getPowerPlantFuel();
        if (mw == null || fuel == null) {
            return Ground.NOT_OBLIGED;
        }
        return switch (fuel) {
            case SOLID, LIQUID -> mw >= MIN_MW_SOLID_OR_LIQUID ? Ground.POWER_PLANT_SOLID_OR_LIQUID_FUEL
                    : Ground.NOT_OBLIGED;
            case GAS -> mw >= MIN_MW_GAS ? Ground.POWER_PLANT_GAS : Ground.NOT_OBLIGED;
            case OTHER, UNKNOWN -> Ground.NOT_OBLIGED;
        };
    }
}

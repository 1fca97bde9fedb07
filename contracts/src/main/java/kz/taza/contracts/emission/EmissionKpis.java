package kz.taza.contracts.emission;

import java.util.List;

import kz.taza.events.common.KpiGranularity;
import kz.taza.platform.kpi.KpiDefinition;
import kz.taza.platform.kpi.KpiUnit;
import kz.taza.schemas.KpiScopes;

/**
 * The KPIs emission-service publishes. Two emission series are kept apart on purpose: the reported (permit-based,
 * annual reports) and the measured (AMS) one; neither is merged into the other.
 */
public final class EmissionKpis {

    /** The service that publishes them. */
    public static final String OWNER = "emission-service";

    /** Scopes of the reported series: the facility's registration when the report arrives. */
    private static final String[] REPORTED_SCOPES = {"POLLUTANT:*", "REGION:*", "SECTOR:*", "CATEGORY:*",
        KpiScopes.TOP50_CAT1};
    /** Scopes of the measured series and the exceedances. */
    private static final String[] AMS_SCOPES = {"POLLUTANT:*", "REGION:*"};

    public static final KpiDefinition REPORTED_TONNES = KpiDefinition.kpi("emissions.reported.tonnes")
            .meaning("Tonnes emitted according to the latest version of each annual emission report.")
            .unit(KpiUnit.TONNES)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, REPORTED_SCOPES)
            .owner(OWNER)
            .build();

    public static final KpiDefinition REPORTED_CHANGE_PCT = KpiDefinition.kpi("emissions.reported.change_pct")
            .meaning("Year-on-year change of the reported tonnes in percent: the headline's -6 % nationally and -50 % "
                    + "for the top-50 group.")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, REPORTED_SCOPES)
            .owner(OWNER)
            .build();

    public static final KpiDefinition MEASURED_TONNES = KpiDefinition.kpi("emissions.measured.tonnes")
            .meaning("Tonnes emitted in the VALID AMS intervals of the period (concentration x flow x hours).")
            .unit(KpiUnit.TONNES)
            .per(KpiGranularity.MONTH, KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, AMS_SCOPES)
            .owner(OWNER)
            .build();

    public static final KpiDefinition EXCEEDANCES_COUNT = KpiDefinition.kpi("emissions.exceedances.count")
            .meaning("Exceedance episodes of the permits' concentration limits (mg/Nm3, each VALID AMS interval) "
                    + "started in the period; the mass limits' episodes are counted apart, in "
                    + "emissions.exceedances.mass_rate.count and emissions.exceedances.annual_mass.count.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.MONTH, KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, AMS_SCOPES)
            .owner(OWNER)
            .build();

    public static final KpiDefinition EXCEEDANCES_MASS_RATE_COUNT = KpiDefinition
            .kpi("emissions.exceedances.mass_rate.count")
            .meaning("Exceedance episodes of the permits' mass-rate limits (g/s per source and pollutant: a VALID AMS "
                    + "interval's concentration x flow above the limit) started in the period.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.MONTH, KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, AMS_SCOPES)
            .owner(OWNER)
            .build();

    public static final KpiDefinition EXCEEDANCES_ANNUAL_MASS_COUNT = KpiDefinition
            .kpi("emissions.exceedances.annual_mass.count")
            .meaning("Exceedance episodes of the permits' annual mass limits (t/yr per source and pollutant: the "
                    + "tonnes of the VALID AMS intervals of the calendar year, Kazakhstan time, above the limit) "
                    + "started in the period.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.MONTH, KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, AMS_SCOPES)
            .owner(OWNER)
            .build();

    public static final KpiDefinition DATA_AVAILABILITY_PCT = KpiDefinition.kpi("ams.data_availability_pct")
            .meaning("VALID intervals of the required pollutants received from the AMS-required sources that have "
                    + "AMS installed, as a share of the intervals expected from them; sources obliged to have AMS but "
                    + "without one are not counted here but in ams.sources.obliged_not_installed.")
            .unit(KpiUnit.PERCENT)
            .per(KpiGranularity.DAY, KpiGranularity.MONTH)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition SOURCES_TRANSMITTING = KpiDefinition.kpi("ams.sources.transmitting")
            .meaning("AMS-required sources with at least one VALID interval in the period.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.DAY, KpiGranularity.MONTH)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition SOURCES_OBLIGED_NOT_INSTALLED = KpiDefinition.kpi(
            "ams.sources.obliged_not_installed")
            .meaning("Sources obliged to have AMS (AMS-required in the facility registry) that have none installed, "
                    + "as the registry stands at the latest recount in the period (wall clock, Kazakhstan time).")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.DAY, KpiGranularity.MONTH)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    /*
     * The AMS rollout as the ministry reports it, by enterprise (an operator, by its BIN): 91 obliged, 62 installed,
     * 34 connected (domain facts, section 2, centralasiaclimateportal.org; undated). An enterprise with facilities in
     * several regions is counted in each region it has such sources in, so the regions need not add up to NATIONAL.
     */

    public static final KpiDefinition ENTERPRISES_OBLIGED = KpiDefinition.kpi("ams.enterprises.obliged.count")
            .meaning("Enterprises (operators, by BIN) with at least one source obliged to have AMS (AMS-required in "
                    + "the facility registry), as the registry stands at the latest recount in the period (wall "
                    + "clock, Kazakhstan time); in a REGION, enterprises with such a source at a facility there.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.DAY, KpiGranularity.MONTH)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition ENTERPRISES_INSTALLED = KpiDefinition.kpi("ams.enterprises.installed.count")
            .meaning("Obliged enterprises whose every AMS-required source has AMS installed (an enterprise with a "
                    + "monitor at one obliged stack but not at another is not counted), as the registry stands at the "
                    + "latest recount in the period (wall clock, Kazakhstan time); in a REGION, over its sources at "
                    + "facilities there.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.DAY, KpiGranularity.MONTH)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    public static final KpiDefinition ENTERPRISES_CONNECTED = KpiDefinition.kpi("ams.enterprises.connected.count")
            .meaning("Enterprises whose AMS data reached the regulator in the period: at least one of their "
                    + "AMS-required sources has a VALID interval in it (the interval's day or month, Kazakhstan "
                    + "time), as ams.sources.transmitting counts sources; in a REGION, from their facilities there.")
            .unit(KpiUnit.COUNT)
            .per(KpiGranularity.DAY, KpiGranularity.MONTH)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    /** Scopes of the emission fees: where the fees are due (the facility's region when the report arrives). */
    private static final String[] FEE_SCOPES = {"REGION:*"};

    public static final KpiDefinition FEES_DUE_KZT = KpiDefinition.kpi("emissions.fees.due_kzt")
            .meaning("Emission fees due for the year in tenge, the part redirected to modernisation included: the "
                    + "latest version of each annual report's tonnes times the Tax Code rate of its pollutant (MCI "
                    + "per tonne, article 576) times the MCI of the report's year, pollutants without a configured rate "
                    + "and years without a configured MCI not charged.")
            .unit(KpiUnit.TENGE)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, FEE_SCOPES)
            .owner(OWNER)
            .build();

    public static final KpiDefinition FEES_KEP_REDIRECTED_KZT = KpiDefinition.kpi("emissions.fees.kep_redirected_kzt")
            .meaning("The part of the emission fees due in tenge that is due from facilities holding a comprehensive "
                    + "environmental permit (KEP) in the report's year, and so is not paid as a fee but redirected to "
                    + "the facility's modernisation.")
            .unit(KpiUnit.TENGE)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, FEE_SCOPES)
            .owner(OWNER)
            .build();

    /**
     * The Bureau of National Statistics' published figure ({@link StatisticsBureau}): reference data beside the
     * reported, measured and permitted series, never merged with them.
     */
    public static final KpiDefinition STATISTICS_TONNES = KpiDefinition.kpi("emissions.statistics.tonnes")
            .meaning("Stationary-source emissions as the Bureau of National Statistics published them (reference "
                    + "data beside the reported, measured and permitted series, never merged with them).")
            .unit(KpiUnit.TONNES)
            .per(KpiGranularity.YEAR)
            .scopes(KpiScopes.NATIONAL, "REGION:*")
            .owner(OWNER)
            .build();

    private EmissionKpis() {
    }

    /** Every emission KPI. */
    public static List<KpiDefinition> all() {
        return List.of(REPORTED_TONNES, REPORTED_CHANGE_PCT, MEASURED_TONNES, EXCEEDANCES_COUNT,
                DATA_AVAILABILITY_PCT, SOURCES_TRANSMITTING, FEES_DUE_KZT, FEES_KEP_REDIRECTED_KZT,
                SOURCES_OBLIGED_NOT_INSTALLED, EXCEEDANCES_MASS_RATE_COUNT, EXCEEDANCES_ANNUAL_MASS_COUNT,
                ENTERPRISES_OBLIGED, ENTERPRISES_INSTALLED, ENTERPRISES_CONNECTED, STATISTICS_TONNES);
    }
}

package kz.taza.contracts.emission;

import java.util.List;

import kz.taza.schemas.KpiScopes;

/**
 * The Bureau of National Statistics' stationary-source emissions as published, in kilotonnes: reference data, kept
 * beside the platform's own series (reported, AMS-measured, permitted) and never merged with them. The bureau's
 * figures count every stationary source it surveys, by its own method, so they differ from the sum of the operators'
 * reports (for 2024: the bureau's 2,271.4 kt, +0.6 %, against the ministry's permit-based −6 %).
 *
 * <p>Figures as in the project's domain facts (section 3): national 2018–2022 and 2024 (stat.gov.kz publication
 * 68164; qazinform, 30 Jun 2025); regions for 2022 (stat.gov.kz 68164) and 2024 (qazinform, 30 Jun 2025); Kostanay
 * 2021 (energyprom.kz, citing the bureau). 2023 is left out: only an implied figure (about 2,258 kt) was found.
 */
public final class StatisticsBureau {

    private static final String S11 = "stat.gov.kz publication 68164";
    private static final String S12 = "qazinform, 30 Jun 2025";

    /**
     * One published figure.
     *
     * @param scope  {@code NATIONAL} or {@code REGION:<code>}
     * @param source where it was published
     */
    public record Figure(int year, String scope, double kilotonnes, String source) {

        /** The figure in tonnes, as the KPI is published. */
        public double tonnes() {
            return Math.round(kilotonnes * 1_000.0 * 10.0) / 10.0;
        }
    }

    /** Every figure, national first, then by year and region code. */
    public static final List<Figure> FIGURES = List.of(
            national(2018, 2_446.7, S11),
            national(2019, 2_483.1, S11),
            national(2020, 2_441.0, S11),
            national(2021, 2_407.5, S11),
            national(2022, 2_314.7, S11),
            national(2024, 2_271.4, S12),
            region(2021, "39", 137.9, "energyprom.kz, citing the bureau"),
            region(2022, "10", 39.0, S11),
            region(2022, "11", 69.5, S11),
            region(2022, "15", 136.5, S11),
            region(2022, "19", 28.8, S11),
            region(2022, "23", 132.1, S11),
            region(2022, "27", 25.8, S11),
            region(2022, "31", 52.9, S11),
            region(2022, "33", 13.1, S11),
            region(2022, "35", 469.0, S11),
            region(2022, "55", 724.2, S11),
            region(2024, "33", 15.4, S12),
            region(2024, "35", 455.0, S12),
            region(2024, "43", 24.9, S12),
            region(2024, "55", 694.2, S12),
            region(2024, "61", 26.3, S12),
            region(2024, "71", 49.1, S12),
            region(2024, "75", 43.3, S12),
            region(2024, "79", 29.3, S12));

    private StatisticsBureau() {
    }

    private static Figure national(int year, double kt, String source) {
        return new Figure(year, KpiScopes.NATIONAL, kt, source);
    }

    private static Figure region(int year, String code, double kt, String source) {
        return new Figure(year, "REGION:" + code, kt, source);
    }
}

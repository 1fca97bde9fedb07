package kz.taza.permit.topology;

import static kz.taza.permit.support.Commands.amendLimits;
import static kz.taza.permit.support.Commands.issue;
import static kz.taza.permit.support.Commands.limit;
import static kz.taza.permit.support.Commands.register;
import static kz.taza.permit.support.Commands.reinstate;
import static kz.taza.permit.support.Commands.revoke;
import static kz.taza.permit.support.Commands.suspend;
import static kz.taza.permit.support.Commands.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import kz.taza.events.common.KpiGranularity;
import kz.taza.events.common.Pollutant;
import kz.taza.events.common.KpiValue;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.RegisterFacility;
import kz.taza.events.permit.UpdateFacility;
import kz.taza.permit.support.CommandDriver;
import kz.taza.schemas.KpiKeys;

/**
 * The permit KPIs follow every change: active permits NATIONAL and per PERMIT_TYPE, KEP coverage of CATEGORY:I and
 * GROUP:TOP50_CAT1; suspending or revoking a KEP takes it out, reinstating puts it back, and a facility joining the
 * top-50 group widens the coverage's denominator; the permitted series sums the t/yr limits of the active permits.
 * Values are filed under the YEAR of the change (Kazakhstan time).
 */
class PermitKpiTopologyTest {

    static final Instant START = Instant.parse("2025-03-01T06:00:00Z");
    static final LocalDate YEAR_2025 = LocalDate.of(2025, 1, 1);

    CommandDriver driver;
    final Map<String, KpiValue> latest = new HashMap<>();

    @BeforeEach
    void start() {
        driver = new CommandDriver(START);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private KpiValue kpi(String kpiId, String scope) {
        driver.kpis().forEach(kv -> latest.put(kv.key, kv.value));
        return latest.get(KpiKeys.key(kpiId, scope, KpiGranularity.YEAR, YEAR_2025));
    }

    private double activeCount(String scope) {
        return kpi("permits.active.count", scope).getValue();
    }

    private double coverage(String scope) {
        return kpi("permits.kep_coverage_pct", scope).getValue();
    }

    @Test
    void activePermitsAreCountedNationallyAndByTypeAndLeaveTheCountWhenSuspendedOrRevoked() {
        driver.send(register("F-1", FacilityCategory.I, true));
        driver.send(register("F-3", FacilityCategory.II, false));

        driver.send(issue("F-1", "KEP-1"));
        driver.send(issue("F-3", "EIP-3"));

        assertThat(activeCount("NATIONAL")).isEqualTo(2.0);
        assertThat(activeCount("PERMIT_TYPE:KEP")).isEqualTo(1.0);
        assertThat(activeCount("PERMIT_TYPE:ENVIRONMENTAL_IMPACT_PERMIT")).isEqualTo(1.0);
        KpiValue value = kpi("permits.active.count", "PERMIT_TYPE:KEP");
        assertThat(value.getUnit()).isEqualTo("count");
        assertThat(value.getDataAsOf()).isEqualTo(START);

        driver.send(suspend("F-1", "KEP-1"));
        assertThat(activeCount("PERMIT_TYPE:KEP")).isZero();
        assertThat(activeCount("NATIONAL")).isEqualTo(1.0);

        driver.send(reinstate("F-1", "KEP-1"));
        assertThat(activeCount("PERMIT_TYPE:KEP")).isEqualTo(1.0);

        driver.send(revoke("F-3", "EIP-3"));
        assertThat(activeCount("PERMIT_TYPE:ENVIRONMENTAL_IMPACT_PERMIT")).isZero();
        assertThat(activeCount("NATIONAL")).isEqualTo(1.0);
    }

    @Test
    void kepCoverageIsTheShareOfFacilitiesInScopeHoldingAnActiveKep() {
        driver.send(register("F-1", FacilityCategory.I, true));
        RegisterFacility second = register("F-2", FacilityCategory.I, false);
        driver.send(second);
        driver.send(register("F-3", FacilityCategory.II, true)); // top-50 but not Category I: out of both scopes

        driver.send(issue("F-1", "KEP-1"));

        assertThat(coverage("CATEGORY:I")).isEqualTo(50.0);
        assertThat(kpi("permits.kep_coverage_pct", "CATEGORY:I").getInputEvents()).isEqualTo(2);
        assertThat(kpi("permits.kep_coverage_pct", "CATEGORY:I").getTarget()).isNull();
        assertThat(coverage("GROUP:TOP50_CAT1")).isEqualTo(100.0);
        assertThat(kpi("permits.kep_coverage_pct", "GROUP:TOP50_CAT1").getTarget()).isEqualTo(100.0);

        // F-2 joins the top-50 group without a KEP: the group's coverage halves
        UpdateFacility joins = update(second);
        joins.setTop50(true);
        driver.send(joins);
        assertThat(coverage("GROUP:TOP50_CAT1")).isEqualTo(50.0);
        assertThat(kpi("permits.kep_coverage_pct", "GROUP:TOP50_CAT1").getInputEvents()).isEqualTo(2);

        // a suspended KEP does not cover
        driver.send(suspend("F-1", "KEP-1"));
        assertThat(coverage("GROUP:TOP50_CAT1")).isZero();
        assertThat(coverage("CATEGORY:I")).isZero();

        driver.send(reinstate("F-1", "KEP-1"));
        driver.send(issue("F-2", "KEP-2"));
        assertThat(coverage("GROUP:TOP50_CAT1")).isEqualTo(100.0);
        assertThat(coverage("CATEGORY:I")).isEqualTo(100.0);
    }

    @Test
    void anExpiredKepStopsCoveringAndTheValueIsFiledUnderTheYearOfTheChange() {
        driver.send(register("F-1", FacilityCategory.I, true));
        driver.send(issue("F-1", "KEP-1", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
        assertThat(coverage("GROUP:TOP50_CAT1")).isEqualTo(100.0);

        // 2026 begins in Kazakhstan (19:00 UTC on 31 December); the permit expires with the next check
        driver.advance(Duration.between(START, Instant.parse("2025-12-31T19:00:00Z")).plus(Duration.ofMinutes(2)));

        driver.kpis().forEach(kv -> latest.put(kv.key, kv.value));
        KpiValue in2026 = latest.get(KpiKeys.key("permits.kep_coverage_pct", "GROUP:TOP50_CAT1",
                KpiGranularity.YEAR, LocalDate.of(2026, 1, 1)));
        assertThat(in2026).isNotNull();
        assertThat(in2026.getValue()).isZero();
        // the 2025 value stays what it was at the end of 2025
        assertThat(latest.get(KpiKeys.key("permits.kep_coverage_pct", "GROUP:TOP50_CAT1", KpiGranularity.YEAR,
                YEAR_2025)).getValue()).isEqualTo(100.0);
    }

    @Test
    void thePermittedSeriesSumsTheTonnesPerYearOfActivePermitsNationallyByRegionAndByPollutant() {
        driver.send(register("F-1", FacilityCategory.I, true));
        driver.send(RegisterFacility.newBuilder(register("F-3", FacilityCategory.II, false)).setRegionCode("35")
                .build());
        driver.send(issue("F-1", "KEP-1")); // SO2 3,500 + DUST 400 + NOX 2,100 t/yr
        driver.send(issue("F-3", "EIP-3"));

        assertThat(permitted("NATIONAL")).isEqualTo(12_000.0);
        assertThat(permitted("REGION:55")).isEqualTo(6_000.0);
        assertThat(permitted("REGION:35")).isEqualTo(6_000.0);
        assertThat(permitted("POLLUTANT:SO2")).isEqualTo(7_000.0);
        KpiValue national = kpi("emissions.permitted.tonnes", "NATIONAL");
        assertThat(national.getUnit()).isEqualTo("t");
        assertThat(national.getInputEvents()).isEqualTo(2);

        // an amendment moves the figures by the difference, to the gram
        driver.send(amendLimits("F-1", "KEP-1", List.of(limit("STACK-1", Pollutant.SO2, 120.0, 3_000.000001, 500.0),
                limit("STACK-1", Pollutant.DUST, 15.0, 400.0, 50.0),
                limit("STACK-2", Pollutant.NOX, 80.0, 2_100.0, null))));
        assertThat(permitted("NATIONAL")).isEqualTo(11_500.000001);
        assertThat(permitted("POLLUTANT:SO2")).isEqualTo(6_500.000001);

        // a suspended permit leaves the series; only the figures that changed are published again
        driver.kpis().forEach(kv -> latest.put(kv.key, kv.value));
        driver.send(suspend("F-3", "EIP-3"));
        var afterSuspension = driver.kpis();
        afterSuspension.forEach(kv -> latest.put(kv.key, kv.value));
        List<String> republished = afterSuspension.stream().map(kv -> kv.key)
                .filter(key -> key.startsWith("emissions.permitted.tonnes|")).toList();
        assertThat(republished).containsExactlyInAnyOrder(
                KpiKeys.key("emissions.permitted.tonnes", "NATIONAL", KpiGranularity.YEAR, YEAR_2025),
                KpiKeys.key("emissions.permitted.tonnes", "REGION:35", KpiGranularity.YEAR, YEAR_2025),
                KpiKeys.key("emissions.permitted.tonnes", "POLLUTANT:SO2", KpiGranularity.YEAR, YEAR_2025),
                KpiKeys.key("emissions.permitted.tonnes", "POLLUTANT:DUST", KpiGranularity.YEAR, YEAR_2025),
                KpiKeys.key("emissions.permitted.tonnes", "POLLUTANT:NOX", KpiGranularity.YEAR, YEAR_2025));
        assertThat(permitted("REGION:35")).isZero();
        assertThat(permitted("NATIONAL")).isEqualTo(5_500.000001);

        // reinstated, it counts again; the other one revoked, its region falls to zero and the totals are exact
        driver.send(reinstate("F-3", "EIP-3"));
        driver.send(revoke("F-1", "KEP-1"));
        assertThat(permitted("REGION:55")).isZero();
        assertThat(permitted("NATIONAL")).isEqualTo(6_000.0);
        assertThat(permitted("POLLUTANT:SO2")).isEqualTo(3_500.0);
        assertThat(kpi("emissions.permitted.tonnes", "NATIONAL").getInputEvents()).isEqualTo(1);
    }

    private double permitted(String scope) {
        KpiValue value = kpi("emissions.permitted.tonnes", scope);
        assertThat(value).as("emissions.permitted.tonnes for " + scope).isNotNull();
        return value.getValue();
    }
}

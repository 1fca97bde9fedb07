package kz.taza.contracts.permit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.permit.AmsObligation.Ground;
import kz.taza.events.permit.EmissionSource;
import kz.taza.events.permit.FacilityCategory;
import kz.taza.events.permit.PowerPlantFuel;
import kz.taza.events.permit.SourceKind;

class AmsObligationTest {

    private static EmissionSource.Builder source(SourceKind kind) {
        return EmissionSource.newBuilder().setSourceId("STACK-1").setName("Stack 1").setAmsRequired(false)
                .setAmsInstalled(false).setKind(kind);
    }

    private static EmissionSource stack(double declaredTonnes) {
        return source(SourceKind.ORGANISED).setDeclaredTonnesPerYear(declaredTonnes).build();
    }

    private static EmissionSource plantStack(double mw, PowerPlantFuel fuel) {
        return source(SourceKind.ORGANISED).setDeclaredTonnesPerYear(10.0).setPowerPlantCapacityMw(mw)
                .setPowerPlantFuel(fuel).build();
    }

    @Test
    void anOrganisedSourceIsObligedFrom500TonnesAYearOfItsDeclaredMass() {
        assertThat(AmsObligation.ground(FacilityCategory.I, stack(499.9))).isEqualTo(Ground.NOT_OBLIGED);
        assertThat(AmsObligation.ground(FacilityCategory.I, stack(500.0))).isEqualTo(Ground.MASS);
        assertThat(AmsObligation.obliged(FacilityCategory.I, stack(12_000.0))).isTrue();
    }

    @Test
    void aSourceWithNoDeclaredMassIsNotObligedByMass() {
        EmissionSource undeclared = source(SourceKind.ORGANISED).build();
        assertThat(undeclared.getDeclaredTonnesPerYear()).isNull();
        assertThat(AmsObligation.obliged(FacilityCategory.I, undeclared)).isFalse();
    }

    @Test
    void anUnorganisedSourceIsNotObligedWhateverItsMassOrPlant() {
        EmissionSource fugitive = source(SourceKind.UNORGANISED).setDeclaredTonnesPerYear(5_000.0)
                .setPowerPlantCapacityMw(1_000.0).setPowerPlantFuel(PowerPlantFuel.SOLID).build();
        assertThat(AmsObligation.ground(FacilityCategory.I, fugitive)).isEqualTo(Ground.NOT_OBLIGED);
    }

    @Test
    void aPowerPlantOnSolidOrLiquidFuelObligesItsStacksFrom50Megawatts() {
        assertThat(AmsObligation.ground(FacilityCategory.I, plantStack(49.0, PowerPlantFuel.SOLID)))
                .isEqualTo(Ground.NOT_OBLIGED);
        assertThat(AmsObligation.ground(FacilityCategory.I, plantStack(50.0, PowerPlantFuel.SOLID)))
                .isEqualTo(Ground.POWER_PLANT_SOLID_OR_LIQUID_FUEL);
        assertThat(AmsObligation.ground(FacilityCategory.I, plantStack(49.0, PowerPlantFuel.LIQUID)))
                .isEqualTo(Ground.NOT_OBLIGED);
        assertThat(AmsObligation.ground(FacilityCategory.I, plantStack(50.0, PowerPlantFuel.LIQUID)))
                .isEqualTo(Ground.POWER_PLANT_SOLID_OR_LIQUID_FUEL);
    }

    @Test
    void aPowerPlantOnGasObligesItsStacksFrom500Megawatts() {
        assertThat(AmsObligation.ground(FacilityCategory.I, plantStack(499.0, PowerPlantFuel.GAS)))
                .isEqualTo(Ground.NOT_OBLIGED);
        assertThat(AmsObligation.ground(FacilityCategory.I, plantStack(500.0, PowerPlantFuel.GAS)))
                .isEqualTo(Ground.POWER_PLANT_GAS);
    }

    @Test
    void aPowerPlantOnAnotherFuelOrWithoutAFuelIsNotObligedByCapacity() {
        assertThat(AmsObligation.obliged(FacilityCategory.I, plantStack(2_000.0, PowerPlantFuel.OTHER))).isFalse();
        EmissionSource noFuel = source(SourceKind.ORGANISED).setPowerPlantCapacityMw(2_000.0).build();
        assertThat(AmsObligation.obliged(FacilityCategory.I, noFuel)).isFalse();
    }

    @Test
    void aWastewaterDischargeIsObligedWhateverItsMass() {
        EmissionSource discharge = source(SourceKind.WASTEWATER_DISCHARGE).build();
        assertThat(AmsObligation.ground(FacilityCategory.I, discharge)).isEqualTo(Ground.WASTEWATER_DISCHARGE);
    }

    @Test
    void onlyCategoryIFacilitiesAreObliged() {
        EmissionSource discharge = source(SourceKind.WASTEWATER_DISCHARGE).build();
        for (FacilityCategory other : new FacilityCategory[] {FacilityCategory.II, FacilityCategory.III,
                FacilityCategory.IV, FacilityCategory.UNKNOWN}) {
            assertThat(AmsObligation.ground(other, stack(500.0))).as("category %s, 500 t", other)
                    .isEqualTo(Ground.NOT_OBLIGED);
            assertThat(AmsObligation.ground(other, plantStack(50.0, PowerPlantFuel.SOLID)))
                    .as("category %s, 50 MW solid", other).isEqualTo(Ground.NOT_OBLIGED);
            assertThat(AmsObligation.ground(other, discharge)).as("category %s, wastewater", other)
                    .isEqualTo(Ground.NOT_OBLIGED);
        }
    }

    @Test
    void aSourceRegisteredBeforeTheKindExistedIsAStack() {
        // a source written with EmissionSource v1 decodes with no kind: a stack
        EmissionSource legacy = EmissionSource.newBuilder().setSourceId("STACK-1").setName("Stack 1")
                .setAmsRequired(true).setAmsInstalled(true).setDeclaredTonnesPerYear(600.0).build();
        assertThat(legacy.getKind()).isNull();
        assertThat(AmsObligation.kindOf(legacy)).isEqualTo(SourceKind.ORGANISED);
        assertThat(AmsObligation.ground(FacilityCategory.I, legacy)).isEqualTo(Ground.MASS);
    }
}

package kz.taza.permit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.permit.domain.CommandValidation;

/**
 * How a request becomes its command: the region code as the registry keeps it, the permit type as the rules read it,
 * a source's AMS obligation as the rule decides it.
 */
class RequestCommandsTest {

    private static final List<Requests.Source> STACK = List.of(new Requests.Source("STACK-1", "Stack 1", true, true,
            null, null, null, null));

    @Test
    void aRegionCodeWithSurroundingSpacesIsStoredAsTheRegionsCode() {
        var registered = RequestCommands.register(new Requests.RegisterFacility("KZ-55-0001", "990240001234",
                "Pavlodar Energy JSC", "Pavlodar CHP-2", " 55 ", "I", "energy", true, STACK));
        var updated = RequestCommands.update("KZ-55-0001", new Requests.UpdateFacility("990240001234",
                "Pavlodar Energy JSC", "Pavlodar CHP-2", "55\t", "I", "energy", true, STACK));

        assertThat(registered.violations()).isEmpty();
        assertThat(registered.command().getRegionCode()).isEqualTo("55");
        assertThat(CommandValidation.violations(registered.command())).isEmpty();
        assertThat(updated.command().getRegionCode()).isEqualTo("55");
        assertThat(CommandValidation.violations(updated.command())).isEmpty();
    }

    @Test
    void anUnknownOrMissingRegionCodeIsStillRefusedNamingTheField() {
        var unknown = RequestCommands.register(new Requests.RegisterFacility("KZ-55-0001", "990240001234",
                "Pavlodar Energy JSC", "Pavlodar CHP-2", " 99 ", "I", "energy", true, STACK));
        var missing = RequestCommands.register(new Requests.RegisterFacility("KZ-55-0001", "990240001234",
                "Pavlodar Energy JSC", "Pavlodar CHP-2", null, "I", "energy", true, STACK));

        assertThat(CommandValidation.violations(unknown.command())).extracting(v -> v.getField())
                .containsExactly("regionCode");
        assertThat(CommandValidation.violations(missing.command())).extracting(v -> v.getField())
                .containsExactly("regionCode");
    }

    @Test
    void aPermitsTypeIsOptionalAndAnUnknownOneIsRefusedNamingTheField() {
        List<Requests.Limit> limits = List.of(new Requests.Limit("STACK-1", "SO2", 1.0, null, null));
        java.time.LocalDate from = java.time.LocalDate.of(2026, 1, 1);
        java.time.LocalDate to = java.time.LocalDate.of(2030, 12, 31);

        var absent = RequestCommands.issue("KZ-55-0001", "EIP-1", new Requests.IssuePermit(null, from, to, limits,
                null, null));
        var given = RequestCommands.issue("KZ-55-0001", "EIP-1", new Requests.IssuePermit(null, from, to, limits,
                null, " ENVIRONMENTAL_IMPACT_PERMIT "));
        var unknown = RequestCommands.issue("KZ-55-0001", "EIP-1", new Requests.IssuePermit(null, from, to, limits,
                null, "LICENCE"));
        var reserved = RequestCommands.issue("KZ-55-0001", "EIP-1", new Requests.IssuePermit(null, from, to, limits,
                null, "UNKNOWN"));

        assertThat(absent.violations()).isEmpty();
        assertThat(absent.command().getType()).isNull();
        assertThat(given.violations()).isEmpty();
        assertThat(given.command().getType()).isEqualTo(kz.taza.events.permit.PermitType.ENVIRONMENTAL_IMPACT_PERMIT);
        assertThat(unknown.violations()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("type");
            assertThat(v.getMessage()).contains("LICENCE");
        });
        assertThat(reserved.violations()).extracting(v -> v.getField()).containsExactly("type");
    }

    @Test
    void aSourceSentWithoutAmsRequiredGetsWhatTheObligationRuleDecides() {
        List<Requests.Source> sources = List.of(
                source("STACK-1", null, "ORGANISED", 1_200.0, null, null),          // by mass
                source("STACK-2", null, null, 120.0, 65.0, "SOLID"),                // a coal plant's stack
                source("STACK-3", null, null, 120.0, 300.0, "GAS"),                 // a gas plant below 500 MW
                source("OUTFALL-1", null, "WASTEWATER_DISCHARGE", null, null, null), // a discharge
                source("YARD-1", null, "UNORGANISED", 2_000.0, null, null),         // fugitive: no analyser
                source("STACK-4", true, null, 10.0, null, null));                   // required by choice
        var category1 = RequestCommands.register(facility("I", sources));
        var category2 = RequestCommands.register(facility("II", sources));

        assertThat(category1.violations()).isEmpty();
        assertThat(CommandValidation.violations(category1.command())).isEmpty();
        assertThat(category1.command().getSources()).extracting(s -> s.getAmsRequired())
                .containsExactly(true, true, false, true, false, true);
        assertThat(category1.command().getSources().get(1).getPowerPlantFuel())
                .isEqualTo(kz.taza.events.permit.PowerPlantFuel.SOLID);
        // Outside Category I nothing is obliged; a source may still be required by choice.
        assertThat(category2.command().getSources()).extracting(s -> s.getAmsRequired())
                .containsExactly(false, false, false, false, false, true);
    }

    @Test
    void anObligedSourceRegisteredAsNotRequiringAmsAndBadAttributesAreRefusedNamingTheField() {
        var obliged = RequestCommands.register(facility("I", List.of(
                source("STACK-1", false, null, 500.0, null, null))));
        var update = RequestCommands.update("KZ-55-0001", new Requests.UpdateFacility("990240001234",
                "Pavlodar Energy JSC", "Pavlodar CHP-2", "55", "I", "energy", true,
                List.of(source("OUTFALL-1", false, "WASTEWATER_DISCHARGE", null, null, null))));
        var bad = RequestCommands.register(facility("I", List.of(
                source("STACK-1", true, "CHIMNEY", -1.0, null, null),
                source("STACK-2", true, null, null, 80.0, null),
                source("STACK-3", true, null, null, -5.0, "GAS"),
                source("STACK-4", true, null, null, null, "PEAT"))));

        assertThat(CommandValidation.violations(obliged.command())).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("sources[0].amsRequired");
            assertThat(v.getMessage()).contains("MASS");
        });
        assertThat(CommandValidation.violations(update.command())).extracting(v -> v.getField())
                .containsExactly("sources[0].amsRequired");
        assertThat(bad.violations()).extracting(v -> v.getField())
                .containsExactlyInAnyOrder("sources[0].kind", "sources[3].powerPlantFuel");
        assertThat(CommandValidation.violations(bad.command())).extracting(v -> v.getField())
                .containsExactlyInAnyOrder("sources[0].declaredTonnesPerYear", "sources[1].powerPlantFuel",
                        "sources[2].powerPlantCapacityMw");
    }

    private static Requests.RegisterFacility facility(String category, List<Requests.Source> sources) {
        return new Requests.RegisterFacility("KZ-55-0001", "990240001234", "Pavlodar Energy JSC", "Pavlodar CHP-2",
                "55", category, "energy", true, sources);
    }

    private static Requests.Source source(String id, Boolean amsRequired, String kind, Double tonnes, Double mw,
            String fuel) {
        return new Requests.Source(id, id, amsRequired, false, kind, tonnes, mw, fuel);
    }
}

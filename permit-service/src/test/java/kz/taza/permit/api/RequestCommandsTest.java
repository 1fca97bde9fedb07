package kz.taza.permit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kz.taza.permit.domain.CommandValidation;

/**
 * How a request becomes its command: the region code as the registry keeps it, the permit type as the rules read it.
 */
class RequestCommandsTest {

    private static final List<Requests.Source> STACK = List.of(new Requests.Source("STACK-1", "Stack 1", true, true));

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
}

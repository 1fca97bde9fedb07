package kz.taza.archfixture.events.permit;

/** Breaks no rule: a domain's event record. */
public record FixturePermitEvent(String facilityId) {
}

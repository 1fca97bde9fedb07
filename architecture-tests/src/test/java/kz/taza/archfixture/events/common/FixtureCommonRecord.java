package kz.taza.archfixture.events.common;

/** Breaks no rule: a record shared by every domain. */
public record FixtureCommonRecord(String eventId) {
}

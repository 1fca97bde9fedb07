package kz.taza.archfixture.platform.kafka;

import kz.taza.archfixture.events.permit.FixturePermitEvent;

/** Wrong: platform code that knows one domain's events. */
public final class LeakyPlatform {

    public String id(FixturePermitEvent event) {
        return event.facilityId();
    }
}

package kz.taza.archfixture.contracts;

import kz.taza.archfixture.platform.kafka.LeakyPlatform;

/** Wrong: a contract that depends on the platform's wiring rather than only on its topic and KPI types. */
public final class WiringContract {

    public LeakyPlatform wiring() {
        return new LeakyPlatform();
    }
}

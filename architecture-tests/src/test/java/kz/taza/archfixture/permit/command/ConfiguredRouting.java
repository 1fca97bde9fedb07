package kz.taza.archfixture.permit.command;

import kz.taza.archfixture.permit.config.FixtureSettings;

/** Wrong: command routing that reads the service's Spring configuration. */
public final class ConfiguredRouting {

    public int partitions(FixtureSettings settings) {
        return settings.partitions();
    }
}

package kz.taza.archfixture.schemas;

import kz.taza.archfixture.platform.topic.FixtureSharedTopics;

/** Wrong: the schemas module reaching up into the platform. */
public final class LeakySchema {

    public int topics() {
        return new FixtureSharedTopics().topics().size();
    }
}

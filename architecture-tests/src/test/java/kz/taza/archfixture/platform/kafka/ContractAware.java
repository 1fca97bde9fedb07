package kz.taza.archfixture.platform.kafka;

import kz.taza.archfixture.contracts.FixtureTopics;

/** Wrong: platform code that knows a domain's contract. */
public final class ContractAware {

    public int count() {
        return new FixtureTopics().topics().size();
    }
}

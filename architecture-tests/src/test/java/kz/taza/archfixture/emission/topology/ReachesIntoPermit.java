package kz.taza.archfixture.emission.topology;

import kz.taza.archfixture.permit.domain.PlainRules;

/** Wrong: one service importing another service's class. */
public final class ReachesIntoPermit {

    public boolean allows() {
        return new PlainRules().allows(3);
    }
}

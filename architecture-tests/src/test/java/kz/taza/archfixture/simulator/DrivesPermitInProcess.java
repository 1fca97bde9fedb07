package kz.taza.archfixture.simulator;

import kz.taza.archfixture.permit.domain.PlainRules;

/** Wrong: a tool calling a service's code in process instead of its REST API. */
public final class DrivesPermitInProcess {

    public boolean drive() {
        return new PlainRules().allows(2);
    }
}

package kz.taza.archfixture.permit.domain;

import kz.taza.archfixture.permit.api.FixtureController;

/** Wrong: a domain class that depends on its service's REST layer (and so closes a cycle domain - api). */
public final class ReachesUp {

    public String path(FixtureController controller) {
        return controller.toString();
    }
}

package kz.taza.archfixture.permit.domain;

/** Breaks no rule: a domain rule in plain Java. */
public final class PlainRules {

    public boolean allows(int tonnes) {
        return tonnes >= 0;
    }
}

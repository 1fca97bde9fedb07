package kz.taza.archfixture.emission.topology;

/** Breaks no rule: a topology of another service. */
public final class FixtureTopology {

    public String name() {
        return "fixture";
    }
}

package kz.taza.archfixture.bench;

import kz.taza.archfixture.emission.topology.FixtureTopology;

/** Breaks no rule: the load tool runs a service's topology in process and names its own scratch topic. */
public final class MeasuresEmission {

    static final String SCRATCH = "bench.scratch.v1";

    public String measure() {
        return new FixtureTopology().name() + SCRATCH.length();
    }
}

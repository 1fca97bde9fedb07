package kz.taza.archfixture.emission.api;

/** Breaks no rule: a message for a person that mentions a topic does not name one to a client. */
public final class ExplainsTopic {

    public String problem() {
        return "cannot read kpi.values.v1 (is the broker running?)";
    }
}

package kz.taza.archfixture.bench;

/** Wrong: the load tool writing a domain's topic name instead of taking it from the contracts. */
public final class BorrowsATopic {

    public String topic() {
        return "emission.ams-readings.v1";
    }
}

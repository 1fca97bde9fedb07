package kz.taza.emission.topology;

/**
 * The key of an emission source's monitoring state, {@code facilityId|sourceId}, built and taken apart only here. Its
 * text is also the correlation id of the source's gap events.
 */
record SourceKey(String facilityId, String sourceId) {

    private static final char SEPARATOR = '|';

    String text() {
        return facilityId + SEPARATOR + sourceId;
    }

    /** The source a monitoring key names; the sourceId is everything after the facilityId. */
    static SourceKey parse(String key) {
        int split = key.indexOf(SEPARATOR);
        if (split <= 0) {
            throw new IllegalArgumentException("not a source key (facilityId|sourceId): " + key);
        }
        return new SourceKey(key.substring(0, split), key.substring(split + 1));
    }
}

package kz.taza.platform.query;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a read of one key is answered: here, by the instance that owns the key, or nowhere right now.
 *
 * <p>The rules: an instance without an {@code application.server} is alone and answers everything itself. Otherwise
 * the active host of the key's partition answers; while no host is known (rebalance) nobody does. A request that was
 * already forwarded is answered here or refused, never forwarded again, so two instances with different views of the
 * partition assignment cannot bounce a request between them.
 *
 * @param kind   the decision
 * @param owner  the instance to forward to ({@link Kind#FORWARD} only)
 * @param reason why nobody can answer ({@link Kind#UNAVAILABLE} only)
 */
public record OwnerRoute(Kind kind, HostInfo owner, String reason) {

    /** The three possible answers. */
    public enum Kind {
        LOCAL, FORWARD, UNAVAILABLE
    }

    /**
     * Decides where the read is answered.
     *
     * @param metadata  the key's metadata from {@code KafkaStreams.queryMetadataForKey}; ignored when {@code self} is
     *                  {@code null}
     * @param self      this instance's {@code application.server}, or {@code null} for a lone instance
     * @param forwarded whether the request was forwarded by another instance
     * @param key       the key, for the reason given to the client
     */
    public static OwnerRoute of(KeyQueryMetadata metadata, HostInfo self, boolean forwarded, String key) {
        if (self == null) {
            return new OwnerRoute(Kind.LOCAL, null, null);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata) || metadata.activeHost() == null
                || HostInfo.unavailable().equals(metadata.activeHost())) {
            return new OwnerRoute(Kind.UNAVAILABLE, null, "no instance owns key " + key
                    + " right now (the partitions are being assigned)");
        }
        HostInfo active = metadata.activeHost();
        if (active.equals(self)) {
            return new OwnerRoute(Kind.LOCAL, null, null);
        }
        if (forwarded) {
            return new OwnerRoute(Kind.UNAVAILABLE, null, "key " + key + " moved from this instance to "
                    + active.host() + ":" + active.port() + " while the request was forwarded");
        }
        return new OwnerRoute(Kind.FORWARD, active, null);
    }
}

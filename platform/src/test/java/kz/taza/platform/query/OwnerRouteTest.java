package kz.taza.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import kz.taza.platform.query.OwnerRoute.Kind;

/** Where a read is answered: here, at the owner, or nowhere right now; never passed on twice. */
class OwnerRouteTest {

    static final HostInfo SELF = new HostInfo("svc-0.svc", 8080);
    static final HostInfo OTHER = new HostInfo("svc-1.svc", 8080);

    static KeyQueryMetadata ownedBy(HostInfo host) {
        return new KeyQueryMetadata(host, Set.of(), 3);
    }

    @Test
    void aLoneInstanceAnswersEveryKeyItself() {
        // given no application.server: no metadata is needed
        assertThat(OwnerRoute.of(null, null, false, "k").kind()).isEqualTo(Kind.LOCAL);
        assertThat(OwnerRoute.of(null, null, true, "k").kind()).isEqualTo(Kind.LOCAL);
    }

    @Test
    void theOwnerAnswersItsKeysItself() {
        assertThat(OwnerRoute.of(ownedBy(SELF), SELF, false, "k").kind()).isEqualTo(Kind.LOCAL);
        assertThat(OwnerRoute.of(ownedBy(SELF), SELF, true, "k").kind()).isEqualTo(Kind.LOCAL);
    }

    @Test
    void aKeyOwnedElsewhereIsForwardedToItsOwner() {
        OwnerRoute route = OwnerRoute.of(ownedBy(OTHER), SELF, false, "k");
        assertThat(route.kind()).isEqualTo(Kind.FORWARD);
        assertThat(route.owner()).isEqualTo(OTHER);
    }

    @Test
    void aForwardedRequestForAKeyOwnedElsewhereIsRefusedNotForwardedAgain() {
        // given two instances that disagree about the owner (one has seen a rebalance the other has not)
        OwnerRoute route = OwnerRoute.of(ownedBy(OTHER), SELF, true, "k-7");
        // then the request stops here: 503, and the client retries
        assertThat(route.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(route.reason()).contains("k-7").contains("svc-1.svc:8080");
    }

    @Test
    void nobodyAnswersWhileTheKeyHasNoOwner() {
        assertThat(OwnerRoute.of(KeyQueryMetadata.NOT_AVAILABLE, SELF, false, "k-1").kind())
                .isEqualTo(Kind.UNAVAILABLE);
        assertThat(OwnerRoute.of(null, SELF, false, "k-1").reason()).contains("k-1");
    }
}

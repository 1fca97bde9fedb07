package kz.taza.emission.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import kz.taza.emission.EmissionFixtures;
import kz.taza.events.permit.Permit;
import kz.taza.events.permit.PermitStatus;
import kz.taza.events.permit.PermitType;

class KepRedirectionTest {

    /** The fixture's KEP is valid from 2024-06-01 to 2034-05-31. */
    private static Permit kep(PermitStatus status) {
        return EmissionFixtures.permit("KZ-55-0001", status, 400.0);
    }

    @Test
    void aKepHeldOnAnyDayOfTheYearRedirectsThatYearsFee() {
        assertThat(KepRedirection.redirects(kep(PermitStatus.ACTIVE), 2024)).isTrue();
        assertThat(KepRedirection.redirects(kep(PermitStatus.ACTIVE), 2034)).isTrue();
        assertThat(KepRedirection.redirects(kep(PermitStatus.ACTIVE), 2023)).isFalse();
        assertThat(KepRedirection.redirects(kep(PermitStatus.ACTIVE), 2035)).isFalse();
    }

    @Test
    void aSuspendedOrExpiredKepStillCoversItsValidityButARevokedOneNothing() {
        assertThat(KepRedirection.redirects(kep(PermitStatus.SUSPENDED), 2024)).isTrue();
        Permit expired = kep(PermitStatus.EXPIRED);
        expired.setValidTo(LocalDate.of(2024, 12, 31));
        assertThat(KepRedirection.redirects(expired, 2024)).isTrue();
        assertThat(KepRedirection.redirects(expired, 2025)).isFalse();
        assertThat(KepRedirection.redirects(kep(PermitStatus.REVOKED), 2024)).isFalse();
        assertThat(KepRedirection.redirects(kep(PermitStatus.UNKNOWN), 2024)).isFalse();
    }

    @Test
    void anotherPermitTypeOrNoPermitRedirectsNothing() {
        Permit impact = kep(PermitStatus.ACTIVE);
        impact.setType(PermitType.ENVIRONMENTAL_IMPACT_PERMIT);
        assertThat(KepRedirection.redirects(impact, 2024)).isFalse();
        assertThat(KepRedirection.redirects(null, 2024)).isFalse();
    }
}

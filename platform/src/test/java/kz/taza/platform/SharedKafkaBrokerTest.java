package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import kz.taza.platform.test.SharedKafkaBroker;

class SharedKafkaBrokerTest {

    @Test
    void givesEveryTestInTheJvmTheSameSecuredBroker() {
        assertThat(SharedKafkaBroker.get()).isSameAs(SharedKafkaBroker.get());
        assertThat(SharedKafkaBroker.get().bootstrapServers()).isNotBlank();
        assertThat(SharedKafkaBroker.get().admin().securityProtocol()).isEqualTo("SASL_PLAINTEXT");
    }

    @Test
    void givesAPrincipalOfTheAccessModelOneLoginPerJvm() {
        assertThat(SharedKafkaBroker.get().login(PlatformTestPrincipals.NAME))
                .isSameAs(SharedKafkaBroker.get().login(PlatformTestPrincipals.NAME));
        assertThat(SharedKafkaBroker.get().login(PlatformTestPrincipals.NAME).toString())
                .doesNotContain(SharedKafkaBroker.get().login(PlatformTestPrincipals.NAME).password());
    }
}

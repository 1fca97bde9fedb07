package kz.taza.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import kz.taza.platform.test.SharedKafkaBroker;

class SharedKafkaBrokerTest {

    @Test
    void refusesAnUnknownBrokerKindInsteadOfFallingBack() {
        assertThatThrownBy(() -> SharedKafkaBroker.start("zookeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taza.test.broker=zookeeper")
                .hasMessageContaining("'embedded' or 'testcontainers'");
    }

    @Test
    void givesEveryTestInTheJvmTheSameBroker() {
        assertThat(SharedKafkaBroker.get()).isSameAs(SharedKafkaBroker.get());
        assertThat(SharedKafkaBroker.get().bootstrapServers()).isNotBlank();
    }
}

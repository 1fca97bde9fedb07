package kz.taza.emission;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.platform.test.AsyncApiDocument;

/** Every public emission topic is documented in docs/asyncapi.yaml. */
class EmissionTopicsContractTest {

    @Test
    void documentsEveryPublicEmissionTopic() {
        assertThat(AsyncApiDocument.load().problemsWith(new EmissionTopics())).isEmpty();
    }
}

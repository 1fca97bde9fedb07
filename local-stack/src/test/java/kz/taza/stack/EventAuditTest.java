package kz.taza.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.platform.topic.Topic;

/** Which topics the chaos drill's audit holds to "no event id twice". */
class EventAuditTest {

    @Test
    void theServicesPublicEventTopicsAreAuditedButNotWhatGatewaysWriteNorCompactedState() {
        assertThat(EventAudit.eventTopics()).extracting(Topic::name)
                .contains(PermitTopics.EVENTS.name(), EmissionTopics.EXCEEDANCES.name(),
                        InspectionTopics.EVENTS.name(), ForestTopics.FOREST_EVENTS.name())
                .doesNotContain(EmissionTopics.AMS_READINGS.name(), PermitTopics.FACILITIES.name(),
                        InspectionTopics.COMPLIANCE.name());
        assertThat(EmissionTopics.AMS_READINGS.isExternalInput()).isTrue();
        assertThat(EventAudit.eventTopics()).noneMatch(Topic::isExternalInput).allMatch(Topic::isPublic);
    }
}

package kz.taza.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.platform.test.AsyncApiDocument;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;

/** Each domain's topic contract: named after its domain, documented where public, co-partitioned, no name twice. */
class ContractsTest {

    @Test
    void everyPublicTopicOfEveryDomainIsDocumentedInTheAsyncApiDocument() {
        List<TopicCatalogue> catalogues = new ArrayList<>(Contracts.domainCatalogues());
        catalogues.add(new PlatformTopics());
        assertThat(AsyncApiDocument.load()
                .problemsWith(catalogues.toArray(TopicCatalogue[]::new))).isEmpty();
    }

    @Test
    void eachDomainOwnsTheTopicsNamedAfterIt() {
        Map<String, List<Topic<?, ?>>> owned = Map.of("permit", PermitTopics.owned(), "emission",
                EmissionTopics.owned(), "inspection", InspectionTopics.owned(), "forest", ForestTopics.owned());
        owned.forEach((domain, topics) -> assertThat(topics).isNotEmpty()
                .allSatisfy(topic -> assertThat(topic.name()).startsWith(domain + ".")));
        assertThat(Contracts.domainCatalogues()).extracting(TopicCatalogue::topics)
                .containsExactly(PermitTopics.owned(), EmissionTopics.owned(), InspectionTopics.owned(),
                        ForestTopics.owned());
    }

    @Test
    void noTopicNameIsDeclaredByTwoContracts() {
        List<String> names = new ArrayList<>();
        Contracts.domainCatalogues().forEach(c -> c.topicsWithDeadLetters().forEach(t -> names.add(t.name())));
        new PlatformTopics().topicsWithDeadLetters().forEach(t -> names.add(t.name()));
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void facilityKeyedTopicsOfEveryDomainAreCoPartitionedWithThePermitTopics() {
        List<Topic<?, ?>> facilityKeyed = new ArrayList<>(PermitTopics.owned());
        facilityKeyed.addAll(EmissionTopics.owned());
        facilityKeyed.addAll(InspectionTopics.owned());
        assertThat(facilityKeyed).allSatisfy(topic -> assertThat(topic.partitions()).as(topic.name())
                .isEqualTo(PermitTopics.PARTITIONS));
    }
}

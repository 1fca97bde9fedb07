package kz.taza.contracts;

import java.util.List;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.forest.ForestTopics;
import kz.taza.contracts.inspection.InspectionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * Every domain's topic contract in one list, for tools and tests that look at the whole platform (documentation
 * checks, naming rules); the shared {@code kpi.values.v1} is the platform's ({@code PlatformTopics}), the KPIs are in
 * {@link KpiCatalogue}. A service declares only the topics it owns and reads; nothing at run time goes through this
 * class.
 */
public final class Contracts {

    private Contracts() {
    }

    /** The topic catalogue of each domain, in the order permit, emission, inspection, forest. */
    public static List<TopicCatalogue> domainCatalogues() {
        return List.of(new PermitTopics(), new EmissionTopics(), new InspectionTopics(), new ForestTopics());
    }
}

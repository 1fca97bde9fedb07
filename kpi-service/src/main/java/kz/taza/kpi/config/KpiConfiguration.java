package kz.taza.kpi.config;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import kz.taza.contracts.emission.EmissionTopics;
import kz.taza.contracts.permit.PermitTopics;
import kz.taza.kpi.api.LiveKpis;
import kz.taza.kpi.topology.AmsIntervalTopology;
import kz.taza.kpi.topology.KpiReadModel;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * Wires the KPI service: the topics it reads (besides the platform's {@code kpi.values.v1}), its read model, the AMS
 * intervals and the live updates. It owns no topic and writes none.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KpiProperties.class)
public class KpiConfiguration {

    /** The topics it reads, declared with their owners' settings so that it never starts without them. */
    @Bean
    TopicCatalogue topicsRead() {
        return () -> List.of(PermitTopics.FACILITIES, EmissionTopics.REPORTS, EmissionTopics.AMS_READINGS);
    }

    @Bean(destroyMethod = "close")
    LiveKpis liveKpis(KpiProperties properties) {
        return new LiveKpis(properties.getLiveInterval(), properties.getLiveHeartbeat());
    }

    @Bean
    KpiReadModel kpiReadModel(LiveKpis live) {
        return new KpiReadModel(live);
    }

    @Bean
    AmsIntervalTopology amsIntervalTopology(KpiProperties properties, Clock clock) {
        return new AmsIntervalTopology(properties.getAmsRetention(), clock);
    }
}

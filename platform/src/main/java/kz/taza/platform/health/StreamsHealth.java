package kz.taza.platform.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Health of the service's Kafka Streams applications, as two probes that tell the truth.
 *
 * <ul>
 * <li><b>Readiness</b> is DOWN until every Streams application is RUNNING with its active stores restored after the
 * start ({@link StartUpRestoration}): until then its reads would answer 503. A rebalance after that keeps it UP, as do
 * the restorations that follow one: rebalances are routine and taking the instance out of the load balancer for each
 * one would only make it worse.</li>
 * <li><b>Liveness</b> is DOWN when a Streams application has died: ERROR, or stopped (NOT_RUNNING / PENDING_SHUTDOWN)
 * while the service still wants it running. A restart is then the cure. An application not started yet is alive.</li>
 * </ul>
 */
public class StreamsHealth {

    private final List<StreamsBuilderFactoryBean> applications;
    /** Each application's start-up restoration, by the application's factory bean. */
    private final Map<StreamsBuilderFactoryBean, StartUpRestoration> restorations = new ConcurrentHashMap<>();

    public StreamsHealth(List<StreamsBuilderFactoryBean> applications) {
        this.applications = List.copyOf(applications);
    }

    /** To be installed as every application's state listener: a stopped or failed application starts over. */
    public KafkaStreams.StateListener stateListenerFor(StreamsBuilderFactoryBean application) {
        return (newState, oldState) -> {
            if (newState == State.NOT_RUNNING || newState == State.ERROR || newState == State.PENDING_ERROR) {
                restorationOf(application).stopped();
            }
        };
    }

    /** To be installed as every application's restore listener. */
    public StartUpRestoration restorationOf(StreamsBuilderFactoryBean application) {
        return restorations.computeIfAbsent(application, a -> new StartUpRestoration());
    }

    public HealthIndicator readiness() {
        return () -> probe(true);
    }

    public HealthIndicator liveness() {
        return () -> probe(false);
    }

    private Health probe(boolean readiness) {
        boolean up = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (StreamsBuilderFactoryBean application : applications) {
            String id = applicationId(application);
            KafkaStreams streams = application.getKafkaStreams();
            State state = streams == null ? null : streams.state();
            details.put(id, state == null ? "NOT_STARTED" : state.name());
            StartUpRestoration restoration = restorationOf(application);
            int restoring = readiness ? restoration.restoringCount() : 0;
            if (restoring > 0) {
                details.put(id + ".restoring", restoring + " store partition(s)");
            }
            boolean healthy = readiness ? state != null && restoration.ready(state) : isAlive(application, state);
            up &= healthy;
        }
        if (applications.isEmpty()) {
            details.put("applications", "none");
        }
        return (up ? Health.up() : Health.down()).withDetails(details).build();
    }

    private static boolean isAlive(StreamsBuilderFactoryBean application, State state) {
        if (state == null) {
            return true;
        }
        return switch (state) {
            case ERROR, PENDING_ERROR -> false;
            case NOT_RUNNING, PENDING_SHUTDOWN -> !application.isRunning();
            default -> true;
        };
    }

    private static String applicationId(StreamsBuilderFactoryBean application) {
        Object id = application.getStreamsConfiguration() == null ? null
                : application.getStreamsConfiguration().get("application.id");
        return id == null ? "streams" : id.toString();
    }
}

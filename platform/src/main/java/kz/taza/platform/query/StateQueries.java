package kz.taza.platform.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import jakarta.servlet.http.HttpServletRequest;
import kz.taza.platform.query.StateUnavailableException.Reason;

/**
 * Reads of the service's Streams state from REST (interactive queries). A store partitioned by key lives, per key, on
 * the instance that owns the key's partition; any instance answers a read, forwarding it to the owner when that is
 * another instance ({@link OwnerRoute} decides, {@link OwnerForwarder} calls). Instances find each other through
 * {@code taza.streams.application-server}; without it an instance is alone and answers everything itself.
 *
 * <p>Usage in a controller:
 * <pre>{@code
 * @GetMapping("/api/v1/plantings/{plantingId}")
 * ResponseEntity<PlantingView> planting(@PathVariable String plantingId, HttpServletRequest request) {
 *     return queries.answer(STORE, plantingId, request, () -> view(queries.store(STORE, keyValueStore())...));
 * }
 * }</pre>
 * Whatever cannot be answered now becomes a {@link StateUnavailableException}: 503 with Retry-After.
 */
public class StateQueries {

    /** Marks a forwarded request: the receiver answers from its own state and never forwards again. */
    public static final String FORWARDED_HEADER = "X-Taza-Forwarded";

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;
    private final OwnerForwarder forwarder;
    private final Duration retryAfter;

    /**
     * @param applicationServer this instance's {@code host:port}, or {@code null}/blank for a lone instance
     */
    public StateQueries(StreamsBuilderFactoryBean streams, String applicationServer, OwnerForwarder forwarder,
            Duration retryAfter) {
        this.streams = streams;
        this.self = applicationServer == null || applicationServer.isBlank() ? null
                : HostInfo.buildFromEndpoint(applicationServer);
        this.forwarder = forwarder;
        this.retryAfter = retryAfter;
    }

    /**
     * This instance's copy of a store: the whole of a global store (every instance holds all of it, also during a
     * rebalance), or this instance's partitions of a partitioned one (read those inside {@link #answer}, which first
     * makes sure the key is owned here).
     *
     * @throws StateUnavailableException when the Streams application is not running or the store is not queryable
     */
    public <T> T store(String storeName, QueryableStoreType<T> type) {
        KafkaStreams app = streams.getKafkaStreams();
        if (app == null || !app.state().isRunningOrRebalancing()) {
            throw notQueryable("the service's state is not ready yet (Streams application "
                    + (app == null ? "not started" : app.state()) + ")", null);
        }
        try {
            return app.store(StoreQueryParameters.fromNameAndType(storeName, type));
        } catch (InvalidStateStoreException e) {
            throw notQueryable("store " + storeName + " is not queryable yet: " + e.getMessage(), e);
        }
    }

    /**
     * The value of {@code key} in a global key-value store (a global table: every instance holds all of it, so a read
     * is never forwarded); empty when the key has no value.
     *
     * @throws StateUnavailableException when the Streams application is not running or the store is not queryable
     */
    public <V> Optional<V> find(String globalStore, String key) {
        return Optional.ofNullable(this.<V>keyValues(globalStore).get(key));
    }

    /**
     * Every value of a global key-value store, in the order of its keys' bytes.
     *
     * @throws StateUnavailableException when the Streams application is not running or the store is not queryable
     */
    public <V> List<V> all(String globalStore) {
        List<V> all = new ArrayList<>();
        try (KeyValueIterator<String, V> entries = this.<V>keyValues(globalStore).all()) {
            entries.forEachRemaining(entry -> all.add(entry.value));
        }
        return all;
    }

    private <V> ReadOnlyKeyValueStore<String, V> keyValues(String storeName) {
        return store(storeName, QueryableStoreTypes.<String, V>keyValueStore());
    }

    /**
     * The instance owning {@code key} in {@code storeName}; empty when it is this instance (or this instance is
     * alone).
     *
     * @throws StateUnavailableException while no instance owns the key
     */
    public Optional<HostInfo> owner(String storeName, String key) {
        OwnerRoute route = route(storeName, key, false);
        return switch (route.kind()) {
            case LOCAL -> Optional.empty();
            case FORWARD -> Optional.of(route.owner());
            case UNAVAILABLE -> throw notQueryable(route.reason(), null);
        };
    }

    /**
     * The answer to a read of one key: {@code local} when this instance owns the key (a {@link ResponseEntity} is
     * returned as it is, any other value as 200), otherwise the owner's answer to the same request.
     *
     * @param storeName the store whose partitioning decides the owner
     * @param key       the key (serialised as a string, as the store's topic is keyed)
     * @param request   the request being answered: its path and query are forwarded, its forwarded mark is honoured
     * @param local     reads this instance's state; an {@link InvalidStateStoreException} becomes a 503
     * @throws StateUnavailableException when nobody can answer now
     */
    public <T> ResponseEntity<T> answer(String storeName, String key, HttpServletRequest request,
            Supplier<?> local) {
        boolean forwarded = request.getHeader(FORWARDED_HEADER) != null;
        OwnerRoute route = route(storeName, key, forwarded);
        return typed(switch (route.kind()) {
            case LOCAL -> answerLocally(local);
            case FORWARD -> forwarder.get(route.owner(), pathAndQuery(request), request.getHeader(HttpHeaders.ACCEPT));
            case UNAVAILABLE -> throw notQueryable(route.reason(), null);
        });
    }

    private OwnerRoute route(String storeName, String key, boolean forwarded) {
        if (self == null) {
            return OwnerRoute.of(null, null, forwarded, key);
        }
        KeyQueryMetadata metadata = running().queryMetadataForKey(storeName, key, new StringSerializer());
        return OwnerRoute.of(metadata, self, forwarded, key);
    }

    /** The answer as the handler's success type says; its body is written as the class it is. */
    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<T> typed(ResponseEntity<?> answer) {
        return (ResponseEntity<T>) answer;
    }

    private ResponseEntity<?> answerLocally(Supplier<?> local) {
        Object answer;
        try {
            answer = local.get();
        } catch (InvalidStateStoreException e) {
            // The store closed under the read (a rebalance started): the same as not queryable yet.
            throw notQueryable("the state is moving between instances: " + e.getMessage(), e);
        }
        return answer instanceof ResponseEntity<?> entity ? entity : ResponseEntity.ok(answer);
    }

    private KafkaStreams running() {
        KafkaStreams app = streams.getKafkaStreams();
        if (app == null || app.state() != KafkaStreams.State.RUNNING) {
            throw notQueryable("the service's state is not ready yet (Streams application "
                    + (app == null ? "not started" : app.state()) + ")", null);
        }
        return app;
    }

    private StateUnavailableException notQueryable(String message, Throwable cause) {
        return new StateUnavailableException(Reason.NOT_QUERYABLE, message, retryAfter, cause);
    }

    private static String pathAndQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}

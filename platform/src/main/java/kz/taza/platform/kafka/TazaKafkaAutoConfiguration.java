package kz.taza.platform.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.CleanupConfig;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import kz.taza.platform.access.KafkaAccessFailures;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandGatewayFactory;
import kz.taza.platform.command.CommandHistoryController;
import kz.taza.platform.command.CommandStatusController;
import kz.taza.platform.command.CommandTopology;
import kz.taza.platform.errors.DeadLetterPublisher;
import kz.taza.platform.errors.Quarantine;
import kz.taza.platform.errors.StreamsDeadLetterHandler;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.health.FollowersHealth;
import kz.taza.platform.health.StreamsHealth;
import kz.taza.platform.query.OwnerForwarder;
import kz.taza.platform.query.StateQueries;
import kz.taza.platform.schema.SchemaTopic;
import kz.taza.platform.security.TazaSecurityAutoConfiguration;
import kz.taza.platform.topic.PlatformTopics;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.platform.topic.TopicDeclarations;
import kz.taza.platform.topic.TopicsReady;
import kz.taza.platform.web.ProblemHandlers;
import kz.taza.platform.web.RequestSizeLimit;
import kz.taza.schemas.codec.SchemaCatalogue;

/**
 * Kafka wiring shared by every Taza service, in one place so that security (SASL, TLS) and delivery guarantees are set
 * once for all clients:
 * <ul>
 * <li>producers are idempotent with {@code acks=all}; consumers read {@code read_committed};</li>
 * <li>every topic of every catalogue is declared at start-up (brokers run with auto-create off);</li>
 * <li>the service's {@link StreamsTopology} beans run in one Streams application with {@code exactly_once_v2}, the
 * quarantine of bad records to dead-letter topics ({@link Quarantine}; failures sorted by
 * {@link StreamsDeadLetterHandler}), an explicit state directory and internal-topic replication from
 * configuration;</li>
 * <li>the writer schemas of the service are published to the schema topic before anything writes, and newer ones are
 * resolved from it while the service runs ({@link SchemaTopic});</li>
 * <li>readiness and liveness follow the Streams application's state; liveness also the plain consumers beside it
 * ({@link FollowersHealth});</li>
 * <li>one clock (in the regulator's zone) for the service's rules and REST checks, which tests replace to let days
 * pass, and one event metadata factory naming the service as producer of every event.</li>
 * </ul>
 * Every client comes from Spring: producers and consumers from Spring Boot's {@code ProducerFactory} and
 * {@code ConsumerFactory} through {@link KafkaClients}, the Streams application from a
 * {@link StreamsBuilderFactoryBean} to which every {@link StreamsBuilderFactoryBeanConfigurer} is applied, admin
 * clients from the {@link KafkaAdmin}'s configuration. So the connection and security settings of
 * {@code spring.kafka.*} (bootstrap servers, {@code security.protocol}, SSL, {@code spring.kafka.properties.sasl.*})
 * reach every client, and Micrometer exports every client's metrics.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TazaProperties.class)
public class TazaKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TazaKafkaAutoConfiguration.class);

    /** The service's one clock, in the regulator's zone; a test that lets days pass declares its own. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock tazaClock(TazaProperties taza) {
        return Clock.system(taza.getZone());
    }

    /** Metadata of every event the service publishes, with {@code spring.application.name} as the producer. */
    @Bean
    EventMetadataFactory tazaEventMetadata(Environment environment) {
        return new EventMetadataFactory(environment.getRequiredProperty("spring.application.name"));
    }

    @Bean
    PlatformTopics platformTopics() {
        return new PlatformTopics();
    }

    @Bean
    TopicDeclarations topicDeclarations(List<TopicCatalogue> catalogues) {
        return new TopicDeclarations(catalogues);
    }

    @Bean
    KafkaAdmin.NewTopics tazaTopics(TopicDeclarations declarations, TazaProperties properties,
            RepartitionDeadLetters repartitionDeadLetters) {
        List<NewTopic> topics = new ArrayList<>(List.of(declarations.newTopics(
                properties.getKafka().getReplicationFactor(), properties.getKafka().getTopicPartitions())));
        topics.addAll(repartitionDeadLetters.newTopics(declarations, properties.getKafka().getReplicationFactor()));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** The dead-letter topics of the Streams application's repartition topics, from its topology. */
    @Bean
    RepartitionDeadLetters tazaRepartitionDeadLetters(ObjectProvider<StreamsTopology> topologies,
            KafkaProperties kafka, Environment environment) {
        return new RepartitionDeadLetters(applicationId(kafka, environment), topologies.orderedStream().toList());
    }

    /** Nothing that reads or writes starts before the declared topics are visible on the cluster. */
    @Bean
    TopicsReady tazaTopicsReady(KafkaAdmin admin, TopicDeclarations declarations,
            RepartitionDeadLetters repartitionDeadLetters) {
        List<String> names = new ArrayList<>(declarations.topics().stream().map(topic -> topic.name()).toList());
        names.addAll(repartitionDeadLetters.names());
        return TopicsReady.declaring(admin, names, Duration.ofSeconds(60));
    }

    /**
     * The dead letters of every route without a transaction (global stores, plain consumers, the Streams handlers),
     * written by a plain idempotent producer of their own.
     */
    @Bean
    DeadLetterPublisher tazaDeadLetterPublisher(KafkaClients clients, TopicDeclarations declarations,
            KafkaProperties kafka, Environment environment) {
        return new DeadLetterPublisher(
                clients.producer("dead-letters", ByteArraySerializer.class, ByteArraySerializer.class, Map.of()),
                declarations.deadLetteredTopicNames(), applicationId(kafka, environment));
    }

    /** What every input route reports to (a metric per topic and reason, the {@code quarantine} health component). */
    @Bean
    Quarantine tazaQuarantine(DeadLetterPublisher tazaDeadLetterPublisher, ObjectProvider<MeterRegistry> meters,
            Clock clock) {
        return new Quarantine(tazaDeadLetterPublisher, meters.getIfAvailable(), clock);
    }

    @Bean
    HealthIndicator quarantineHealthIndicator(Quarantine quarantine) {
        return quarantine.health();
    }

    /** The plain consumers beside the Streams application, in liveness. */
    @Bean
    FollowersHealth tazaFollowers() {
        return new FollowersHealth();
    }

    @Bean
    HealthIndicator followersLivenessHealthIndicator(FollowersHealth followers) {
        return followers.liveness();
    }

    /**
     * The schema topic: the service's writer schemas published before anything writes, and the writer schemas of
     * newer producers resolved while it runs.
     */
    @Bean
    SchemaTopic tazaSchemaTopic(KafkaClients clients, Quarantine quarantine, Environment environment, Clock clock,
            FollowersHealth followers) {
        SchemaTopic schemas = new SchemaTopic(clients, quarantine,
                environment.getRequiredProperty("spring.application.name"), SchemaCatalogue.currentSchemas(),
                Duration.ofSeconds(10), clock);
        followers.register("schemas", PlatformTopics.SCHEMAS.name(), schemas::isFollowing);
        return schemas;
    }

    /** The Streams application id: Spring's setting, or the application's name. */
    static String applicationId(KafkaProperties kafka, Environment environment) {
        String configured = kafka.getStreams().getApplicationId();
        return configured != null && !configured.isBlank() ? configured
                : environment.getRequiredProperty("spring.application.name");
    }

    /** The platform's guarantees, for every producer made from Spring Boot's producer factory. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer tazaProducerGuarantees() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"));
    }

    /** The platform's guarantees, for every consumer made from Spring Boot's consumer factory. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer tazaConsumerIsolation() {
        return factory -> factory.updateConfigs(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    @Bean(KafkaClients.BEAN_NAME)
    KafkaClients tazaKafkaClients(ProducerFactory<?, ?> producerFactory, ConsumerFactory<?, ?> consumerFactory,
            Environment environment) {
        return new KafkaClients(producerFactory, consumerFactory,
                environment.getRequiredProperty("spring.application.name"));
    }

    @Bean
    ProblemHandlers tazaProblemHandlers() {
        return new ProblemHandlers();
    }

    /** The request body limit, on the API's servlet only (the management server has no request bodies to take). */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<RequestSizeLimit> tazaRequestSizeLimit(TazaProperties taza) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(taza.getHttp().getMaxRequestSize().toBytes()));
        // Before security: an oversized body is refused whoever sends it, before anything reads it.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    CommandGatewayFactory commandGatewayFactory(KafkaClients clients, TazaProperties taza,
            ObjectProvider<CircuitBreakerRegistry> circuitBreakers, Quarantine quarantine,
            FollowersHealth followers, ObjectProvider<MeterRegistry> meters) {
        return new CommandGatewayFactory(clients, circuitBreakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                taza.getCommands().getWaitForResult(), taza.getCommands().getSendTimeout(),
                taza.getCommands().getResultLookBack(),
                taza.getCommands().getResultCacheSize(), quarantine, followers,
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** The status URL of commands, in services that send commands. */
    @Bean
    @ConditionalOnBean(CommandGateway.class)
    CommandStatusController commandStatusController(List<CommandGateway<?>> gateways) {
        return new CommandStatusController(gateways);
    }

    @Bean
    StreamsHealth streamsHealth(ObjectProvider<StreamsBuilderFactoryBean> applications) {
        return new StreamsHealth(applications.orderedStream().toList());
    }

    @Bean
    HealthIndicator streamsReadinessHealthIndicator(StreamsHealth health) {
        return health.readiness();
    }

    @Bean
    HealthIndicator streamsLivenessHealthIndicator(StreamsHealth health) {
        return health.liveness();
    }

    /**
     * Streams settings: Spring's client settings (as Spring Boot gives its own Streams configuration, connection
     * details included), then the guarantees and routing Taza requires ({@link TazaStreamsSettings}).
     */
    static Map<String, Object> streamsProperties(KafkaProperties kafka, KafkaConnectionDetails connection,
            TazaProperties taza, Environment environment) {
        Map<String, Object> props = new HashMap<>(kafka.buildStreamsProperties());
        KafkaConnectionDetails.Configuration streams = connection.getStreams();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", streams.getBootstrapServers()));
        if (streams.getSecurityProtocol() != null && !streams.getSecurityProtocol().isBlank()) {
            props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, streams.getSecurityProtocol());
        }
        if (streams.getSslBundle() != null) {
            props.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
            props.put(SslBundle.class.getName(), streams.getSslBundle());
        }
        props.computeIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG,
                key -> environment.getRequiredProperty("spring.application.name"));
        TazaStreamsSettings.apply(props, taza, stateDir(taza, props));
        return props;
    }

    private static String stateDir(TazaProperties taza, Map<String, Object> props) {
        String configured = taza.getStreams().getStateDir();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Object springStateDir = props.get(StreamsConfig.STATE_DIR_CONFIG);
        if (springStateDir != null && !springStateDir.toString().isBlank()) {
            return springStateDir.toString();
        }
        try {
            // A fresh directory per process: stale state from an earlier run never meets a fresh broker.
            return Files.createTempDirectory("taza-streams-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a Streams state directory", e);
        }
    }

    /** Present only in services that define at least one {@link StreamsTopology}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(StreamsTopology.class)
    static class StreamsApplicationConfiguration {

        /** The Streams application's lifecycle phase: below the command gateways' (see {@link CommandGatewayFactory#PHASE}). */
        static final int STREAMS_PHASE = CommandGatewayFactory.PHASE - 1024;

        @Bean
        KafkaStreamsConfiguration tazaStreamsConfiguration(KafkaProperties kafka, KafkaConnectionDetails connection,
                TazaProperties taza, Environment environment) {
            return new KafkaStreamsConfiguration(streamsProperties(kafka, connection, taza, environment));
        }

        /**
         * The service's Streams application; every {@link StreamsBuilderFactoryBeanConfigurer} bean applies to it.
         * Its processors and handlers find the service's {@link Quarantine} in its configuration.
         */
        @Bean
        StreamsBuilderFactoryBean tazaStreamsApplication(KafkaStreamsConfiguration tazaStreamsConfiguration,
                Quarantine quarantine, List<StreamsTopology> topologies,
                StreamsHealthBinder healthBinder, ObjectProvider<StreamsBuilderFactoryBeanConfigurer> configurers) {
            Properties props = tazaStreamsConfiguration.asProperties();
            props.put(Quarantine.CONFIG, quarantine);
            Object applicationId = props.get(StreamsConfig.APPLICATION_ID_CONFIG);
            props.put(CommonClientConfigs.CLIENT_ID_CONFIG, applicationId);
            StreamsBuilderFactoryBean application = new StreamsBuilderFactoryBean();
            // Started before the command gateways and the web server, stopped after them: the web server drains its
            // requests (which may wait on Streams' results) before Streams closes. Spring's default phase would stop
            // Streams first.
            application.setPhase(STREAMS_PHASE);
            application.setStreamsConfiguration(props);
            application.setCleanupConfig(new CleanupConfig(false, false));
            application.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureBuilder(StreamsBuilder builder) {
                    topologies.forEach(topology -> topology.build(builder));
                }
            });
            Map<String, Object> settings = new HashMap<>();
            props.forEach((key, value) -> settings.put(key.toString(), value));
            application.setStreamsUncaughtExceptionHandler(error -> {
                KafkaAccessFailures.named(error, settings, streamsOperation(error),
                        List.of("the internal topics, group and transactional ids of " + applicationId),
                        "running Streams application " + applicationId).ifPresentOrElse(
                                denied -> log.error("Streams application {} stops: {}; liveness turns DOWN",
                                        applicationId, denied.getMessage(), error),
                                () -> log.error("Streams application {} stops on an unrecoverable error; liveness "
                                        + "turns DOWN", applicationId, error));
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            healthBinder.bind(application);
            // As Spring's own default factory bean does: Spring Boot's Micrometer listener for Streams is one of them.
            configurers.orderedStream().forEach(configurer -> configurer.configure(application));
            return application;
        }

        /** Forwarded reads of state owned by another instance of the service. */
        @Bean
        OwnerForwarder tazaOwnerForwarder(TazaProperties taza, ObjectProvider<CircuitBreakerRegistry> breakers,
                @Qualifier(TazaSecurityAutoConfiguration.SERVICE_CREDENTIALS)
                ObjectProvider<ClientHttpRequestInterceptor> credentials) {
            return new OwnerForwarder(taza.getQuery(), breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults),
                    credentials.getIfAvailable());
        }

        /** The audit trail of each aggregate, in services with a command topology. */
        @Bean
        @ConditionalOnBean(CommandTopology.class)
        CommandHistoryController commandHistoryController(List<CommandTopology<?, ?>> topologies,
                StateQueries tazaStateQueries) {
            return new CommandHistoryController(topologies, tazaStateQueries);
        }

        /** REST reads of the Streams application's state, on whichever instance owns the key. */
        @Bean
        StateQueries tazaStateQueries(@Qualifier("tazaStreamsApplication") StreamsBuilderFactoryBean streams,
                TazaProperties taza, OwnerForwarder tazaOwnerForwarder) {
            return new StateQueries(streams, taza.getStreams().getApplicationServer(), tazaOwnerForwarder,
                    taza.getQuery().getRetryAfter());
        }

        @Bean
        StreamsHealthBinder streamsHealthBinder(ObjectProvider<StreamsHealth> health) {
            return new StreamsHealthBinder(health);
        }
    }

    /** The ACL operation a Streams application was refused, as far as the exception tells. */
    static String streamsOperation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof GroupAuthorizationException) {
                return "READ";
            }
            if (cause instanceof TransactionalIdAuthorizationException) {
                return "WRITE";
            }
            if (cause instanceof ClusterAuthorizationException) {
                return "IDEMPOTENT_WRITE or CREATE on";
            }
            if (cause instanceof TopicAuthorizationException) {
                return "READ, WRITE or CREATE";
            }
        }
        return "use";
    }

    /**
     * What {@code /actuator/env} and {@code /actuator/configprops} mask when an operator has them show values (the
     * platform exposes neither, and shows no value by default): Spring Boot's likely credentials, and every Kafka login
     * setting ({@code sasl.jaas.config} holds the password), key store and trust store, in any spelling (a property,
     * an environment variable), and any value that carries {@code password=} whatever its key.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SanitizingFunction.class)
    static class SecretsSanitizing {

        @Bean
        SanitizingFunction tazaKafkaSecrets() {
            return SanitizingFunction.sanitizeValue()
                    .ifLikelySensitive()
                    .ifKeyContains("jaas", "sasl", "scram", "password", "keystore", "key-store", "key_store",
                            "truststore", "trust-store", "trust_store", "ssl.key", "ssl-key", "ssl_key")
                    .ifValueStringMatches(Pattern.compile("(?is).*(password|secret)\\s*[=:].*"));
        }
    }

    /** Connects each Streams application to {@link StreamsHealth} (lazily: the health bean lists the applications). */
    static final class StreamsHealthBinder {
        private final ObjectProvider<StreamsHealth> health;

        StreamsHealthBinder(ObjectProvider<StreamsHealth> health) {
            this.health = health;
        }

        void bind(StreamsBuilderFactoryBean application) {
            application.setStateListener((newState, oldState) ->
                    health.getObject().stateListenerFor(application).onChange(newState, oldState));
            application.setStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                    health.getObject().restorationOf(application).onRestoreStart(partition, store, start, end);
                }

                @Override
                public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long restored) {
                    // progress only
                }

                @Override
                public void onRestoreEnd(TopicPartition partition, String store, long total) {
                    health.getObject().restorationOf(application).onRestoreEnd(partition, store, total);
                }

                @Override
                public void onRestoreSuspended(TopicPartition partition, String store, long total) {
                    health.getObject().restorationOf(application).onRestoreSuspended(partition, store, total);
                }
            });
        }
    }
}

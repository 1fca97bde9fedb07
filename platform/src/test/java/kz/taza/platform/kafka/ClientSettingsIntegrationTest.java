package kz.taza.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.ContextConfiguration;

import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.command.CommandContext;
import kz.taza.platform.command.CommandGateway;
import kz.taza.platform.command.CommandGatewayFactory;
import kz.taza.platform.command.CommandRules;
import kz.taza.platform.command.CommandTopology;
import kz.taza.platform.command.Outcome;
import kz.taza.platform.events.EventMetadataFactory;
import kz.taza.platform.test.ClientConfigRecorder;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.TestNames;
import kz.taza.platform.topic.Topic;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * The connection and security settings of {@code spring.kafka.*} are the only ones a service needs: every Kafka client
 * it creates carries them (the command gateway's producer, the result follower's consumer, the dead-letter producer,
 * the Streams application's own clients, the admin clients), with the platform's guarantees.
 */
@SpringBootTest(classes = ClientSettingsIntegrationTest.App.class, properties = {
        "spring.application.name=" + ClientSettingsIntegrationTest.NAME, "spring.main.web-application-type=none",
        ClientConfigRecorder.SECURITY_PROTOCOL, ClientConfigRecorder.SSL_PROTOCOL, ClientConfigRecorder.SASL_MECHANISM,
        ClientConfigRecorder.RECORDING})
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
class ClientSettingsIntegrationTest {

    static final String NAME = "client-settings-test";

    static final Topic<String, KpiValue> COMMANDS = Topic.named(TestNames.topic("settings", "commands"))
            .values(AvroSerdes.of(KpiValue.class)).partitions(1).deadLettered().build();
    static final Topic<String, CommandResult> RESULTS = Topic.named(TestNames.topic("settings", "command-results"))
            .values(AvroSerdes.of(CommandResult.class)).partitions(1).deadLettered().build();
    static final Topic<String, byte[]> COPIES = Topic.named(TestNames.topic("settings", "copies"))
            .values(Serdes.ByteArray()).partitions(1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue settingsTopics() {
            return () -> List.of(COMMANDS, RESULTS, COPIES);
        }

        /** A Streams application (so the service has a dead-letter producer) that copies the commands' bytes. */
        @Bean
        StreamsTopology copying() {
            return builder -> builder.stream(COMMANDS.name(), COMMANDS.consumed())
                    .mapValues(value -> COMMANDS.valueSerde().serializer().serialize(COMMANDS.name(), value))
                    .to(COPIES.name(), COPIES.produced());
        }

        /** Commands that change nothing: the test needs the gateway's clients, not a domain. */
        @Bean
        CommandTopology<KpiValue, KpiValue> settingsCommands() {
            return CommandTopology.<KpiValue, KpiValue>builder("settings")
                    .commands(COMMANDS).results(RESULTS).state(AvroSerdes.of(KpiValue.class))
                    .rules(new CommandRules<>() {
                        @Override
                        public List<FieldViolation> validate(KpiValue command, LocalDate today) {
                            return List.of();
                        }

                        @Override
                        public Outcome<KpiValue> decide(KpiValue command, KpiValue state, CommandContext context) {
                            return Outcome.Accepted.unchanged(context.aggregateId());
                        }
                    })
                    .routing((aggregateId, before, accepted) -> List.of())
                    .events(new EventMetadataFactory(NAME))
                    .zone(ZoneOffset.ofHours(5))
                    .build();
        }

        @Bean
        CommandGateway<KpiValue> settingsGateway(CommandGatewayFactory factory,
                CommandTopology<KpiValue, KpiValue> settingsCommands) {
            return factory.create(settingsCommands);
        }
    }

    @Autowired
    KafkaStreamsConfiguration streamsConfiguration;

    @Autowired
    KafkaAdmin admin;

    @Test
    void everyClientCarriesTheSecuritySettingsOfSpringKafka() {
        // The Streams application's client id is its application id, which starts with the service's name.
        String applicationId = streamsConfiguration.asProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        Map<String, Map<String, Object>> clients = ClientConfigRecorder.clientsCarryingTheSecuritySettings(NAME + "-",
                NAME + "-commands-1", NAME + "-command-results-1", NAME + "-dead-letters-1",
                applicationId + "-StreamThread-1-producer", applicationId + "-StreamThread-1-consumer");
        assertThat(clients.keySet()).anyMatch(id -> id.startsWith(applicationId) && id.endsWith("-restore-consumer"));

        // Producers idempotent with acks=all, never transactional; the follower reads committed results, no group.
        for (String producer : List.of(NAME + "-commands-1", NAME + "-dead-letters-1")) {
            assertThat(clients.get(producer))
                    .contains(entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                            entry(ProducerConfig.ACKS_CONFIG, "all"))
                    .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        }
        assertThat(clients.get(NAME + "-command-results-1"))
                .contains(entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);

        // Admin clients (Streams' own, the topic declarations, TopicsReady) have no interceptors: their settings.
        assertThat(streamsConfiguration.asProperties()).containsAllEntriesOf(ClientConfigRecorder.SECURITY_SETTINGS);
        assertThat(admin.getConfigurationProperties()).containsAllEntriesOf(ClientConfigRecorder.SECURITY_SETTINGS);
    }
}

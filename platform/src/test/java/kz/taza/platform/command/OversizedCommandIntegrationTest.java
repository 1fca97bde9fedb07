package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.ContextConfiguration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import kz.taza.events.common.CommandOutcome;
import kz.taza.events.common.CommandResult;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiValue;
import kz.taza.events.common.RejectionKind;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.topic.TopicCatalogue;
import kz.taza.schemas.codec.AvroSerdes;

/**
 * A command whose records would be too large to send gets a REJECTED result at once (not a 202 for ever, not a stopped
 * application), and the aggregate's store and its changelog still agree on the state before it. The Streams producer
 * here sends at most 16 KiB; each command adds its note to the aggregate's state. A command too large for the
 * gateway's own producer is refused as such (413), and however many of them a client sends, the gateway's circuit
 * breaker stays closed for everyone else.
 */
@SpringBootTest(classes = OversizedCommandIntegrationTest.App.class,
        properties = {"spring.application.name=oversized-command-test",
                "spring.kafka.streams.properties.producer.max.request.size=16384",
                // the gateway's producer takes at most 64 KiB; its breaker would open after 5 failures in 10 calls
                "spring.kafka.producer.properties.max.request.size=65536",
                "resilience4j.circuitbreaker.configs.default.sliding-window-size=10",
                "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=5"})
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
class OversizedCommandIntegrationTest {

    static final Budget LEDGER = new Budget();

    /** Accepts every command and keeps every note: the state grows with each one. */
    static final CommandRules<KpiValue, KpiValue> KEEP_NOTES = new CommandRules<>() {
        @Override
        public List<FieldViolation> validate(KpiValue command, java.time.LocalDate today) {
            return List.of();
        }

        @Override
        public Outcome<KpiValue> decide(KpiValue command, KpiValue state, CommandContext context) {
            String notes = (state == null ? "" : state.getScope()) + command.getScope();
            KpiValue next = KpiValue.newBuilder(command).setScope(notes).build();
            return new Outcome.Accepted<>(next, context.aggregateId(), List.of(context.metadata(0)));
        }
    };

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue ledgerTopics() {
            return () -> List.of(LEDGER.commands, LEDGER.results, LEDGER.totals, LEDGER.events);
        }

        @Bean
        CommandTopology<KpiValue, KpiValue> ledgerCommands() {
            return LEDGER.builder(KEEP_NOTES).build();
        }

        @Bean
        CommandGateway<KpiValue> ledgerGateway(CommandGatewayFactory factory,
                CommandTopology<KpiValue, KpiValue> ledgerCommands) {
            return factory.create(ledgerCommands, Duration.ofSeconds(30));
        }
    }

    @Autowired
    CommandGateway<KpiValue> gateway;

    @Autowired
    CommandTopology<KpiValue, KpiValue> topology;

    @Autowired
    StreamsBuilderFactoryBean streams;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void aCommandTooLargeToWriteIsRejectedAndStoreAndChangelogAgree() {
        String note = "n".repeat(6_000);
        assertThat(send("F-1", note).getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
        assertThat(send("F-1", note).getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);

        // the third note would make the state (and its changelog record, and the totals record) about 18 KiB
        CommandResult third = send("F-1", note);

        assertThat(third.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
        assertThat(third.getRejection()).isEqualTo(RejectionKind.INVALID);
        assertThat(third.getReasonCode()).isEqualTo("RECORD_TOO_LARGE");
        assertThat(third.getReason()).contains("16384 bytes");
        // and the application goes on: a small command for another aggregate is accepted
        assertThat(send("F-2", "small").getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);

        KpiValue stored = store().get("F-1");
        assertThat(stored.getScope()).hasSize(12_000);
        assertThat(latestInChangelog("F-1")).isEqualTo(stored);
    }

    @Test
    void commandsTooLargeForTheGatewayAreRefusedWithoutOpeningTheBreakerForOthers() {
        String note = "n".repeat(70_000);
        for (int i = 0; i < 12; i++) {
            KpiValue tooLarge = KpiValue.newBuilder(Budget.spend("F-huge", 1)).setScope(note).build();
            assertThatThrownBy(() -> gateway.send("F-huge", tooLarge, null))
                    .isInstanceOf(CommandGateway.CommandTooLargeException.class)
                    .hasRootCauseInstanceOf(RecordTooLargeException.class);
        }
        assertThat(breakers.circuitBreaker("commands-" + LEDGER.commands.name()).getState())
                .isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(send("F-after-huge", "small").getOutcome()).isEqualTo(CommandOutcome.ACCEPTED);
    }

    private CommandResult send(String aggregate, String note) {
        CommandReceipt receipt = gateway.send(aggregate,
                KpiValue.newBuilder(Budget.spend(aggregate, 1)).setScope(note).build(), null);
        assertThat(receipt.isPending()).as("a result, not a 202").isFalse();
        return receipt.result().orElseThrow();
    }

    private ReadOnlyKeyValueStore<String, KpiValue> store() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> streams.getKafkaStreams().store(StoreQueryParameters.fromNameAndType(
                        topology.stateStoreName(), QueryableStoreTypes.<String, KpiValue>keyValueStore())),
                        store -> store != null);
    }

    private KpiValue latestInChangelog(String key) {
        String applicationId = streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        String name = applicationId + "-" + topology.stateStoreName() + "-changelog";
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTestClients.readRawUntil(name, seen -> seen.stream()
                .filter(r -> key.equals(new String(r.key()))).count() >= 2);
        ConsumerRecord<byte[], byte[]> last = records.stream().filter(r -> key.equals(new String(r.key())))
                .reduce((first, second) -> second).orElseThrow();
        return AvroSerdes.of(KpiValue.class).deserializer().deserialize(name, last.value());
    }
}

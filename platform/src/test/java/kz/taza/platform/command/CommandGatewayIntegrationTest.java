package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import kz.taza.events.common.EventMetadata;
import kz.taza.events.common.FieldViolation;
import kz.taza.events.common.KpiValue;
import kz.taza.platform.errors.RejectedRecordHeaders;
import kz.taza.platform.security.Allow;
import kz.taza.platform.security.Role;
import kz.taza.platform.test.BadBytes;
import kz.taza.platform.test.KafkaTestClients;
import kz.taza.platform.test.SharedBrokerInitializer;
import kz.taza.platform.test.SharedIdentityProvider;
import kz.taza.platform.topic.TopicCatalogue;

/**
 * Commands through REST on the real broker: accepted, rejected with a problem document, retried with an
 * Idempotency-Key, answered 202 when the result is late, and refused before anything is written when the request
 * itself is bad.
 */
@SpringBootTest(classes = CommandGatewayIntegrationTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.application.name=command-gateway-test")
@ContextConfiguration(initializers = SharedBrokerInitializer.class)
@AutoConfigureRestTestClient
class CommandGatewayIntegrationTest {

    static final Budget BUDGET = new Budget();

    record SpendRequest(@NotNull Double tonnes) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        TopicCatalogue budgetTopics() {
            return () -> List.of(BUDGET.commands, BUDGET.results, BUDGET.totals, BUDGET.events);
        }

        @Bean
        CommandTopology<KpiValue, KpiValue> budgetCommands() {
            return BUDGET.topology();
        }

        @Bean
        CommandGateway<KpiValue> budgetGateway(CommandGatewayFactory factory,
                CommandTopology<KpiValue, KpiValue> budgetCommands) {
            return factory.create(budgetCommands);
        }

        /** The same commands, with a gateway that never waits: every answer is 202. */
        @Bean
        CommandGateway<KpiValue> impatientGateway(CommandGatewayFactory factory,
                CommandTopology<KpiValue, KpiValue> budgetCommands) {
            return factory.create(budgetCommands, Duration.ZERO);
        }

        @Bean
        BudgetController budgetController(@Qualifier("budgetGateway") CommandGateway<KpiValue> gateway,
                @Qualifier("impatientGateway") CommandGateway<KpiValue> impatient) {
            return new BudgetController(gateway, impatient);
        }
    }

    @RestController
    static class BudgetController {
        private final CommandGateway<KpiValue> gateway;
        private final CommandGateway<KpiValue> impatient;

        BudgetController(CommandGateway<KpiValue> gateway, CommandGateway<KpiValue> impatient) {
            this.gateway = gateway;
            this.impatient = impatient;
        }

        @Allow(Role.OFFICER)
        @PostMapping("/budgets/{facility}/spendings")
        ResponseEntity<Object> spend(@PathVariable String facility, @Valid @RequestBody SpendRequest request,
                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
            return CommandResponses.respond(gateway.send(facility, Budget.spend(facility, request.tonnes()),
                    idempotencyKey), HttpStatus.CREATED);
        }

        @Allow(Role.OFFICER)
        @PostMapping("/impatient/{facility}/spendings")
        ResponseEntity<Object> spendImpatiently(@PathVariable String facility,
                @Valid @RequestBody SpendRequest request) {
            return CommandResponses.respond(impatient.send(facility, Budget.spend(facility, request.tonnes()), null),
                    HttpStatus.CREATED);
        }
    }

    @Autowired
    RestTestClient http;

    @BeforeEach
    void asAnOfficer() {
        http = http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION,
                "Bearer " + SharedIdentityProvider.get().token(Role.OFFICER)).build();
    }

    @Autowired
    @Qualifier("budgetGateway")
    CommandGateway<KpiValue> gateway;

    @Test
    void aBatchGetsEachCommandsOwnResultInTheOrderSent() {
        // given three spendings, the last of which breaks its facility's budget
        List<CommandGateway.Batched<KpiValue>> batch = List.of(
                new CommandGateway.Batched<>("F-batch-1", Budget.spend("F-batch-1", 10), null),
                new CommandGateway.Batched<>("F-batch-2", Budget.spend("F-batch-2", 20), null),
                new CommandGateway.Batched<>("F-batch-3", Budget.spend("F-batch-3", 500), null));

        // when they are sent side by side
        List<CommandReceipt> receipts = gateway.sendAll(batch);

        // then each receipt is its own command's
        assertThat(receipts).extracting(CommandReceipt::isAccepted).containsExactly(true, true, false);
        assertThat(receipts.get(2).result().orElseThrow().getReasonCode()).isEqualTo("budget-exceeded");
    }

    @Test
    void aBatchWithAnInvalidCommandIsRefusedWholeBeforeAnythingIsSent() {
        List<CommandGateway.Batched<KpiValue>> batch = List.of(
                new CommandGateway.Batched<>("F-batch-ok", Budget.spend("F-batch-ok", 10), null),
                new CommandGateway.Batched<>("F-batch-bad", Budget.spend("F-batch-bad", -10), null));

        assertThatThrownBy(() -> gateway.sendAll(batch))
                .isInstanceOfSatisfying(CommandGateway.InvalidCommandException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::getField).containsExactly("[1].value"));

        assertNothingWasSentFor("F-batch-ok", "F-batch-bad");
    }

    @Test
    void refusesACommandTheRulesRejectOnItsFaceBeforeSendingItNamingTheFieldAsTheProcessorWould() {
        spend("F-negative", "{\"tonnes\": -3}", null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reasonCode").isEqualTo("amount-not-positive")
                .jsonPath("$.violations[0].field").isEqualTo("value")
                .jsonPath("$.violations[0].code").isEqualTo("amount-not-positive")
                .jsonPath("$.violations[0].message").isEqualTo("must be greater than 0");

        assertNothingWasSentFor("F-negative");
    }

    @Test
    void acceptsACommandOnceEvenWhenTheClientRetriesWithTheSameIdempotencyKey() {
        String first = spend("F-retry", "{\"tonnes\": 25}", "key-1")
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("commandId").toString();
        String retried = spend("F-retry", "{\"tonnes\": 25}", "key-1")
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("commandId").toString();
        spend("F-retry", "{\"tonnes\": 5}", "key-2").expectStatus().isCreated();

        assertThat(retried).isEqualTo(first);
        List<ConsumerRecord<String, KpiValue>> totals = KafkaTestClients.readUntil(BUDGET.totals,
                records -> records.stream().filter(r -> r.key().equals("F-retry")).count() >= 2);
        assertThat(totals).filteredOn(r -> r.key().equals("F-retry")).extracting(r -> r.value().getValue())
                .containsExactly(25.0, 30.0);
        List<ConsumerRecord<String, EventMetadata>> events = KafkaTestClients.readUntil(BUDGET.events,
                records -> records.stream().filter(r -> r.key().equals("F-retry")).count() >= 2);
        assertThat(events).filteredOn(r -> r.key().equals("F-retry")).hasSize(2);
    }

    @Test
    void answersARejectedCommandWithAProblemDocumentNamingTheReason() {
        spend("F-full", "{\"tonnes\": 90}", null).expectStatus().isCreated();

        spend("F-full", "{\"tonnes\": 20}", null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.reasonCode").isEqualTo("budget-exceeded")
                .jsonPath("$.type").isEqualTo("/problems/budget-exceeded")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("exceed"));

        spend("F-full", "{\"tonnes\": -1}", null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("value");
    }

    @Test
    void refusesABadRequestBeforeWritingAnything() {
        spend("F-bad", "{}", null)
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("tonnes");
        spend("F-bad", "{\"tonnes\": ", null)
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.title").isEqualTo("Malformed request body");
        assertNothingWasSentFor("F-bad");
    }

    @Test
    void answers202WithAStatusUrlWhenTheResultIsLateAndTheStatusUrlAnswersLater() {
        var pending = http.post().uri("/impatient/F-late/spendings").contentType(MediaType.APPLICATION_JSON)
                .body("{\"tonnes\": 3}").exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult();
        String statusUrl = pending.getResponseHeaders().getLocation().toString();
        assertThat(statusUrl).startsWith("/api/v1/commands/");

        Awaitility.await("command status").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri(statusUrl).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.outcome").isEqualTo("ACCEPTED"));
    }

    @Test
    void sendsACommandWithoutAnIdToTheDeadLetterTopic() {
        KafkaTestClients.sendRaw(BUDGET.commands.name(), "F-anon",
                BUDGET.commands.valueSerde().serializer().serialize(BUDGET.commands.name(), Budget.spend("F-anon", 1)));

        List<ConsumerRecord<byte[], byte[]>> rejected = KafkaTestClients.readRawUntil(
                BUDGET.commands.rejectedTopicName(), records -> !records.isEmpty());
        assertThat(new String(rejected.get(0).headers().lastHeader(RejectedRecordHeaders.ERROR_MESSAGE).value()))
                .contains(CommandHeaders.COMMAND_ID);
        // The processor keeps going.
        spend("F-after-anon", "{\"tonnes\": 1}", null).expectStatus().isCreated();
    }

    @Test
    void theResultFollowerQuarantinesARecordItCannotReadAndKeepsAnsweringAsPartOfLiveness() {
        KafkaTestClients.sendRaw(BUDGET.results.name(), "not-a-result", BadBytes.garbage());

        List<ConsumerRecord<byte[], byte[]>> rejected = KafkaTestClients.readRawUntil(
                BUDGET.results.rejectedTopicName(), records -> records.stream()
                        .anyMatch(r -> new String(r.key()).equals("not-a-result")));
        assertThat(rejected).filteredOn(r -> new String(r.key()).equals("not-a-result")).first()
                .satisfies(r -> assertThat(KafkaTestClients.header(r.headers(), RejectedRecordHeaders.ERROR_REASON))
                        .isEqualTo("MALFORMED"));
        spend("F-after-bad-result", "{\"tonnes\": 1}", null).expectStatus().isCreated();
        // The components of liveness are shown to the operations role only.
        http.get().uri("/actuator/health/liveness")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SharedIdentityProvider.get().token(Role.OPERATIONS))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.followersLiveness.status").isEqualTo("UP")
                .jsonPath("$.components.followersLiveness.details['command-results:" + BUDGET.results.name() + "']")
                .isEqualTo("FOLLOWING");
    }

    /**
     * A later good command for another facility shows the commands topic was read past this point, and that nothing
     * for the given facilities reached it.
     */
    private void assertNothingWasSentFor(String... facilities) {
        String marker = facilities[0] + "-after";
        spend(marker, "{\"tonnes\": 1}", null).expectStatus().isCreated();
        List<ConsumerRecord<String, KpiValue>> commands = KafkaTestClients.readUntil(BUDGET.commands,
                records -> records.stream().anyMatch(r -> r.key().equals(marker)));
        assertThat(commands).noneMatch(r -> List.of(facilities).contains(r.key()));
    }

    private RestTestClient.ResponseSpec spend(String facility, String json, String idempotencyKey) {
        var request = http.post().uri("/budgets/{facility}/spendings", facility)
                .contentType(MediaType.APPLICATION_JSON).body(json);
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }
}

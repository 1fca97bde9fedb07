package kz.taza.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
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
        ResponseEntity<CommandStatusView> spend(@PathVariable String facility, @Valid @RequestBody SpendRequest request,
                @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
            return CommandResponses.respond(gateway.send(facility, Budget.spend(facility, request.tonnes()),
                    idempotencyKey), HttpStatus.CREATED);
        }

        @Allow(Role.OFFICER)
        @PostMapping("/budgets/{facility}/spendings/batch")
        ResponseEntity<Integer> spendAll(@PathVariable String facility, @RequestBody List<SpendRequest> requests) {
            List<CommandGateway.Batched<KpiValue>> batch = requests.stream()
                    .map(r -> new CommandGateway.Batched<>(facility, Budget.spend(facility, r.tonnes()), null))
                    .toList();
            return ResponseEntity.ok(gateway.sendAll(batch).size());
        }

        @Allow(Role.OFFICER)
        @PostMapping("/impatient/{facility}/spendings")
        ResponseEntity<CommandStatusView> spendImpatiently(@PathVariable String facility,
                @Valid @RequestBody SpendRequest request) {
            return CommandResponses.respond(impatient.send(facility, Budget.spend(facility, request.tonnes()), null),
                    HttpStatus.CREATED);
        }
    }

    @Autowired
    RestTestClient http;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

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
    void aKeyReusedWithAnotherBodyIs409AndChangesNothingWhileTheFirstResultStands() {
        String first = spend("F-reuse", "{\"tonnes\": 25}", "key-reused")
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("commandId").toString();

        spend("F-reuse", "{\"tonnes\": 40}", "key-reused")
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/IDEMPOTENCY_KEY_REUSED")
                .jsonPath("$.commandId").isEqualTo(first)
                .jsonPath("$.violations[0].field").isEqualTo("Idempotency-Key");
        // the first request's retry is still answered with its own result
        spend("F-reuse", "{\"tonnes\": 25}", "key-reused").expectStatus().isCreated()
                .expectBody().jsonPath("$.commandId").isEqualTo(first);
        spend("F-reuse", "{\"tonnes\": 5}", "key-after").expectStatus().isCreated();

        // only the first and the last changed the budget: 25, then 30 (never 65)
        List<ConsumerRecord<String, KpiValue>> totals = KafkaTestClients.readUntil(BUDGET.totals,
                records -> records.stream().filter(r -> r.key().equals("F-reuse")).count() >= 2);
        assertThat(totals).filteredOn(r -> r.key().equals("F-reuse")).extracting(r -> r.value().getValue())
                .containsExactly(25.0, 30.0);
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
        // well-formed JSON with a value of the wrong type: the field is named
        spend("F-bad", "{\"tonnes\": \"lots\"}", null)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.violations[0].field").isEqualTo("tonnes");
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

    /**
     * The gateway's timer tells operators what became of the commands: answered within the wait, late (202 with a
     * status URL) or not sent (503), each series there before its first command so that an alert has one to read.
     */
    @Test
    void timesEachCommandByWhatBecameOfIt() {
        // given: every series exists, whatever has been sent so far
        for (String result : List.of("answered", "late", "not_sent")) {
            assertThat(meters.find("taza.commands").tag("topic", BUDGET.commands.name()).tag("result", result)
                    .timer()).as(result).isNotNull();
        }
        long answered = commandsTimed("answered");
        long late = commandsTimed("late");
        long notSent = commandsTimed("not_sent");

        // when: one command answered, one late, one that the open breaker keeps from the broker
        spend("F-timed", "{\"tonnes\": 1}", null).expectStatus().isCreated();
        http.post().uri("/impatient/F-timed-late/spendings").contentType(MediaType.APPLICATION_JSON)
                .body("{\"tonnes\": 1}").exchange().expectStatus().isAccepted();
        CircuitBreaker breaker = circuitBreakers.circuitBreaker("commands-" + BUDGET.commands.name());
        breaker.transitionToForcedOpenState();
        try {
            spend("F-timed-unsent", "{\"tonnes\": 1}", null).expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        } finally {
            breaker.transitionToClosedState();
        }

        // then
        assertThat(commandsTimed("answered")).isEqualTo(answered + 1);
        assertThat(commandsTimed("late")).isEqualTo(late + 1);
        assertThat(commandsTimed("not_sent")).isEqualTo(notSent + 1);
    }

    private long commandsTimed(String result) {
        return meters.get("taza.commands").tag("topic", BUDGET.commands.name()).tag("result", result).timer().count();
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() {
        // given: a valid batch of spendings, a little over the limit of 1 MiB
        StringBuilder body = new StringBuilder("[");
        while (body.length() < 1024 * 1024 + 100_000) {
            body.append("{\"tonnes\": 1},");
        }
        body.append("{\"tonnes\": 1}]");

        http.post().uri("/budgets/F-too-large/spendings/batch").contentType(MediaType.APPLICATION_JSON)
                .body(body.toString()).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.type").isEqualTo("/problems/request-too-large")
                .jsonPath("$.maxBytes").isEqualTo(1024 * 1024);
        assertNothingWasSentFor("F-too-large");
    }

    /**
     * A body of 20 million spendings sent without a length (chunked, about 280 MB) is cut off at the limit: 413, nothing
     * sent, and the server stops reading it, so the client could write only a small part of it (the limit, what the
     * server discards before closing, and the sockets' buffers) before the connection closed.
     */
    @Test
    void aTwentyMillionItemBodyWithoutALengthIsCutOffAtTheLimit() throws Exception {
        byte[] item = "{\"tonnes\": 1},".getBytes(StandardCharsets.US_ASCII);
        long items = 20_000_000L;
        long total = items * item.length;
        AtomicLong written = new AtomicLong();
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /budgets/F-chunked/spendings/batch HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + SharedIdentityProvider.get().token(Role.OFFICER) + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[item.length * 4096];
                for (int i = 0; i < 4096; i++) {
                    System.arraycopy(item, 0, chunk, i * item.length, item.length);
                }
                byte[] header = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    out.write("1\r\n[\r\n".getBytes(StandardCharsets.US_ASCII));
                    while (written.get() < total) {
                        out.write(header);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException closedByTheServer) {
                    // expected: the server answered and closed the connection
                }
            });
            writer.setDaemon(true);
            writer.start();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 413");
            writer.join(30_000);
            assertThat(writer.isAlive()).as("the server closed the connection").isFalse();
        }
        assertThat(written.get()).as("bytes the client could write of %d", total).isLessThan(total / 10);
        assertNothingWasSentFor("F-chunked");
    }

    /**
     * At shutdown the web server drains first (its graceful shutdown and its stop), then the command gateways stop,
     * then Streams: a request in flight still gets its result. (Lifecycle beans stop from the highest phase down.)
     */
    @Test
    void theWebServerStopsBeforeTheGatewaysAndTheGatewaysBeforeStreams() {
        Map<String, SmartLifecycle> lifecycles = context.getBeansOfType(SmartLifecycle.class);
        int webServer = lifecycles.values().stream().filter(l -> l.getClass().getSimpleName().startsWith("WebServer"))
                .mapToInt(SmartLifecycle::getPhase).min().orElseThrow();
        int gateways = context.getBean(CommandGatewayFactory.class).getPhase();
        int streams = context.getBean(StreamsBuilderFactoryBean.class).getPhase();

        assertThat(lifecycles.values()).filteredOn(l -> l.getClass().getSimpleName().startsWith("WebServer"))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(gateways).isLessThan(webServer);
        assertThat(streams).isLessThan(gateways);
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

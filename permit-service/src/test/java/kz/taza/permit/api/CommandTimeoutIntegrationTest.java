package kz.taza.permit.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import kz.taza.permit.support.Json;
import kz.taza.platform.test.TazaServiceTest;
import kz.taza.platform.test.TestNames;

/**
 * When the result does not arrive within the wait (here: a service configured not to wait at all), the officer gets
 * 202 with a status URL, and the command is still carried out: the status URL and the registry show it later.
 */
@TazaServiceTest
@AutoConfigureRestTestClient
@TestPropertySource(properties = "taza.commands.wait-for-result=0s")
// Closed after the class: a context left running would act as a second deployment deciding later tests' commands.
@DirtiesContext
class CommandTimeoutIntegrationTest {

    @Autowired
    RestTestClient http;

    @Test
    void aLateResultIsAnswered202WithAStatusUrlThatAnswersOnceTheCommandIsDone() {
        String f = TestNames.unique("KZ-71");

        var pending = http.post().uri("/api/v1/facilities").contentType(MediaType.APPLICATION_JSON)
                .body(Json.facility(f, "II", false)).exchange()
                .expectStatus().isAccepted()
                .expectBody(Map.class).returnResult();

        String statusUrl = pending.getResponseHeaders().getLocation().toString();
        assertThat(statusUrl).startsWith("/api/v1/commands/");
        assertThat(pending.getResponseBody()).containsEntry("status", "PENDING");
        Awaitility.await("command status").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                http.get().uri(statusUrl).exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.outcome").isEqualTo("ACCEPTED")
                        .jsonPath("$.resourceId").isEqualTo(f));
        Awaitility.await("registry").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/api/v1/facilities/{id}", f).exchange().expectStatus().isOk());
    }
}

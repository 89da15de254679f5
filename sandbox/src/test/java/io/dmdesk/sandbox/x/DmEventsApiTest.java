package io.dmdesk.sandbox.x;

import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE;
import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_ID;
import static io.dmdesk.sandbox.SandboxClient.DEMO_POLICE_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.PC_JONES;
import static io.dmdesk.sandbox.SandboxClient.PC_JONES_TOKEN;
import static io.dmdesk.sandbox.SandboxClient.data;
import static io.dmdesk.sandbox.SandboxClient.meta;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmdesk.sandbox.SandboxClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=sandbox")
@AutoConfigureWebTestClient
class DmEventsApiTest {

    private static final String ALL_FIELDS =
            "dm_event.fields=id,text,event_type,created_at,dm_conversation_id,sender_id";

    @Autowired
    WebTestClient web;

    SandboxClient sandbox;

    @BeforeEach
    void reset() {
        sandbox = new SandboxClient(web);
        sandbox.reset();
    }

    @Test
    void onlyIdEventTypeAndTextAreReturnedUnlessFieldsAreAskedFor() {
        sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "Someone broke into my car");

        Map<String, Object> event =
                data(sandbox.dmEvents(DEMO_POLICE_TOKEN, "")).get(0);

        assertThat(event).containsOnlyKeys("id", "event_type", "text");
        assertThat(event)
                .containsEntry("event_type", "MessageCreate")
                .containsEntry("text", "Someone broke into my car");
    }

    @Test
    void askedForFieldsComeBackInXFormats() {
        Map<String, Object> sent = sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "hello");

        Map<String, Object> event =
                data(sandbox.dmEvents(DEMO_POLICE_TOKEN, ALL_FIELDS)).get(0);

        String citizenId = (String) sent.get("senderId");
        assertThat(event)
                .containsEntry("id", sent.get("id"))
                .containsEntry("sender_id", citizenId)
                .containsEntry("dm_conversation_id", DEMO_POLICE_ID + "-" + citizenId)
                .doesNotContainKey("participant_ids");
        assertThat((String) event.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(citizenId).matches("8\\d{18}");
    }

    @Test
    void paginationReturnsEveryEventExactlyOnceNewestFirst() {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add((String) sandbox.citizenWrites(DEMO_POLICE, "citizen" + (i % 3), "message " + i)
                    .get("id"));
        }

        List<String> seen = new ArrayList<>();
        String query = "max_results=3";
        int pages = 0;
        while (query != null) {
            Map<String, Object> page = sandbox.dmEvents(DEMO_POLICE_TOKEN, query);
            data(page).forEach(event -> seen.add((String) event.get("id")));
            Object next = meta(page).get("next_token");
            query = next == null ? null : "max_results=3&pagination_token=" + next;
            pages++;
        }

        Collections.reverse(written);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(written);
    }

    @Test
    void sentDmAppearsInTheAccountsEventsWithTheAccountAsSender() {
        String citizenId = (String)
                sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "help").get("senderId");

        Map<String, Object> sent = sandbox.sentDm(DEMO_POLICE_TOKEN, citizenId, "Thanks, we are on it");

        @SuppressWarnings("unchecked")
        Map<String, Object> created = (Map<String, Object>) sent.get("data");
        assertThat(created).containsEntry("dm_conversation_id", DEMO_POLICE_ID + "-" + citizenId);
        List<Map<String, Object>> events = data(sandbox.dmEvents(DEMO_POLICE_TOKEN, "dm_event.fields=sender_id"));
        assertThat(events).hasSize(2);
        assertThat(events.get(0))
                .containsEntry("id", created.get("dm_event_id"))
                .containsEntry("sender_id", DEMO_POLICE_ID)
                .containsEntry("text", "Thanks, we are on it");
        assertThat(events.get(1)).containsEntry("sender_id", citizenId);
    }

    @Test
    void anotherAccountsEventsAreNotVisible() {
        sandbox.citizenWrites(PC_JONES, "jane_citizen", "for PC Jones only");

        assertThat(sandbox.dmEvents(DEMO_POLICE_TOKEN, "")).isEqualTo(Map.of("meta", Map.of("result_count", 0)));
        assertThat(data(sandbox.dmEvents(PC_JONES_TOKEN, "")))
                .extracting(event -> event.get("text"))
                .containsExactly("for PC Jones only");
    }

    @Test
    void senderExpansionIncludesTheSendersUserObjects() {
        web.post()
                .uri("/control/messages")
                .bodyValue(Map.of(
                        "platform",
                        "x",
                        "channel",
                        "dm",
                        "account",
                        DEMO_POLICE,
                        "sender",
                        "jane_citizen",
                        "senderName",
                        "Jane Doe",
                        "text",
                        "hi"))
                .exchange()
                .expectStatus()
                .isCreated();

        web.get()
                .uri("/x/2/dm_events?expansions=sender_id&user.fields=username,name")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_POLICE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.includes.users.length()")
                .isEqualTo(1)
                .jsonPath("$.includes.users[0].username")
                .isEqualTo("jane_citizen")
                .jsonPath("$.includes.users[0].name")
                .isEqualTo("Jane Doe")
                .jsonPath("$.meta.result_count")
                .isEqualTo(1)
                .jsonPath("$.meta.next_token")
                .doesNotExist();
    }

    @Test
    void missingOrUnknownTokenIsUnauthorizedWithProblemJson() {
        web.get()
                .uri("/x/2/dm_events")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.valueOf("application/problem+json"))
                .expectBody()
                .json("""
            {"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""");
        web.get()
                .uri("/x/2/dm_events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void everyAnswerCarriesRateLimitHeaders() {
        long now = System.currentTimeMillis() / 1000;
        web.get()
                .uri("/x/2/dm_events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PC_JONES_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("x-rate-limit-limit", "1500")
                .expectHeader()
                .value(
                        "x-rate-limit-remaining",
                        remaining -> assertThat(Integer.parseInt(remaining)).isLessThan(1500))
                .expectHeader()
                .value(
                        "x-rate-limit-reset",
                        reset -> assertThat(Long.parseLong(reset)).isGreaterThan(now));
    }

    @Test
    void invalidParametersAreBadRequestsLikeX() {
        for (String query : List.of(
                "max_results=0",
                "max_results=101",
                "max_results=ten",
                "dm_event.fields=id,bogus",
                "event_types=Typing",
                "pagination_token=nonsense",
                "since_id=1")) {
            web.get()
                    .uri("/x/2/dm_events?" + query)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_POLICE_TOKEN)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .exists("x-rate-limit-remaining")
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("Invalid Request")
                    .jsonPath("$.errors[0].message")
                    .exists();
        }
    }

    @Test
    void eventTypeFilterForOtherTypesReturnsNothing() {
        sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "hello");

        assertThat(meta(sandbox.dmEvents(DEMO_POLICE_TOKEN, "event_types=ParticipantsJoin")))
                .containsEntry("result_count", 0);
        assertThat(data(sandbox.dmEvents(DEMO_POLICE_TOKEN, "event_types=MessageCreate")))
                .hasSize(1);
    }

    @Test
    void sendingToAnUnknownParticipantIsRejectedAndRecordsNothing() {
        sandbox.sendDm(DEMO_POLICE_TOKEN, "8123456789012345678", Map.of("text", "hello"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].parameters.participant_id[0]")
                .isEqualTo("8123456789012345678");

        assertThat(meta(sandbox.dmEvents(DEMO_POLICE_TOKEN, ""))).containsEntry("result_count", 0);
    }

    @Test
    void blankMissingOrTooLongTextIsRejected() {
        String citizenId = (String)
                sandbox.citizenWrites(DEMO_POLICE, "jane_citizen", "hi").get("senderId");

        sandbox.sendDm(DEMO_POLICE_TOKEN, citizenId, Map.of("text", " "))
                .expectStatus()
                .isBadRequest();
        sandbox.sendDm(DEMO_POLICE_TOKEN, citizenId, Map.of("attachments", List.of()))
                .expectStatus()
                .isBadRequest();
        sandbox.sendDm(DEMO_POLICE_TOKEN, citizenId, Map.of("text", "x".repeat(10_001)))
                .expectStatus()
                .isBadRequest();
        sandbox.sendDm(DEMO_POLICE_TOKEN, citizenId, Map.of("text", "x".repeat(10_000)))
                .expectStatus()
                .isCreated();
        web.post()
                .uri("/x/2/dm_conversations/with/{id}/messages", citizenId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + DEMO_POLICE_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void sendingWithoutTokenIsUnauthorized() {
        web.post()
                .uri("/x/2/dm_conversations/with/{id}/messages", "8000000000000000001")
                .bodyValue(Map.of("text", "hi"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}

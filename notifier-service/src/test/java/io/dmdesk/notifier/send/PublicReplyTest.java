package io.dmdesk.notifier.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.CaseOpened;
import io.dmdesk.contracts.EventJson;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.Platform;
import io.dmdesk.contracts.Topics;
import io.dmdesk.contracts.TriagedReport;
import io.dmdesk.contracts.Urgency;
import io.dmdesk.testsupport.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Public mentions and comments are answered in public, in their thread, once, on X, Mastodon, Facebook,
 * Instagram, Bluesky and in Telegram groups, with a text that repeats nothing of the report and asks the person to continue by DM
 * or phone; the case reference never follows in public.
 */
class PublicReplyTest extends SandboxSenderTest {

    private static final String EN =
            "Thank you for getting in touch. Please do not share details of a crime in public: "
                    + "send us a direct message or call 101. If you have posted personal details here (names, addresses, "
                    + "phone numbers), we suggest you remove them.";
    private static final String EN_EMERGENCY = "If anyone is in danger right now, call 999 immediately. Otherwise send "
            + "us a direct message or call 101, and please remove any personal details you have posted here.";
    private static final String NB = "Takk for at du tar kontakt. Ikke del detaljer om en sak offentlig: send oss en "
            + "direktemelding eller ring 101. Har du lagt ut personopplysninger her (navn, adresser, telefonnumre), "
            + "anbefaler vi at du sletter dem.";
    private static final String NN = "Takk for at du tek kontakt. Ikkje del detaljar om ei sak offentleg: send oss ei "
            + "direktemelding eller ring 101. Har du lagt ut personopplysningar her (namn, adresser, telefonnummer), "
            + "rår vi deg til å slette dei.";

    @Test
    void xMentionGetsOnePublicReplyInItsThreadAndNoCaseReferenceInPublic() {
        String handle = newHandle("x");
        Map<?, ?> post = writeOn("x", "mention", "DemoPolice", handle, "my bike was stolen from Elm Street");
        String postId = String.valueOf(post.get("id"));
        TriagedReport report = publicReport(
                Platform.X,
                "x-demopolice",
                "DemoPolice",
                "public-" + post.get("senderId"),
                postId,
                new Author(String.valueOf(post.get("senderId")), handle, handle),
                "my bike was stolen from Elm Street",
                Urgency.ROUTINE,
                "en",
                Map.of());
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30)).until(() -> replies("x", handle).size() == 1);
        TestKafka.send(
                Topics.CASES_OPENED.name(),
                report.reportId(),
                EventJson.toBytes(new CaseOpened(
                        CaseOpened.SCHEMA_VERSION,
                        report.reportId(),
                        report.reference(),
                        "sandbox-case-system",
                        "CAS-2026-424242",
                        1,
                        Instant.now())));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> intent(report, "CASE_REFERENCE") != null
                        && "CANNOT_REPLY_ON_CHANNEL"
                                .equals(intent(report, "CASE_REFERENCE").getString("state")));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("x", handle)).singleElement().satisfies(r -> {
            assertThat(r.get("channel")).isEqualTo("public");
            assertThat(r.get("conversationId"))
                    .as("in reply to the citizen's post")
                    .isEqualTo(postId);
            assertThat(r.get("text")).isEqualTo(EN);
            assertNothingOfTheReport(r.get("text").toString(), report, "bike", "Elm", "CAS-2026-424242");
        });
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("template")).isEqualTo("public-reply");
        assertThat(intent(report, "ACKNOWLEDGEMENT").getInteger("attempts")).isEqualTo(1);
        assertPublicReplyAudited(report);
    }

    /** A public answer is audited as its own action, a disclosure to the public, never as an acknowledgement. */
    private static void assertPublicReplyAudited(TriagedReport report) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> audited(report).stream().anyMatch(v -> v.contains("\"action\":\"PUBLIC_REPLY_SENT\"")));
        assertThat(audited(report))
                .filteredOn(v -> v.contains("\"action\":\"PUBLIC_REPLY_SENT\""))
                .singleElement()
                .satisfies(v -> assertThat(v)
                        .contains(
                                "\"category\":\"DISCLOSURE\"",
                                "\"recipient\":\"public on "
                                        + report.source().platform().code() + "\""));
        assertThat(audited(report)).noneMatch(v -> v.contains("\"action\":\"ACKNOWLEDGEMENT_SENT\""));
    }

    private static List<String> audited(TriagedReport report) {
        return TestKafka.records(Topics.AUDIT_EVENTS.name()).stream()
                .filter(r -> report.reportId().equals(r.key()))
                .map(r -> r.value())
                .toList();
    }

    @Test
    void mastodonMentionGetsAnUnlistedReplyAndALostOutcomePostsNoSecondOne() {
        String handle = newHandle("m_");
        Map<?, ?> status =
                writeOn("mastodon", "mention", "DemoPolice", handle, "someone is breaking into the flat next door");
        TriagedReport report = publicReport(
                Platform.MASTODON,
                "mastodon-demopolice",
                "DemoPolice",
                "acct-" + status.get("senderId"),
                String.valueOf(status.get("id")),
                new Author(String.valueOf(status.get("senderId")), handle, handle),
                "someone is breaking into the flat next door",
                Urgency.EMERGENCY,
                "en",
                Map.of());
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("mastodon", handle).size() == 1);
        String first = intent(report, "ACKNOWLEDGEMENT").getString("platformMessageId");
        loseOutcome(report, "ACKNOWLEDGEMENT");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT".equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("mastodon", handle)).singleElement().satisfies(r -> {
            assertThat(r.get("channel")).isEqualTo("public");
            assertThat(r.get("visibility")).isEqualTo("unlisted");
            assertThat(r.get("conversationId")).isEqualTo(status.get("id"));
            assertThat(r.get("text")).isEqualTo("@" + handle + " " + EN_EMERGENCY);
            assertNothingOfTheReport(r.get("text").toString(), report, "flat", "breaking");
        });
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("platformMessageId"))
                .isEqualTo(first);
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("template")).isEqualTo("public-reply.emergency");
    }

    @Test
    void facebookCommentGetsOneReplyUnderItAndALostOutcomeIsFoundUnderTheComment() {
        String sender = newHandle("fb");
        Map<?, ?> comment = writeOn("facebook", "comment", "DemoPolice", sender, "my car was keyed on Park Road");
        TriagedReport report = publicReport(
                Platform.FACEBOOK,
                "facebook-demopolice",
                "DemoPolice",
                "post-610000000000001_100",
                String.valueOf(comment.get("id")),
                new Author(String.valueOf(comment.get("senderId")), null, sender),
                "my car was keyed on Park Road",
                Urgency.ROUTINE,
                "en",
                Map.of());
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("facebook", sender).size() == 1);
        loseOutcome(report, "ACKNOWLEDGEMENT");
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "SENT".equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        assertThat(intent(report, "ACKNOWLEDGEMENT").getBoolean("reconciled"))
                .as("found under the comment")
                .isTrue();
        assertThat(replies("facebook", sender)).singleElement().satisfies(r -> {
            assertThat(r.get("channel")).isEqualTo("public");
            assertThat(r.get("conversationId")).isEqualTo(comment.get("id"));
            assertThat(r.get("text")).isEqualTo(EN);
            assertNothingOfTheReport(r.get("text").toString(), report, "car", "Park");
        });
    }

    @Test
    void instagramCommentGetsOneReplyInTheCitizensLanguage() {
        String sender = newHandle("ig");
        Map<?, ?> comment = writeOn("instagram", "comment", "demopolice", sender, "sykkelen min ble stjålet i går");
        TriagedReport report = publicReport(
                Platform.INSTAGRAM,
                "instagram-demopolice",
                "demopolice",
                "post-17841400000000001_100",
                String.valueOf(comment.get("id")),
                new Author(String.valueOf(comment.get("senderId")), sender, sender),
                "sykkelen min ble stjålet i går",
                Urgency.ROUTINE,
                "nb",
                Map.of());
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("instagram", sender).size() == 1);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("instagram", sender)).singleElement().satisfies(r -> {
            assertThat(r.get("channel")).isEqualTo("public");
            assertThat(r.get("conversationId")).isEqualTo(comment.get("id"));
            assertThat(r.get("text")).isEqualTo(NB);
            assertNothingOfTheReport(r.get("text").toString(), report, "sykkel", "stjålet");
        });
    }

    @Test
    void blueskyMentionGetsOneReplyJoiningTheThreadWithStrongRefs() {
        String handle = newHandle("b") + ".bsky.social";
        Map<?, ?> post =
                writeOn("bluesky", "mention", "demopolice.bsky.social", handle, "lommeboka mi vart stolen på bussen");
        String uri = String.valueOf(post.get("id"));
        String cid = String.valueOf(post.get("cid"));
        // As intake reads a thread starter: the post is its own root.
        TriagedReport report = publicReport(
                Platform.BLUESKY,
                "bluesky-demopolice",
                "demopolice.bsky.social",
                "public-" + post.get("senderId"),
                uri,
                new Author(String.valueOf(post.get("senderId")), handle, handle),
                "lommeboka mi vart stolen på bussen",
                Urgency.ROUTINE,
                "nn",
                Map.of(InboundMessage.CID, cid, InboundMessage.ROOT_URI, uri, InboundMessage.ROOT_CID, cid));
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("bluesky", handle).size() == 1);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("bluesky", handle)).singleElement().satisfies(r -> {
            assertThat(r.get("channel")).isEqualTo("public");
            assertThat(r.get("conversationId"))
                    .as("parent = the citizen's post")
                    .isEqualTo(uri);
            assertThat(r.get("text")).isEqualTo(NN);
            assertNothingOfTheReport(r.get("text").toString(), report, "lommebok", "bussen");
        });
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("platformMessageId"))
                .startsWith("at://");
    }

    @Test
    void blueskyMentionWithoutItsCidCannotBeAnsweredAndSaysSo() {
        String handle = newHandle("b") + ".bsky.social";
        Map<?, ?> post = writeOn("bluesky", "mention", "demopolice.bsky.social", handle, "help");
        TriagedReport report = publicReport(
                Platform.BLUESKY,
                "bluesky-demopolice",
                "demopolice.bsky.social",
                "public-" + post.get("senderId"),
                String.valueOf(post.get("id")),
                new Author(String.valueOf(post.get("senderId")), handle, handle),
                "help",
                Urgency.ROUTINE,
                "en",
                Map.of());
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> intent(report, "ACKNOWLEDGEMENT") != null
                        && "CANNOT_REPLY_ON_CHANNEL"
                                .equals(intent(report, "ACKNOWLEDGEMENT").getString("state")));
        assertThat(intent(report, "ACKNOWLEDGEMENT").getString("reason")).contains("strong ref");
        assertThat(replies("bluesky", handle)).isEmpty();
    }

    @Test
    void telegramGroupMentionIsAnsweredInTheGroupQuotingIt() {
        String sender = newHandle("tg");
        Map<?, ?> message = writeOn("telegram", "group", "DemoPoliceBot", sender, "a man is following me home now");
        String chatId = String.valueOf(message.get("conversationId"));
        TriagedReport report = publicReport(
                Platform.TELEGRAM,
                "telegram-demopolice",
                "DemoPoliceBot",
                chatId,
                String.valueOf(message.get("id")),
                new Author(String.valueOf(message.get("senderId")), sender, sender),
                "a man is following me home now",
                Urgency.EMERGENCY,
                "en",
                Map.of());
        publish(report);
        publish(report);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> replies("telegram", chatId).stream()
                        .anyMatch(r -> message.get("id").equals(r.get("conversationId"))));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(replies("telegram", chatId).stream()
                        .filter(r -> message.get("id").equals(r.get("conversationId"))))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get("channel")).isEqualTo("public");
                    assertThat(r.get("text")).isEqualTo(EN_EMERGENCY);
                    assertNothingOfTheReport(r.get("text").toString(), report, "following", "home");
                });
        assertPublicReplyAudited(report);
    }

    private static void assertNothingOfTheReport(String text, TriagedReport report, String... details) {
        assertThat(text).doesNotContain(report.reference());
        for (String detail : List.of(details)) {
            assertThat(text).doesNotContainIgnoringCase(detail);
        }
    }
}

package io.dmdesk.intake.seen;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.dmdesk.contracts.Author;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.InboundMessage;
import io.dmdesk.contracts.MessageKind;
import io.dmdesk.contracts.MonitoredAccount;
import io.dmdesk.contracts.Platform;
import io.dmdesk.support.mongo.MongoStore;
import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.testsupport.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The seen set a page at a time, against the Mongo-protocol store: one $in query, one unordered insert. */
class SeenMessagesTest {

    @Test
    void aPageIsLookedUpAtOnceAndRememberingToleratesWhatAnotherWriterRecordedMeanwhile() {
        try (MongoClient client = MongoClients.create(TestMongo.connectionString())) {
            SeenMessages seen = new SeenMessages(
                    new MongoStore(client.getDatabase(ServiceArgs.freshDatabase("seen")), Duration.ofSeconds(10)),
                    Clock.systemUTC());
            List<InboundMessage> page = IntStream.range(0, 10)
                    .mapToObj(i -> message("n" + i, MessageKind.NEW))
                    .toList();
            List<String> keys = page.stream().map(SeenMessages::key).toList();
            assertThat(seen.published(keys)).isEmpty();

            seen.rememberAll(List.of(page.get(2), page.get(7))); // a racing webhook, or another replica
            assertThat(seen.published(keys)).containsExactlyInAnyOrder(keys.get(2), keys.get(7));

            seen.rememberAll(page); // duplicates of 2 and 7 ignored, the other eight still written
            assertThat(seen.published(keys)).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(seen.published(List.of(SeenMessages.key(message("n1", MessageKind.DELETE)))))
                    .isEmpty();
        }
    }

    private static InboundMessage message(String nativeId, MessageKind kind) {
        return new InboundMessage(
                InboundMessage.SCHEMA_VERSION,
                InboundMessage.idFor(Platform.TELEGRAM, nativeId),
                kind,
                Platform.TELEGRAM,
                new MonitoredAccount("telegram-demopolice", "DemoPoliceBot", "t", "d", false, false),
                Channel.DM,
                "c",
                nativeId,
                new Author("1", null, null),
                "text",
                null,
                List.of(),
                Instant.now(),
                Instant.now(),
                null);
    }
}

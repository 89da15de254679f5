package io.dmdesk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dmdesk.testsupport.RealImages;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same pipeline against the real apache/kafka and mongo (replica set) images, for machines with a Docker
 * engine. Without Docker JUnit reports it skipped with the reason, and .ci/run lists every skipped test; the
 * embedded broker and store tests prove the behaviour on such machines.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealImagesPipelineTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(RealImages.KAFKA_IMAGE);

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer(RealImages.MONGO_IMAGE);

    private Pipeline pipeline;

    @BeforeAll
    void start() {
        pipeline = new Pipeline(KAFKA.getBootstrapServers(), MONGO.getReplicaSetUrl()).start();
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void dmBecomesOneCaseAndOneAcknowledgementOnRealKafkaAndMongo() {
        SandboxClient sandbox = new SandboxClient(pipeline.sandboxUrl());
        String citizen = "rc_" + UUID.randomUUID().toString().substring(0, 8);
        sandbox.sendDm("DemoPolice", citizen, "My van was broken into overnight");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> sandbox.repliesTo(citizen).size() == 2);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> sandbox.cases().stream()
                        .anyMatch(c -> citizen.equals(
                                ((Map<?, ?>) ((Map<?, ?>) c.get("body")).get("reporter")).get("handle"))));
        assertThat(sandbox.repliesTo(citizen))
                .as("acknowledgement and case reference")
                .hasSize(2);
    }
}

package io.dmdesk.support.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dmdesk.contracts.Topic;
import io.dmdesk.contracts.Topics;
import io.dmdesk.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** TopicProvisioner against the real (embedded KRaft) broker: what {@code kafka-configs --describe} would show. */
class TopicProvisionerTest {

    @Test
    void everyTopicAndDeadLetterTopicEndsWithItsDeclaredRetentionAndAWrongOneIsAltered() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        String ownDlq = Topics.dlqName(Topics.SOCIAL_INBOUND.name(), "provisioner-" + UUID.randomUUID());
        String foreignDlq = Topics.dlqName(Topics.AUDIT_EVENTS.name(), "other-" + UUID.randomUUID());
        try (Admin admin = admin(bootstrap)) {
            // Before: alerts exists with a retention of one hour, reports.triaged with the broker default, and
            // another service's audit DLQ with one minute.
            new TopicProvisioner(bootstrap, (short) 1, List.of()).provision();
            setRetention(admin, Topics.ALERTS.name(), "3600000");
            admin.incrementalAlterConfigs(Map.of(
                            topic(Topics.REPORTS_TRIAGED.name()),
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, ""),
                                    AlterConfigOp.OpType.DELETE))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            admin.createTopics(List.of(new NewTopic(foreignDlq, 2, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "60000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            // Config changes reach the broker's view asynchronously (KRaft metadata): wait until they show.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "3600000"
                                    .equals(retention(admin, Topics.ALERTS.name())
                                            .value())
                            && retention(admin, Topics.REPORTS_TRIAGED.name()).source()
                                    == ConfigEntry.ConfigSource.DEFAULT_CONFIG
                            && "60000".equals(retention(admin, foreignDlq).value()));

            TopicProvisioner.Result result = new TopicProvisioner(bootstrap, (short) 1, List.of(ownDlq)).provision();

            assertEquals(List.of(ownDlq), result.created());
            assertEquals("3600000", result.retentionAltered().get(Topics.ALERTS.name()));
            assertEquals("60000", result.retentionAltered().get(foreignDlq));
            assertTrue(
                    result.retentionAltered().get(Topics.REPORTS_TRIAGED.name()).endsWith("(broker default)"),
                    result.retentionAltered().toString());

            List<Topic> expected = new ArrayList<>(Topics.ALL);
            expected.add(Topics.deadLetter(Topics.SOCIAL_INBOUND, ownDlq.split("\\.")[2]));
            expected.add(Topics.deadLetter(Topics.AUDIT_EVENTS, foreignDlq.split("\\.")[2]));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (Topic t : expected) {
                    ConfigEntry retention = retention(admin, t.name());
                    assertEquals(t.retentionMs(), retention.value(), "retention.ms of " + t.name());
                    assertEquals(
                            ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG,
                            retention.source(),
                            "retention.ms of " + t.name() + " set on the topic, not inherited");
                }
            });
            assertEquals("1209600000", retention(admin, ownDlq).value(), "a DLQ of social.inbound keeps 14 days");
            assertEquals("2592000000", retention(admin, foreignDlq).value(), "an audit DLQ keeps 30 days");
            assertEquals(
                    Topics.SOCIAL_INBOUND.partitions(),
                    admin.describeTopics(List.of(ownDlq))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(ownDlq)
                            .partitions()
                            .size(),
                    "a DLQ has its source's partitions");

            TopicProvisioner.Result again = new TopicProvisioner(bootstrap, (short) 1, List.of(ownDlq)).provision();
            assertEquals(List.of(), again.created());
            assertEquals(Map.of(), again.retentionAltered(), "a second start changes nothing");
        }
    }

    @Test
    void aDeadLetterNameOutsideTheTableIsLeftToTheBindingGuard() throws Exception {
        String stray = "not.a.table.topic.group-" + UUID.randomUUID() + ".dlq";
        TopicProvisioner.Result result =
                new TopicProvisioner(TestKafka.bootstrapServers(), (short) 1, List.of(stray)).provision();
        assertTrue(
                !result.created().contains(stray) && !result.retentionAltered().containsKey(stray));
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResource.Type.TOPIC, name);
    }

    private static void setRetention(Admin admin, String name, String ms) throws Exception {
        admin.incrementalAlterConfigs(Map.of(
                        topic(name),
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, ms), AlterConfigOp.OpType.SET))))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static ConfigEntry retention(Admin admin, String name) throws Exception {
        return admin.describeConfigs(List.of(topic(name)))
                .all()
                .get(30, TimeUnit.SECONDS)
                .get(topic(name))
                .get(TopicConfig.RETENTION_MS_CONFIG);
    }
}

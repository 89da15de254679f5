package io.dmdesk.support.kafka;

import io.dmdesk.contracts.Topic;
import io.dmdesk.contracts.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates every topic of the contract table, and this service's dead-letter topics, with their declared partition
 * count and retention before any binding starts, so the binder never creates one with a default count that would
 * cap consumer scale-out or a broker-default retention that would keep personal data longer than declared.
 * Existing topics (and any dead-letter topic of a table topic on the broker, whoever created it) whose
 * {@code retention.ms} is not set to the declared value are altered to it.
 */
public class TopicProvisioner implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final String bootstrapServers;
    private final short replicationFactor;
    private final List<String> deadLetterTopics;

    /** @param deadLetterTopics this service's dead-letter topics, each {@code <table topic>.<group>.dlq} */
    public TopicProvisioner(String bootstrapServers, short replicationFactor, Collection<String> deadLetterTopics) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
        this.deadLetterTopics = List.copyOf(deadLetterTopics);
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException, TimeoutException {
        provision();
    }

    /** What one run did: topics created, and topics whose retention was altered (name to previous value). */
    public record Result(List<String> created, Map<String, String> retentionAltered) {}

    public Result provision() throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
            Set<String> existing = get(admin.listTopics().names(), "list");
            Map<String, Topic> declared = declared(existing);
            List<String> created = create(
                    admin,
                    declared.values().stream()
                            .filter(t -> !existing.contains(t.name()))
                            .toList());
            // A topic created just now has its retention from creation (and may not be visible to every broker yet).
            Map<String, Topic> toCheck = new LinkedHashMap<>(declared);
            created.forEach(toCheck::remove);
            Map<String, String> altered = alignRetention(admin, toCheck);
            return new Result(created, altered);
        }
    }

    /** The table, this service's DLQs, and every DLQ of a table topic already on the broker. */
    private Map<String, Topic> declared(Set<String> existing) {
        Map<String, Topic> declared = new LinkedHashMap<>();
        Topics.ALL.forEach(t -> declared.put(t.name(), t));
        // A name that is not <table topic>.<group>.dlq is left alone here: BindingGuard stops start-up naming it.
        deadLetterTopics.forEach(dlq -> Topics.deadLetterNamed(dlq).ifPresent(t -> declared.put(dlq, t)));
        existing.stream().sorted().forEach(name -> Topics.deadLetterNamed(name).ifPresent(t -> declared.put(name, t)));
        return declared;
    }

    private List<String> create(Admin admin, List<Topic> missing) throws InterruptedException, TimeoutException {
        if (missing.isEmpty()) {
            return List.of();
        }
        var results = admin.createTopics(missing.stream().map(this::newTopic).toList())
                .values();
        List<String> created = new ArrayList<>();
        for (Topic topic : missing) {
            try {
                results.get(topic.name()).get(30, TimeUnit.SECONDS);
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "could not create topic " + topic.name() + " on " + bootstrapServers, e.getCause());
                }
                // Another service created it at the same moment: that is the goal; its retention is checked below.
            }
        }
        if (!created.isEmpty()) {
            log.info("created topics {}", created);
        }
        return created;
    }

    /**
     * Sets {@code retention.ms} on every declared topic where it is not set to the declared value at topic level.
     * A value inherited from the broker default is altered too, even when equal: a changed broker default must not
     * change how long personal data stays.
     */
    private Map<String, String> alignRetention(Admin admin, Map<String, Topic> declared)
            throws InterruptedException, TimeoutException {
        if (declared.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = declared.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs =
                get(admin.describeConfigs(resources).all(), "describe the configs of the");
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        Map<String, String> previous = new LinkedHashMap<>();
        for (ConfigResource resource : resources) {
            Topic topic = declared.get(resource.name());
            ConfigEntry retention = configs.get(resource).get(TopicConfig.RETENTION_MS_CONFIG);
            boolean setOnTopic =
                    retention != null && retention.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
            if (!setOnTopic || !topic.retentionMs().equals(retention.value())) {
                changes.put(
                        resource,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, topic.retentionMs()),
                                AlterConfigOp.OpType.SET)));
                previous.put(
                        topic.name(),
                        retention == null ? "unset" : retention.value() + (setOnTopic ? "" : " (broker default)"));
            }
        }
        if (!changes.isEmpty()) {
            get(admin.incrementalAlterConfigs(changes).all(), "set the retention of the");
            previous.forEach((name, was) -> log.info(
                    "retention of topic {} set to {} ms (was {})",
                    name,
                    declared.get(name).retentionMs(),
                    was));
        }
        return previous;
    }

    private <T> T get(KafkaFuture<T> future, String what) throws InterruptedException, TimeoutException {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka at " + bootstrapServers + " did not " + what + " topics", e.getCause());
        }
    }

    private NewTopic newTopic(Topic topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.RETENTION_MS_CONFIG, topic.retentionMs());
        if (replicationFactor > 1) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(configs);
    }
}

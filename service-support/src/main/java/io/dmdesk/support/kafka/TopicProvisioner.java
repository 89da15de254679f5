package io.dmdesk.support.kafka;

import io.dmdesk.contracts.Topic;
import io.dmdesk.contracts.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates every topic of the contract table with its declared partition count before any binding starts,
 * so the binder never creates one with a default count that would cap consumer scale-out.
 */
public class TopicProvisioner implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private final String bootstrapServers;
    private final short replicationFactor;

    public TopicProvisioner(String bootstrapServers, short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(this::newTopic)
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topics on " + bootstrapServers, e.getCause());
                }
                // Another service created them at the same moment: that is the goal.
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not list topics", e.getCause());
        }
    }

    private NewTopic newTopic(Topic topic) {
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor)
                .configs(replicationFactor > 1 ? Map.of("min.insync.replicas", "2") : Map.of());
    }
}

package io.dmdesk.support.kafka;

import io.dmdesk.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * Stops start-up when a binding breaks a house rule: every destination is a topic of the contract table,
 * every consumer binding has an explicit group and a dead-letter topic named {@code <topic>.<group>.dlq}.
 */
public class BindingGuard implements InitializingBean {

    private final ObjectProvider<BindingServiceProperties> bindings;
    private final Map<String, KafkaBindingProperties> kafkaBindings;

    public BindingGuard(
            ObjectProvider<BindingServiceProperties> bindings, Map<String, KafkaBindingProperties> kafkaBindings) {
        this.bindings = bindings;
        this.kafkaBindings = kafkaBindings;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        BindingServiceProperties all = bindings.getIfAvailable();
        if (all == null) {
            throw new IllegalStateException("no Spring Cloud Stream bindings in a service that uses Kafka");
        }
        for (Map.Entry<String, BindingProperties> entry : all.getBindings().entrySet()) {
            String name = entry.getKey();
            BindingProperties binding = entry.getValue();
            String destination = binding.getDestination();
            String key = "spring.cloud.stream.bindings." + name;
            if (destination == null || Topics.byName(destination).isEmpty()) {
                problems.add(key + ".destination '" + destination + "' is not a topic of the contract table");
                continue;
            }
            if (!name.contains("-in-")) {
                continue;
            }
            if (binding.getGroup() == null || binding.getGroup().isBlank()) {
                problems.add(key + ".group must be set: an anonymous consumer loses records across restarts");
                continue;
            }
            KafkaBindingProperties kafka = kafkaBindings.get(name);
            String expectedDlq = Topics.dlqName(destination, binding.getGroup());
            if (kafka == null || !kafka.getConsumer().isEnableDlq()) {
                problems.add("spring.cloud.stream.kafka.bindings." + name + ".consumer.enable-dlq must be true");
            } else if (!expectedDlq.equals(kafka.getConsumer().getDlqName())) {
                problems.add(
                        "spring.cloud.stream.kafka.bindings." + name + ".consumer.dlq-name must be " + expectedDlq);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid Kafka bindings:\n  " + String.join("\n  ", problems));
        }
    }
}

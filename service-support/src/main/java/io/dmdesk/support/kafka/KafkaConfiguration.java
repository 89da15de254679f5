package io.dmdesk.support.kafka;

import io.dmdesk.contracts.EventMessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;

/** Kafka pieces every service shares: the contract codec, keyed publishing, topic creation, binding checks. */
@AutoConfiguration(after = io.dmdesk.support.crypto.CryptoConfiguration.class)
@ConditionalOnProperty(name = "spring.cloud.stream.kafka.binder.brokers")
public class KafkaConfiguration {

    /** The contract codec, sealing personal fields on the way out and opening them on the way in. */
    @Bean
    EventMessageConverter eventMessageConverter(io.dmdesk.support.crypto.EventSealer sealer,
                                                io.dmdesk.support.crypto.CryptoProperties crypto) {
        return new io.dmdesk.support.crypto.SealingEventMessageConverter(sealer, crypto.sealEvents());
    }

    @Bean
    ContractEventsFailFast contractEventsFailFast() {
        return new ContractEventsFailFast();
    }

    @Bean
    EventPublisher eventPublisher(StreamBridge streamBridge) {
        return new EventPublisher(streamBridge);
    }

    @Bean
    TopicProvisioner topicProvisioner(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                                      @Value("${dmdesk.kafka.replication-factor:1}") short replicationFactor,
                                      org.springframework.core.env.Environment env) {
        return new TopicProvisioner(brokers, replicationFactor, deadLetterTopics(env));
    }

    /** The dead-letter topics this service's consumer bindings name. */
    static java.util.List<String> deadLetterTopics(org.springframework.core.env.Environment env) {
        return kafkaBindings(env).values().stream()
                .map(b -> b.getConsumer().getDlqName()).filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }

    /** Producer for dead letters: idempotent, acks=all, raw bytes as consumed. */
    @Bean(destroyMethod = "destroy")
    org.springframework.kafka.core.DefaultKafkaProducerFactory<Object, Object> dlqProducerFactory(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new org.springframework.kafka.core.DefaultKafkaProducerFactory<>(java.util.Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all",
                org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                org.apache.kafka.clients.producer.ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class,
                org.apache.kafka.clients.producer.ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArraySerializer.class));
    }

    @Bean
    OutageAwareRetry outageAwareRetry(
            org.springframework.kafka.core.DefaultKafkaProducerFactory<Object, Object> dlqProducerFactory,
            @Value("${dmdesk.kafka.outage-max-back-off:PT30S}") java.time.Duration maxInterval,
            io.dmdesk.support.crypto.ErasedRecords erasedRecords) {
        return new OutageAwareRetry(new org.springframework.kafka.core.KafkaTemplate<>(dlqProducerFactory), maxInterval,
                erasedRecords);
    }

    @Bean
    DlqReplayer dlqReplayer(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                            io.dmdesk.support.crypto.EventSealer sealer,
                            io.dmdesk.support.crypto.ErasedRecords erasedRecords) {
        return new DlqReplayer(brokers, sealer, erasedRecords);
    }

    /**
     * The Kafka-specific binding settings, bound here from the environment: the binder keeps its own
     * KafkaExtendedBindingProperties in the binder's child context, out of reach of this one.
     */
    static java.util.Map<String, KafkaBindingProperties> kafkaBindings(org.springframework.core.env.Environment env) {
        return org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("spring.cloud.stream.kafka.bindings",
                        org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElse(java.util.Map.of());
    }

    @Bean
    DlqMetrics dlqMetrics(DlqReplayer replayer, org.springframework.core.env.Environment env,
                          io.micrometer.core.instrument.MeterRegistry meters) {
        return new DlqMetrics(replayer, deadLetterTopics(env), meters);
    }

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
    DlqController dlqController(DlqReplayer replayer) {
        return new DlqController(replayer);
    }

    /** Resolved lazily: Spring Cloud Stream registers its binding properties after this configuration. */
    @Bean
    BindingGuard bindingGuard(org.springframework.beans.factory.ObjectProvider<BindingServiceProperties> bindings,
                              org.springframework.core.env.Environment env) {
        return new BindingGuard(bindings, kafkaBindings(env));
    }
}

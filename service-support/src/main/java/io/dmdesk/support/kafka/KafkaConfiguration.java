package io.dmdesk.support.kafka;

import io.dmdesk.contracts.EventMessageConverter;
import io.dmdesk.support.crypto.CryptoConfiguration;
import io.dmdesk.support.crypto.CryptoProperties;
import io.dmdesk.support.crypto.ErasedRecords;
import io.dmdesk.support.crypto.EventSealer;
import io.dmdesk.support.crypto.SealingEventMessageConverter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaBindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Kafka pieces every service shares: the contract codec, keyed publishing, topic creation, binding checks. */
@AutoConfiguration(after = CryptoConfiguration.class)
@ConditionalOnProperty(name = "spring.cloud.stream.kafka.binder.brokers")
public class KafkaConfiguration {

    /** The contract codec, sealing personal fields on the way out and opening them on the way in. */
    @Bean
    EventMessageConverter eventMessageConverter(EventSealer sealer, CryptoProperties crypto) {
        return new SealingEventMessageConverter(sealer, crypto.sealEvents());
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
    TopicProvisioner topicProvisioner(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${dmdesk.kafka.replication-factor:1}") short replicationFactor,
            Environment env) {
        return new TopicProvisioner(brokers, replicationFactor, deadLetterTopics(env));
    }

    /** The dead-letter topics this service's consumer bindings name. */
    static List<String> deadLetterTopics(Environment env) {
        return kafkaBindings(env).values().stream()
                .map(b -> b.getConsumer().getDlqName())
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }

    /** Producer for dead letters: idempotent, acks=all, raw bytes as consumed. */
    @Bean(destroyMethod = "destroy")
    DefaultKafkaProducerFactory<Object, Object> dlqProducerFactory(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers) {
        return new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class));
    }

    @Bean
    OutageAwareRetry outageAwareRetry(
            DefaultKafkaProducerFactory<Object, Object> dlqProducerFactory,
            @Value("${dmdesk.kafka.outage-max-back-off:PT30S}") Duration maxInterval,
            ErasedRecords erasedRecords) {
        return new OutageAwareRetry(new KafkaTemplate<>(dlqProducerFactory), maxInterval, erasedRecords);
    }

    @Bean
    DlqReplayer dlqReplayer(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            EventSealer sealer,
            ErasedRecords erasedRecords) {
        return new DlqReplayer(brokers, sealer, erasedRecords);
    }

    /**
     * The Kafka-specific binding settings, bound here from the environment: the binder keeps its own
     * KafkaExtendedBindingProperties in the binder's child context, out of reach of this one.
     */
    static Map<String, KafkaBindingProperties> kafkaBindings(Environment env) {
        return Binder.get(env)
                .bind("spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, KafkaBindingProperties.class))
                .orElse(Map.of());
    }

    @Bean
    DlqMetrics dlqMetrics(DlqReplayer replayer, Environment env, MeterRegistry meters) {
        return new DlqMetrics(replayer, deadLetterTopics(env), meters);
    }

    @Bean
    @ConditionalOnWebApplication
    DlqController dlqController(DlqReplayer replayer) {
        return new DlqController(replayer);
    }

    /** Resolved lazily: Spring Cloud Stream registers its binding properties after this configuration. */
    @Bean
    BindingGuard bindingGuard(ObjectProvider<BindingServiceProperties> bindings, Environment env) {
        return new BindingGuard(bindings, kafkaBindings(env));
    }
}

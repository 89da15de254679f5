package io.dmdesk.support.tracing;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Tracing across Kafka hops is switched on in dmdesk-common.yml ({@code enable-observation} on the binder, so
 * {@code traceparent} travels in record headers). Spring Kafka then also times every send and receive as an
 * observation, under the same meter names ({@code spring.kafka.template}, {@code spring.kafka.listener}) as its
 * existing timers but with other tag keys, which Prometheus refuses. Those observation meters are dropped here;
 * the spans and the existing timers stay.
 */
@AutoConfiguration
public class TracingConfiguration {

    @Bean
    MeterFilter kafkaObservationMetersDuplicateExistingTimers() {
        return MeterFilter.deny(id -> (id.getName().startsWith("spring.kafka.template")
                        || id.getName().startsWith("spring.kafka.listener"))
                && id.getTag("messaging.system") != null);
    }
}

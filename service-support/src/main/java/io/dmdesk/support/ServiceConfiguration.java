package io.dmdesk.support;

import io.dmdesk.support.audit.Auditor;
import io.dmdesk.support.crypto.ErasedRecords;
import io.dmdesk.support.kafka.EventPublisher;
import io.dmdesk.support.kafka.KafkaConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The clock (injected everywhere so SLA and window logic is testable), the auditor and the erased-record audit. */
@AutoConfiguration(after = KafkaConfiguration.class)
public class ServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnBean(EventPublisher.class)
    Auditor auditor(EventPublisher publisher, Clock clock, @Value("${spring.application.name}") String service) {
        return new Auditor(publisher, clock, service);
    }

    /** Records refused because their data key was erased, audited through the auditor when there is one. */
    @Bean
    ErasedRecords erasedRecords(
            ObjectProvider<Auditor> auditor, Clock clock, @Value("${spring.application.name}") String service) {
        return new ErasedRecords(event -> auditor.ifAvailable(a -> a.record(event)), clock, service);
    }
}

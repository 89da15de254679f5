package io.dmdesk.triage.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmdesk.testsupport.ServiceArgs;
import io.dmdesk.triage.TriageApplication;
import org.junit.jupiter.api.Test;

/** Configuration errors stop start-up with a message naming the key, instead of a consumer that loses records. */
class BindingRulesTest {

    @Test
    void consumerWithoutGroupStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> TriageApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--spring.cloud.stream.bindings.triage-in-0.group="))
                        .close())
                .hasStackTraceContaining("spring.cloud.stream.bindings.triage-in-0.group must be set");
    }

    @Test
    void consumerWithoutDeadLetterTopicStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> TriageApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--spring.cloud.stream.kafka.bindings.triage-in-0.consumer.enable-dlq=false"))
                        .close())
                .hasStackTraceContaining(
                        "spring.cloud.stream.kafka.bindings.triage-in-0.consumer.enable-dlq must be true");
    }

    @Test
    void destinationOutsideTheTopicTableStopsStartUp() {
        assertThatThrownBy(() -> TriageApplication.builder()
                        .run(ServiceArgs.of(
                                ServiceArgs.freshDatabase("guard"),
                                "--spring.cloud.stream.bindings.triaged-out.destination=reports.triagd"))
                        .close())
                .hasStackTraceContaining("'reports.triagd' is not a topic of the contract table");
    }
}

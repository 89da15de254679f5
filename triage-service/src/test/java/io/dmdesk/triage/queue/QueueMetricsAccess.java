package io.dmdesk.triage.queue;

import org.springframework.context.ApplicationContext;

/** Lets tests refresh the queue gauges now instead of waiting for their schedule. */
public final class QueueMetricsAccess {

    public static void refresh(ApplicationContext context) {
        context.getBean(QueueMetrics.class).refresh();
    }

    private QueueMetricsAccess() {}
}

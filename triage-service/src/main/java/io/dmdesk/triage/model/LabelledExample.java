package io.dmdesk.triage.model;

import io.dmdesk.contracts.Category;
import io.dmdesk.contracts.Channel;
import io.dmdesk.contracts.Urgency;
import java.util.List;

/**
 * One labelled message: what a person (corpus author or operator) decided it is. Personal data is known by its
 * spans (type and character offsets in {@code text}).
 */
public record LabelledExample(
        String id,
        Channel channel,
        String language,
        Urgency urgency,
        Category category,
        String text,
        List<Span> spans) {

    public LabelledExample {
        spans = spans == null ? List.of() : List.copyOf(spans);
    }

    /** A labelled piece of personal data. */
    public record Span(String type, int start, int end) {}
}

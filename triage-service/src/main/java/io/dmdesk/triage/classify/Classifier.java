package io.dmdesk.triage.classify;

import io.dmdesk.contracts.Channel;

/** Decides urgency, category and sensitivity of one text. Pure and thread-safe: no I/O. */
public interface Classifier {

    Classification classify(String text, Channel channel);
}

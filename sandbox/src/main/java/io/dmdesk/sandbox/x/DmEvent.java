package io.dmdesk.sandbox.x;

import java.time.Instant;

/** A one-to-one MessageCreate DM event; the only event type the sandbox produces. */
record DmEvent(long id, String senderId, String recipientId, String text, Instant createdAt) {

    static final String MESSAGE_CREATE = "MessageCreate";

    String conversationId() {
        return conversationId(senderId, recipientId);
    }

    boolean hasParticipant(String userId) {
        return senderId.equals(userId) || recipientId.equals(userId);
    }

    /** X names a 1:1 conversation by both user ids, numerically smaller first. */
    static String conversationId(String userA, String userB) {
        return Long.parseLong(userA) <= Long.parseLong(userB) ? userA + "-" + userB : userB + "-" + userA;
    }
}

package io.returnflow.messaging;

/** What a dead letter carries besides the original message, for the operator who reads it. */
public final class DeadLetterHeaders {

    /** The queue the message was consumed from; replay sends it back there. */
    public static final String ORIGINAL_QUEUE = "DeadLetterOriginalQueue";
    /** Where the dead letter goes: {@code DLQ.<queue>}. */
    public static final String QUEUE = "DeadLetterQueue";
    public static final String REASON = "DeadLetterReason";
    public static final String ATTEMPTS = "DeadLetterAttempts";
    public static final String FIRST_FAILURE_TIME = "DeadLetterFirstFailureTime";
    public static final String LAST_FAILURE_TIME = "DeadLetterLastFailureTime";

    private DeadLetterHeaders() {
    }
}

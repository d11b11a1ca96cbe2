package io.returnflow.messaging;

/**
 * A failure that retrying will not fix (a partner's 4xx, a record that cannot exist): the shared
 * error policy sends the message straight to its dead-letter queue for an operator.
 */
public class PermanentFailureException extends RuntimeException {

    public PermanentFailureException(String message) {
        super(message);
    }

    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.returnflow.messaging;

import java.time.Duration;

/**
 * Work that cannot be done now but can be later: a partner that is down, throttling or not yet
 * showing what we need. The shared error policy retries a few times at once, then puts the message
 * back on its queue with a growing broker-side delay, so waiting holds no thread and survives restarts.
 */
public class RetryLaterException extends RuntimeException {

    private final Duration retryAfter;

    public RetryLaterException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public RetryLaterException(String message) {
        this(message, null, null);
    }

    /** The partner's own hint (Retry-After, throttle status), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

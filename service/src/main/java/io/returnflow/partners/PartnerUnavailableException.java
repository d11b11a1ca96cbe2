package io.returnflow.partners;

import java.time.Duration;

import io.returnflow.messaging.RetryLaterException;

/** A partner call that failed in a way worth retrying: 429, 5xx, a timeout, a retryable error code. */
public class PartnerUnavailableException extends RetryLaterException {

    private final String partner;

    public PartnerUnavailableException(String partner, String message, Duration retryAfter, Throwable cause) {
        super(partner + ": " + PartnerText.cut(message), retryAfter, cause);
        this.partner = partner;
    }

    public String partner() {
        return partner;
    }
}

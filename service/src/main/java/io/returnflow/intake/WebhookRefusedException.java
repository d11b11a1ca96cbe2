package io.returnflow.intake;

/** A webhook the service will not take, with the HTTP status TikTok gets and a reason for the log and metrics. */
public class WebhookRefusedException extends RuntimeException {

    private final int status;
    private final String reason;

    public WebhookRefusedException(int status, String reason, String detail) {
        super(detail, null, false, false); // no stack trace: a refusal is an expected outcome
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    /** A short, bounded label (metrics tag), e.g. {@code bad_signature}. */
    public String reason() {
        return reason;
    }
}

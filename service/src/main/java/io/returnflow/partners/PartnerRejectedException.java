package io.returnflow.partners;

import io.returnflow.messaging.PermanentFailureException;

/** A partner said no, finally (a 4xx or a non-retryable error code): retrying would get the same answer. */
public class PartnerRejectedException extends PermanentFailureException {

    private final String partner;
    private final String code;

    public PartnerRejectedException(String partner, String code, String message) {
        super(partner + " rejected the call" + (code == null ? "" : " with " + PartnerText.cut(code)) + ": " + PartnerText.cut(message));
        this.partner = partner;
        this.code = PartnerText.cut(code);
    }

    public String partner() {
        return partner;
    }

    /** The partner's error code (TikTok's numeric code, NetSuite's o:errorCode, the HTTP status...). */
    public String code() {
        return code;
    }
}

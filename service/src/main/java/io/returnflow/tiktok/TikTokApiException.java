package io.returnflow.tiktok;

import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerText;

/** TikTok answered with a final (non-retryable) error code in its envelope. */
public class TikTokApiException extends PartnerRejectedException {

    private final long tiktokCode;
    private final String tiktokMessage;

    public TikTokApiException(long code, String message, String requestId) {
        super("TikTok", String.valueOf(code), message + (requestId == null ? "" : " (request " + requestId + ")"));
        this.tiktokCode = code;
        this.tiktokMessage = PartnerText.cut(message);
    }

    public long tiktokCode() {
        return tiktokCode;
    }

    public String tiktokMessage() {
        return tiktokMessage;
    }
}

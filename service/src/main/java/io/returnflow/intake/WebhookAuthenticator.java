package io.returnflow.intake;

import io.returnflow.tiktok.WebhookSignature;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** First step of intake: only webhooks signed with our app secret go further. */
@Component
public class WebhookAuthenticator {

    private final WebhookSignature signature;

    public WebhookAuthenticator(WebhookSignature signature) {
        this.signature = signature;
    }

    public void authenticate(@Header("Authorization") String authorization, @Body byte[] rawBody) {
        if (authorization == null || authorization.isBlank()) {
            throw new WebhookRefusedException(401, "missing_signature", "no Authorization header");
        }
        if (!signature.matches(authorization, rawBody)) {
            throw new WebhookRefusedException(401, "bad_signature", "Authorization does not match the body");
        }
    }
}

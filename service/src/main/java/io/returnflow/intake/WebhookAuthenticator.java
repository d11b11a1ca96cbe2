package io.returnflow.intake;

import io.returnflow.tiktok.WebhookSignature;

import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * First step of intake: only webhooks signed with our app secret go further. The route has taken
 * the {@code Authorization} header into the variable {@link #SIGNATURE_VARIABLE} and dropped every
 * HTTP header and query parameter before this runs.
 */
@Component
public class WebhookAuthenticator {

    public static final String SIGNATURE_VARIABLE = "signature";

    private final WebhookSignature signature;

    public WebhookAuthenticator(WebhookSignature signature) {
        this.signature = signature;
    }

    public void authenticate(@Variable(SIGNATURE_VARIABLE) String authorization, @Body byte[] rawBody) {
        if (authorization == null || authorization.isBlank()) {
            throw new WebhookRefusedException(401, "missing_signature", "no Authorization header");
        }
        if (!signature.matches(authorization, rawBody)) {
            throw new WebhookRefusedException(401, "bad_signature", "Authorization does not match the body");
        }
    }
}

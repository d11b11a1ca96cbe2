package io.returnflow.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Checks a Partner API call the way TikTok does: the sign parameter, the app key, a token. The
 * signature is computed over the query values as decoded by the server ({@code %2B} is '+', a bare
 * '+' is a space), so a value sent otherwise than it was signed is refused.
 */
@Component
@ConditionalOnProperty("sandbox.enabled")
class SandboxSignatureCheck {

    static final String API_PREFIX = "/sandbox/tiktok";

    private final SandboxTikTokSigning signing;

    SandboxSignatureCheck(SandboxTikTokApp app) {
        this.signing = new SandboxTikTokSigning(app);
    }

    /** Null when the call is properly signed and authorised, else TikTok's error envelope. */
    Map<String, Object> problem(HttpServletRequest request, byte[] body, boolean multipart) {
        Map<String, String> query = new HashMap<>();
        if (multipart) {
            // form fields of a multipart body show up as request parameters too: sign the query string only,
            // decoded as a server decodes a query ('+' is a space), as for any other call
            UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                    .forEach((key, values) -> query.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                            URLDecoder.decode(String.join(",", values), StandardCharsets.UTF_8)));
        } else {
            request.getParameterMap().forEach((key, values) -> query.put(key, String.join(",", values)));
        }
        String given = query.get("sign");
        String path = request.getRequestURI().substring(API_PREFIX.length());
        String expected = signing.partnerApiSign(path, query, multipart ? null : body);
        if (!SandboxTikTokSigning.sameText(expected, given)) {
            return SandboxEnvelope.error(106001, "Invalid signature");
        }
        String token = request.getHeader("x-tts-access-token");
        if (token == null || token.isBlank()) {
            return SandboxEnvelope.error(105001, "Invalid access token");
        }
        return null;
    }
}

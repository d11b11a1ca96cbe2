package io.returnflow.tiktok;

import io.returnflow.secrets.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.stereotype.Component;

/**
 * TikTok's webhook signature: {@code Authorization = hex(HMAC-SHA256(app_secret, app_key + raw body))}.
 * Computed over the raw bytes as received (never a re-serialised body) and compared in constant time.
 */
@Component
public class WebhookSignature {

    private final TikTokProperties tiktok;

    public WebhookSignature(TikTokProperties tiktok) {
        this.tiktok = tiktok;
    }

    public String sign(byte[] rawBody) {
        return HmacSha256.hex(tiktok.appSecret(), tiktok.appKey().getBytes(StandardCharsets.UTF_8), rawBody);
    }

    public boolean matches(String authorization, byte[] rawBody) {
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        byte[] expected = sign(rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = authorization.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}

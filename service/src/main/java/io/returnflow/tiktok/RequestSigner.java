package io.returnflow.tiktok;

import io.returnflow.secrets.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The {@code sign} query parameter of TikTok Partner API calls: every query parameter except
 * {@code sign} and {@code access_token}, non-empty, sorted by key and concatenated as key+value,
 * prefixed with the path, followed by the exact body bytes (unless multipart), wrapped in the
 * app secret and HMAC-SHA256'd with it.
 */
@Component
public class RequestSigner {

    private final TikTokProperties tiktok;

    public RequestSigner(TikTokProperties tiktok) {
        this.tiktok = tiktok;
    }

    /**
     * @param query query parameters as sent; array values already joined with ","
     * @param body  the exact bytes sent, or null for no body or a multipart body
     */
    public String sign(String path, Map<String, String> query, byte[] body) {
        StringBuilder s = new StringBuilder(path);
        new TreeMap<>(query).forEach((key, value) -> {
            if (!"sign".equals(key) && !"access_token".equals(key) && value != null && !value.isEmpty()) {
                s.append(key).append(value);
            }
        });
        byte[] secret = tiktok.appSecret().getBytes(StandardCharsets.UTF_8);
        byte[] head = s.toString().getBytes(StandardCharsets.UTF_8);
        byte[] payload = body == null ? new byte[0] : body;
        return HmacSha256.hex(tiktok.appSecret(), secret, head, payload, secret);
    }
}

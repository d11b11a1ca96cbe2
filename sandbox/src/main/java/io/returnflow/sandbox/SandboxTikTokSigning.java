package io.returnflow.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TikTok's two signatures, written here from TikTok Shop's "Sign your API request" and webhook
 * documentation rather than taken from the service, so that the sandbox checks the service's
 * signing instead of repeating it:
 * <ul>
 *   <li>a Partner API call's {@code sign}: the path, then every non-empty query parameter but
 *       {@code sign} and {@code access_token} as key+value in key order, then the body (none for multipart), wrapped
 *       in the app secret on both sides; lower-case hex HMAC-SHA256 keyed with the app secret;</li>
 *   <li>a webhook's {@code Authorization}: lower-case hex HMAC-SHA256 of app key + raw body, keyed
 *       with the app secret.</li>
 * </ul>
 */
final class SandboxTikTokSigning {

    private final SandboxTikTokApp app;

    SandboxTikTokSigning(SandboxTikTokApp app) {
        this.app = app;
    }

    /** @param body the exact bytes of the body, or null (no body, or multipart) */
    String partnerApiSign(String path, Map<String, String> query, byte[] body) {
        StringBuilder input = new StringBuilder(app.appSecret()).append(path);
        new TreeMap<>(query).forEach((key, value) -> {
            if (!key.equals("sign") && !key.equals("access_token") && value != null && !value.isEmpty()) {
                input.append(key).append(value);
            }
        });
        byte[] head = input.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = app.appSecret().getBytes(StandardCharsets.UTF_8);
        return hmacHex(head, body == null ? new byte[0] : body, tail);
    }

    String webhookSignature(byte[] rawBody) {
        return hmacHex(app.appKey().getBytes(StandardCharsets.UTF_8), rawBody);
    }

    static boolean sameText(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private String hmacHex(byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(app.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}

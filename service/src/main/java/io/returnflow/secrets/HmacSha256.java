package io.returnflow.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Lower-case hex HMAC-SHA256: the primitive under both TikTok signatures and the merchant notices' signature. */
public final class HmacSha256 {

    private HmacSha256() {
    }

    public static byte[] mac(String key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    public static String hex(String key, byte[]... parts) {
        return HexFormat.of().formatHex(mac(key, parts));
    }
}

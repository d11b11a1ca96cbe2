package io.returnflow.reliability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TikTok's webhooks as TikTok sends them: type-12 return status changes for returns the sandbox
 * TikTok knows, signed with the app's key and secret
 * ({@code Authorization = hex(HMAC-SHA256(app_secret, app_key + body))}).
 */
final class Webhooks {

    private final String appKey;
    private final String appSecret;
    private final Random random;

    Webhooks(String appKey, String appSecret, Random random) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.random = random;
    }

    /**
     * @param notificationId TikTok's tts_notification_id
     * @param returnId       the TikTok return it names (null for a body that names none)
     * @param kind           VALID, DUPLICATE (a redelivery of a VALID one: same bytes) or a hostile kind
     * @param expected       the status the service must answer
     */
    record Webhook(String notificationId, String returnId, byte[] body, String signature, Kind kind, int expected) {
    }

    enum Kind { VALID, DUPLICATE, FORGED, MALFORMED, OVERSIZED, REPLAYED }

    /**
     * {@code total} webhooks for the returns, a {@code duplicateShare} of them redeliveries of
     * others (same notification, same bytes), shuffled. Every return gets at least one notification;
     * the other notifications go to returns at random.
     */
    List<Webhook> plan(List<Partners.SandboxReturn> returns, int total, double duplicateShare) {
        int duplicates = (int) Math.round(total * duplicateShare);
        int distinct = total - duplicates;
        if (distinct < returns.size()) {
            throw new IllegalArgumentException(distinct + " distinct notifications cannot cover " + returns.size() + " returns");
        }
        List<Webhook> originals = new ArrayList<>(distinct);
        for (int i = 0; i < distinct; i++) {
            Partners.SandboxReturn ret = i < returns.size() ? returns.get(i) : returns.get(random.nextInt(returns.size()));
            originals.add(valid(ret));
        }
        List<Webhook> all = new ArrayList<>(originals);
        for (int i = 0; i < duplicates; i++) {
            Webhook original = originals.get(random.nextInt(originals.size()));
            all.add(new Webhook(original.notificationId(), original.returnId(), original.body(), original.signature(),
                    Kind.DUPLICATE, 200));
        }
        Collections.shuffle(all, random);
        return all;
    }

    Webhook valid(Partners.SandboxReturn ret) {
        String notificationId = newNotificationId();
        byte[] body = envelope(notificationId, ret, "").getBytes(StandardCharsets.UTF_8);
        return new Webhook(notificationId, ret.returnId(), body, sign(body, appSecret), Kind.VALID, 200);
    }

    /**
     * {@code count} hostile webhooks, a quarter of each kind, naming {@code decoys} (returns the
     * sandbox TikTok knows and no valid webhook names: if the service took one of these, it would
     * record the decoy return) or replaying {@code sentValid} ones:
     * forged (signed with another secret, or not signed: 401), malformed (signed, but not a TikTok
     * envelope: 400), oversized (signed, over 1 MiB: 413), replayed (a valid webhook again, same
     * bytes: 200, deduplicated).
     */
    List<Webhook> hostile(int count, List<Partners.SandboxReturn> decoys, List<Webhook> sentValid) {
        List<Webhook> hostile = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Partners.SandboxReturn decoy = decoys.get(random.nextInt(decoys.size()));
            hostile.add(switch (i % 4) {
                case 0 -> forged(decoy, i);
                case 1 -> malformed(decoy, i);
                case 2 -> oversized(decoy);
                default -> {
                    Webhook original = sentValid.get(random.nextInt(sentValid.size()));
                    yield new Webhook(original.notificationId(), original.returnId(), original.body(), original.signature(),
                            Kind.REPLAYED, 200);
                }
            });
        }
        return hostile;
    }

    private Webhook forged(Partners.SandboxReturn decoy, int variant) {
        String notificationId = newNotificationId();
        byte[] body = envelope(notificationId, decoy, "").getBytes(StandardCharsets.UTF_8);
        String signature = switch (variant % 3) {
            case 0 -> sign(body, "not-the-app-secret");
            case 1 -> null;                                               // no signature at all
            default -> sign(envelope(newNotificationId(), decoy, "").getBytes(StandardCharsets.UTF_8), appSecret); // another body's
        };
        return new Webhook(notificationId, decoy.returnId(), body, signature, Kind.FORGED, 401);
    }

    private Webhook malformed(Partners.SandboxReturn decoy, int variant) {
        String notificationId = newNotificationId();
        String text = switch (variant % 5) {
            case 0 -> envelope(notificationId, decoy, "").substring(0, 40);                     // cut short
            case 1 -> "[" + envelope(notificationId, decoy, "") + "]";                         // not an object
            case 2 -> envelope(notificationId, decoy, "").replace("\"type\":12", "\"type\":\"twelve\"");
            case 3 -> envelope(notificationId, decoy, "").replace("\"shop_id\":\"" + decoy.shopId() + "\"", "\"shop_id\":\"\"");
            default -> envelope(notificationId, decoy, "").replace("\"return_id\":\"" + decoy.returnId() + "\",", "");
        };
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return new Webhook(notificationId, decoy.returnId(), body, sign(body, appSecret), Kind.MALFORMED, 400);
    }

    private Webhook oversized(Partners.SandboxReturn decoy) {
        String notificationId = newNotificationId();
        byte[] body = envelope(notificationId, decoy, ",\"padding\":\"" + "x".repeat(1024 * 1024) + "\"")
                .getBytes(StandardCharsets.UTF_8);
        return new Webhook(notificationId, decoy.returnId(), body, sign(body, appSecret), Kind.OVERSIZED, 413);
    }

    /** A type-12 envelope; {@code extraData} is appended inside data. */
    private static String envelope(String notificationId, Partners.SandboxReturn ret, String extraData) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_id", ret.orderId());
        data.put("return_id", ret.returnId());
        data.put("return_role", "BUYER");
        data.put("return_type", "RETURN_AND_REFUND");
        data.put("return_status", "RETURN_OR_REFUND_REQUEST_PENDING");
        data.put("create_time", now);
        data.put("update_time", now);
        String dataJson = Http.asJson(data);
        dataJson = dataJson.substring(0, dataJson.length() - 1) + extraData + "}";
        return "{\"type\":12,\"tts_notification_id\":\"" + notificationId + "\",\"shop_id\":\"" + ret.shopId()
                + "\",\"timestamp\":" + now + ",\"data\":" + dataJson + "}";
    }

    private String newNotificationId() {
        return String.valueOf(Math.floorMod(random.nextLong(), 9_000_000_000_000_000_000L) + 1_000_000_000_000_000_000L);
    }

    private String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(appKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

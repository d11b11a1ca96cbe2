package io.returnflow.intake;

import static io.returnflow.support.TikTokWebhookClient.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * 1,200 generated hostile webhooks (random bytes, deep nesting, huge numbers, wrong types, keys
 * twice, invalid UTF-8, ids that are not ids, stale and future timestamps, forged or missing
 * signatures, oversized bodies, replays), most of them signed correctly so that only the envelope
 * stands between them and a queue: each is answered 4xx, or 200 for a replay that nothing new
 * comes of; nothing is stored; the service is healthy and takes a valid webhook after. (The same
 * context as TikTokWebhookIntakeTest: nothing consumes the queue, so whatever was queued stays.)
 */
@ServiceTest
@TestPropertySource(properties = "camel.main.routes-exclude-pattern=**/tiktok-return-changed.camel.yaml")
class HostileWebhooksTest {

    private static final String EVENTS = "tiktok.return-events";
    private static final String SHOP_EVENTS = "tiktok.shop-events";
    private static final String SHOP = "7495540735365777507";
    private static final int COUNT = 1_200;

    @Autowired
    TikTokWebhookClient tiktok;
    @Autowired
    BrokerProbe broker;
    @Autowired
    JdbcTemplate db;
    @Value("${local.server.port}")
    int port;

    private final Random random = new Random(20261201);

    /** A hostile webhook: its bytes, its Authorization (null: none), and what it must be answered. */
    private record Hostile(String kind, byte[] body, String authorization, int expected) {
    }

    @Test
    void everyHostileWebhookIsRefusedOrADuplicateAndNothingIsStored() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String body = tiktok.returnStatusChange(newId(), SHOP, newId());
            assertThat(tiktok.deliver(body).statusCode()).isEqualTo(200);
            accepted.add(body);
        }
        broker.awaitMessagesAdded(EVENTS, broker.messagesAdded(EVENTS));
        long events = broker.messagesAdded(EVENTS);
        long shopEvents = broker.messagesAdded(SHOP_EVENTS);
        int ids = storedIds();
        List<Hostile> hostile = generate(accepted);

        long started = System.nanoTime();
        Map<String, Map<Integer, Integer>> statusesByKind = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (Hostile webhook : hostile) {
                answers.add(senders.submit(() -> tiktok.send(webhook.body(), webhook.authorization(), "application/json", Map.of(), null)));
            }
            for (int i = 0; i < hostile.size(); i++) {
                Hostile webhook = hostile.get(i);
                int status = answers.get(i).get().statusCode();
                statusesByKind.computeIfAbsent(webhook.kind(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
                if (status != webhook.expected()) {
                    wrong.add(webhook.kind() + " #" + i + " answered " + status + ": "
                            + new String(webhook.body(), 0, Math.min(200, webhook.body().length), StandardCharsets.UTF_8));
                }
            }
        } finally {
            senders.shutdownNow();
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("%d hostile webhooks answered in %d ms: %s%n", hostile.size(), millis, statusesByKind);

        assertThat(hostile).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(wrong).as("answers other than expected").isEmpty();
        assertThat(statusesByKind.values().stream().flatMap(s -> s.keySet().stream()))
                .allMatch(status -> status >= 400 && status < 500 || status == 200);
        broker.assertStaysAt(EVENTS, events);
        broker.assertStaysAt(SHOP_EVENTS, shopEvents);
        assertThat(storedIds()).as("no notification id stored").isEqualTo(ids);

        ApiClient api = new ApiClient(port);
        assertThat(ApiClient.json(api.get("/actuator/health", null)).path("status").asText()).isEqualTo("UP");
        assertThat(tiktok.deliver(tiktok.returnStatusChange(newId(), SHOP, newId())).statusCode()).isEqualTo(200);
        broker.awaitMessagesAdded(EVENTS, events + 1);
    }

    private List<Hostile> generate(List<String> accepted) {
        List<Function<Integer, Hostile>> kinds = List.of(
                this::randomBytesUnsigned, this::randomBytesSigned, this::deepNesting, this::hugeNumbers, this::wrongTypes,
                this::keysTwice, this::invalidUtf8, this::notAnId, this::outsideTheTimeWindow, this::forgedSignature,
                this::notAnEnvelope, i -> replay(accepted, i));
        List<Hostile> hostile = new ArrayList<>();
        for (int i = 0; i < COUNT - 10; i++) {
            hostile.add(kinds.get(i % kinds.size()).apply(i));
        }
        for (int i = 0; i < 10; i++) {
            hostile.add(oversized(i));
        }
        return hostile;
    }

    private Hostile signed(String kind, byte[] body, int expected) {
        return new Hostile(kind, body, tiktok.sign(body), expected);
    }

    private Hostile signed(String kind, String body, int expected) {
        return signed(kind, body.getBytes(StandardCharsets.UTF_8), expected);
    }

    private Hostile randomBytesUnsigned(int i) {
        byte[] body = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(body);
        String authorization = i % 3 == 0 ? null : HexFormat.of().formatHex(randomBytes(32));
        return new Hostile("random bytes, unsigned", body, authorization, 401);
    }

    private Hostile randomBytesSigned(int i) {
        return signed("random bytes", randomBytes(1 + random.nextInt(2_000)), 400);
    }

    private Hostile deepNesting(int i) {
        int depth = 1_100 + random.nextInt(50_000);
        String open = i % 2 == 0 ? "[" : "{\"a\":";
        String close = i % 2 == 0 ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        return signed("deep nesting", envelope(12, newId(), SHOP, now(), "{\"return_id\":\"" + newId() + "\",\"x\":" + nested + "}"), 400);
    }

    private Hostile hugeNumbers(int i) {
        String huge = switch (i % 6) {
            case 0 -> "9".repeat(2_000);
            case 1 -> "1e999999999";
            case 2 -> "-" + "9".repeat(40);
            case 3 -> "12.5";
            case 4 -> "1" + "0".repeat(400) + ".0e-400";
            default -> "4294967308"; // 12 + 2^32: an int that overflows to 12
        };
        String body = switch (i % 3) {
            case 0 -> "{\"type\":" + huge + ",\"tts_notification_id\":\"" + newId() + "\",\"shop_id\":\"" + SHOP
                    + "\",\"timestamp\":" + now() + ",\"data\":{\"return_id\":\"" + newId() + "\"}}";
            case 1 -> "{\"type\":12,\"tts_notification_id\":" + huge + ",\"shop_id\":\"" + SHOP
                    + "\",\"timestamp\":" + now() + ",\"data\":{\"return_id\":\"" + newId() + "\"}}";
            default -> "{\"type\":12,\"tts_notification_id\":\"" + newId() + "\",\"shop_id\":\"" + SHOP
                    + "\",\"timestamp\":" + huge + ",\"data\":{\"return_id\":\"" + newId() + "\"}}";
        };
        return signed("huge numbers", body, 400);
    }

    private Hostile wrongTypes(int i) {
        long now = now();
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        wrong.put("type", List.of("\"12.0\"", "\"x12\"", "[12]", "{}", "null", "true", "12.0", "12.5"));
        wrong.put("tts_notification_id", List.of("1234567", "[\"1\"]", "{}", "true", "\"\""));
        wrong.put("shop_id", List.of(SHOP, "[\"" + SHOP + "\"]", "{}", "null", "false", "\" \""));
        wrong.put("timestamp", List.of("\"" + now + "\"", "[" + now + "]", "null", "true", now + ".5", "{}"));
        wrong.put("data", List.of("\"x\"", "12", "[]", "null", "{\"return_id\":12345}", "{\"return_id\":{}}",
                "{\"return_id\":[\"1\"]}"));
        List<String> fields = List.copyOf(wrong.keySet());
        String field = fields.get(i % fields.size());
        List<String> values = wrong.get(field);
        Map<String, String> envelope = validFields();
        envelope.put(field, values.get(random.nextInt(values.size())));
        return signed("wrong types", object(envelope), 400);
    }

    private Hostile keysTwice(int i) {
        Map<String, String> fields = validFields();
        String field = List.of("type", "tts_notification_id", "shop_id", "timestamp", "data").get(i % 5);
        String body = object(fields);
        String again = field.equals("data") ? "{\"return_id\":\"" + newId() + "\"}"
                : field.equals("type") || field.equals("timestamp") ? fields.get(field) : "\"" + newId() + "\"";
        return signed("keys twice", body.substring(0, body.length() - 1) + ",\"" + field + "\":" + again + "}", 400);
    }

    private Hostile invalidUtf8(int i) {
        byte[][] broken = {{(byte) 0xC3, 0x28}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        String body = envelope(12, newId(), SHOP, now(), "{\"return_id\":\"" + newId() + "\",\"note\":\"@\"}");
        int at = body.indexOf('@');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(body.substring(0, at).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(broken[i % broken.length]);
        bytes.writeBytes(body.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        return signed("invalid UTF-8", bytes.toByteArray(), 400);
    }

    private Hostile notAnId(int i) {
        String[] ids = {"\\u0000" + newId(), "shop\\\"x", "a b", "x".repeat(129), "\\u00e9t\\u00e9", "../../etc", "id\\nnext", "<script>"};
        String id = ids[i % ids.length];
        String body = switch (i % 3) {
            case 0 -> envelope(12, id, SHOP, now(), "{\"return_id\":\"" + newId() + "\"}");
            case 1 -> envelope(12, newId(), id, now(), "{\"return_id\":\"" + newId() + "\"}");
            default -> envelope(12, newId(), SHOP, now(), "{\"return_id\":\"" + id + "\"}");
        };
        return signed("not an id", body, 400);
    }

    private Hostile outsideTheTimeWindow(int i) {
        long timestamp = switch (i % 4) {
            case 0 -> Instant.now().minus(Duration.ofHours(73)).getEpochSecond();
            case 1 -> Instant.now().plus(Duration.ofMinutes(6)).getEpochSecond();
            case 2 -> 0;
            default -> -1_000_000_000L;
        };
        return signed("stale or future", envelope(12, newId(), SHOP, timestamp, "{\"return_id\":\"" + newId() + "\"}"), 400);
    }

    private Hostile forgedSignature(int i) {
        byte[] body = envelope(12, newId(), SHOP, now(), "{\"return_id\":\"" + newId() + "\"}").getBytes(StandardCharsets.UTF_8);
        String authorization = switch (i % 5) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> tiktok.sign(envelope(12, newId(), SHOP, now(), "{}"));
            case 3 -> tiktok.sign(body).substring(1);
            default -> "Bearer " + tiktok.sign(body);
        };
        return new Hostile("forged signature", body, authorization, 401);
    }

    private Hostile notAnEnvelope(int i) {
        String[] bodies = {"", "null", "[]", "{}", "\"text\"", "12", "{\"type\":12}", " ", "\uFEFF" + envelope(12, newId(), SHOP, now(), "{}"),
                envelope(12, newId(), SHOP, now(), "{\"return_id\":\"" + newId() + "\"}") + "{}",
                envelope(12, newId(), SHOP, now(), "{\"return_id\":\"" + newId() + "\"}").replace("}}", "}"),
                envelope(12, newId(), SHOP, now(), "{}")};
        return signed("not an envelope", bodies[i % bodies.length], 400);
    }

    private Hostile replay(List<String> accepted, int i) {
        return signed("replay", accepted.get(i % accepted.size()), 200);
    }

    private Hostile oversized(int i) {
        String padding = "x".repeat(1024 * 1024);
        return signed("oversized", envelope(12, newId(), SHOP, now(), "{\"return_id\":\"" + newId() + "\",\"pad\":\"" + padding + "\"}"), 413);
    }

    /** A valid type-12 envelope's fields, as JSON values in order. */
    private Map<String, String> validFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "12");
        fields.put("tts_notification_id", "\"" + newId() + "\"");
        fields.put("shop_id", "\"" + SHOP + "\"");
        fields.put("timestamp", String.valueOf(now()));
        fields.put("data", "{\"return_id\":\"" + newId() + "\"}");
        return fields;
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value));
        return json.append('}').toString();
    }

    private static String envelope(int type, String notificationId, String shopId, long timestamp, String data) {
        return TikTokWebhookClient.envelope(type, notificationId, shopId, timestamp, data);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private int storedIds() {
        return db.queryForObject("SELECT COUNT(*) FROM camel_messageprocessed", Integer.class);
    }
}

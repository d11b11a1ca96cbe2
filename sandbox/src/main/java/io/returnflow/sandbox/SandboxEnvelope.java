package io.returnflow.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** TikTok's answer envelope: {code, message, request_id, data}. */
final class SandboxEnvelope {

    private SandboxEnvelope() {
    }

    static Map<String, Object> ok(Object data) {
        return envelope(0, "Success", data);
    }

    static Map<String, Object> error(long code, String message) {
        return envelope(code, message, null);
    }

    private static Map<String, Object> envelope(long code, String message, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.put("request_id", UUID.randomUUID().toString().replace("-", ""));
        envelope.put("data", data);
        return envelope;
    }
}

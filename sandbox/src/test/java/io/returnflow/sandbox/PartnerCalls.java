package io.returnflow.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls to the sandbox over HTTP: its controls, and TikTok Partner API calls signed as TikTok wants them. */
final class PartnerCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private final SandboxTikTokApp app;

    PartnerCalls(int port, SandboxTikTokApp app) {
        this.port = port;
        this.app = app;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** A signed TikTok Partner API call; path below /sandbox/tiktok, body null for a GET. */
    HttpResponse<String> tiktok(String method, String path, Map<String, String> query, String body, String token, String cipher) {
        Map<String, String> signed = new LinkedHashMap<>(query);
        signed.put("app_key", app.appKey());
        signed.put("timestamp", String.valueOf(System.currentTimeMillis() / 1000));
        if (cipher != null) {
            signed.put("shop_cipher", cipher);
        }
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        signed.put("sign", new SandboxTikTokSigning(app).partnerApiSign(path, signed, bytes));
        String queryString = signed.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(SandboxSignatureCheck.API_PREFIX + path + "?" + queryString))
                .header("x-tts-access-token", token).header("Content-Type", "application/json");
        return send(body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** TikTok's envelope code of a signed call (0: done). */
    long tiktokCode(String method, String path, Map<String, String> query, String body, String token, String cipher) {
        return json(tiktok(method, path, query, body, token, cipher)).path("code").asLong();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

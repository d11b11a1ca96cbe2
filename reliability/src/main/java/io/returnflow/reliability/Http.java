package io.returnflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One HTTP/1.1 client for every call the harness makes; redirects are followed by hand. Like a
 * browser it keeps the cookies answers set, by host, and sends them back: the service's TikTok
 * connect binds its callback to the browser that started it with a cookie.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** host -> cookie name -> value */
    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpResponse<String> get(URI uri, String bearer) throws IOException, InterruptedException {
        return send(request(uri, bearer).GET());
    }

    HttpResponse<String> postJson(URI uri, String bearer, Object body) throws IOException, InterruptedException {
        return send(request(uri, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(asJson(body), StandardCharsets.UTF_8)));
    }

    HttpResponse<String> putJson(URI uri, String bearer, Object body) throws IOException, InterruptedException {
        return send(request(uri, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(asJson(body), StandardCharsets.UTF_8)));
    }

    HttpResponse<String> delete(URI uri) throws IOException, InterruptedException {
        return send(request(uri, null).DELETE());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        String host = request.build().uri().getHost();
        Map<String, String> held = cookies.getOrDefault(host, Map.of());
        if (!held.isEmpty()) {
            request.header("Cookie", held.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : answer.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.computeIfAbsent(host, h -> new ConcurrentHashMap<>())
                        .put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
        return answer;
    }

    /** The body of a 2xx answer as JSON; anything else is an error naming the call. */
    static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + abbreviate(response.body()));
        }
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON from " + response.request().uri() + ": " + abbreviate(response.body()), e);
        }
    }

    static String asJson(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HttpRequest.Builder request(URI uri, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 300 ? text : text.substring(0, 300) + "...";
    }
}

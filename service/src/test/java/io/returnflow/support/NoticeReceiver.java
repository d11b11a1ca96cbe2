package io.returnflow.support;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** A merchant's notification receiver on a free local port: keeps every notice's body, answers 200. */
public final class NoticeReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> notices = new CopyOnWriteArrayList<>();

    private NoticeReceiver(HttpServer server) {
        this.server = server;
    }

    public static NoticeReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            NoticeReceiver receiver = new NoticeReceiver(server);
            server.createContext("/hooks", exchange -> {
                receiver.notices.add(JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The notices of this kind received so far. */
    public List<JsonNode> of(String kind) {
        return notices.stream().filter(n -> kind.equals(n.path("kind").asText())).toList();
    }

    /** Waits for {@code count} notices of the kind; answers them. */
    public List<JsonNode> await(String kind, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> of(kind).size() >= count);
        return of(kind);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

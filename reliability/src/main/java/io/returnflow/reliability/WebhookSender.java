package io.returnflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends webhooks as TikTok does, from concurrent senders: a webhook that gets no answer (a
 * connection refused or cut, a timeout) or a 5xx is sent again after a pause, to the next service
 * instance, until it is answered or the sender gives up; any other answer is final. Optionally
 * paced: webhook i leaves no earlier than start + i / rate.
 */
final class WebhookSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<URI> targets;
    private final int concurrency;
    private final Duration giveUpAfter;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    /** How each webhook was finally answered, by kind and status. */
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Map<Webhooks.Kind, AtomicInteger> unexpected = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    WebhookSender(List<URI> targets, int concurrency, Duration giveUpAfter) {
        this.targets = List.copyOf(targets);
        this.concurrency = concurrency;
        this.giveUpAfter = giveUpAfter;
    }

    /** Sends them all and returns when each is answered or given up; {@code perSecond} 0 = as fast as answered. */
    void send(List<Webhooks.Webhook> webhooks, double perSecond) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        AtomicInteger index = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            senders.submit(() -> {
                for (int n = index.getAndIncrement(); n < webhooks.size(); n = index.getAndIncrement()) {
                    if (perSecond > 0) {
                        long due = start + (long) (n * 1e9 / perSecond);
                        while (System.nanoTime() < due) {
                            LockSupport.parkNanos(due - System.nanoTime());
                        }
                    }
                    deliver(webhooks.get(n));
                }
            });
        }
        senders.shutdown();
        if (!senders.awaitTermination(giveUpAfter.toMillis() + TimeUnit.HOURS.toMillis(1), TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
        }
    }

    private void deliver(Webhooks.Webhook webhook) {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        long pauseMillis = 200;
        while (true) {
            URI target = targets.get(Math.floorMod(next.getAndIncrement(), targets.size()));
            int status = post(target, webhook);
            if (status >= 200 && status < 500) {
                answers.computeIfAbsent(webhook.kind() + " " + status, k -> new AtomicInteger()).incrementAndGet();
                if (status != webhook.expected()) {
                    unexpected.computeIfAbsent(webhook.kind(), k -> new AtomicInteger()).incrementAndGet();
                }
                if (status == 200) {
                    acknowledged.add(webhook.notificationId());
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                gaveUp.incrementAndGet();
                return;
            }
            resent.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMillis));
            pauseMillis = Math.min(pauseMillis * 2, 2_000);
        }
    }

    /** The answer's status; 0 when there was none. */
    private int post(URI target, Webhooks.Webhook webhook) {
        requests.incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()));
        if (webhook.signature() != null) {
            request.header("Authorization", webhook.signature());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    long requests() {
        return requests.get();
    }

    long resent() {
        return resent.get();
    }

    int gaveUp() {
        return gaveUp.get();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    int answered(Webhooks.Kind kind, int status) {
        AtomicInteger count = answers.get(kind + " " + status);
        return count == null ? 0 : count.get();
    }

    int unexpected(Webhooks.Kind kind) {
        AtomicInteger count = unexpected.get(kind);
        return count == null ? 0 : count.get();
    }
}

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
 * Sends webhooks as TikTok does, from concurrent senders: a webhook that is not answered 200 (no
 * answer: a connection refused or cut, a timeout; a 5xx; any other status) is sent again after a
 * pause, to the next service instance, until it is or the sender gives up. Hostile webhooks get one
 * answer (or are sent again only after no answer or a 5xx). Optionally
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
    /** Answers other than the expected one, a 5xx or none, on the way to the final one (e.g. a 404). */
    private final Map<String, AtomicInteger> interim = new ConcurrentHashMap<>();
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
            // TikTok sends a webhook again until it gets a 200; a hostile sender gets one answer
            boolean last = status == 200 || webhook.expected() != 200 && status >= 200 && status < 500;
            if (status != 0 && status != webhook.expected() && status / 100 != 5) {
                interim.computeIfAbsent(webhook.kind() + " " + status, k -> new AtomicInteger()).incrementAndGet();
            }
            if (last) {
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

    /** Answers that were neither the expected one, a 5xx nor no answer, e.g. {VALID 404=3}: sent again. */
    Map<String, Integer> interimAnswers() {
        Map<String, Integer> found = new java.util.TreeMap<>();
        interim.forEach((key, count) -> found.put(key, count.get()));
        return found;
    }

    int unexpected(Webhooks.Kind kind) {
        AtomicInteger count = unexpected.get(kind);
        return count == null ? 0 : count.get();
    }
}

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * End to end: signed TikTok webhooks -> the return re-read from TikTok, matched to its Shopify order
 * and recorded -> Return Authorizations in NetSuite and ShipHero, against the packaged service and
 * sandbox partners that answer after a fixed latency (bench/end-to-end.sh starts both).
 *
 * Set-up uses the public APIs only: merchants with both WMS targets (admin API), an API key each,
 * one TikTok shop each connected through the sandbox's OAuth flow, and returns the sandbox TikTok
 * knows but has not told the service about. Then:
 *   throughput  every webhook of --returns returns sent by --concurrency senders as fast as they are
 *               answered; returns/s from the first webhook to the last return with both Return
 *               Authorizations CREATED (the service's wms_return_authorizations_total);
 *   latency     webhooks at --rate per second for --seconds (open loop: each at its due time,
 *               whatever the earlier ones do); per return, from the webhook's due time to the return
 *               recorded (createdAt) and to both Return Authorizations made (wms[].updatedAt).
 * Last, the sandbox TikTok's busiest second per shop: TikTok allows about 50 calls/s per shop and API.
 * JDK only; the JSON answers are read with patterns fitted to the service's own shapes.
 */
public class EndToEndBenchmark {

    static final List<String> TARGETS = List.of("NETSUITE", "SHIPHERO");

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        var service = new Service(settings);

        System.out.printf("== Set-up: %d merchants, one TikTok shop each, %s; %d + %d + %d returns%n",
                settings.shops(), settings.wms() ? "both WMS targets" : "no WMS target", settings.warmup(), settings.returns(), settings.rate() * settings.seconds());
        List<Shop> shops = new ArrayList<>();
        for (int i = 0; i < settings.shops(); i++) {
            shops.add(service.merchantWithShop(i));
        }
        List<TikTokReturn> forWarmUp = service.returnsAcross(shops, settings.warmup());
        List<TikTokReturn> forThroughput = service.returnsAcross(shops, settings.returns());
        List<TikTokReturn> forLatency = service.returnsAcross(shops, settings.rate() * settings.seconds());
        service.resetCallRates();

        // The JIT compiles the service's hot paths during the first thousands of exchanges.
        boolean ok = throughput("Warm-up (not a figure)", settings, service, forWarmUp);
        ok &= throughput("Throughput", settings, service, forThroughput);
        ok &= latency(settings, service, forLatency);
        System.out.println();
        System.out.println("== Sandbox TikTok calls per shop (TikTok allows about 50/s per shop and API)");
        System.out.print(service.callRates());
        System.exit(ok ? 0 : 1);
    }

    static boolean throughput(String phase, Settings settings, Service service, List<TikTokReturn> returns) throws Exception {
        Map<String, Long> before = service.createdRas();
        long recordedBefore = service.recordedReturns();
        long cpuBefore = settings.serviceCpuNanos();
        long jitBefore = settings.serviceJitCpuNanos();
        var queue = new ConcurrentLinkedQueue<>(returns);
        var refused = new AtomicLong();
        var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, AtomicLong>();
        long start = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(settings.concurrency());
        for (int i = 0; i < settings.concurrency(); i++) {
            senders.execute(() -> {
                TikTokReturn next;
                while ((next = queue.poll()) != null) {
                    int status = service.sendWebhook(next);
                    if (status != 200) {
                        refused.incrementAndGet();
                        statuses.computeIfAbsent(status, any -> new AtomicLong()).incrementAndGet();
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(10, TimeUnit.MINUTES);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        boolean recorded = service.awaitRecorded(recordedBefore, returns.size(), settings.timeout());
        double recordedSeconds = (System.nanoTime() - start) / 1e9;
        boolean done = !settings.wms() || service.awaitRas(before, returns.size(), settings.timeout());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.printf("== %s: %d returns, webhooks from %d concurrent senders%n", phase, returns.size(), settings.concurrency());
        System.out.printf("webhooks: %d sent in %.1f s (%.0f/s), %d not answered 200%s%n", returns.size(), sendSeconds,
                returns.size() / sendSeconds, refused.get(), statuses.isEmpty() ? "" : " (status: count, -1 = no answer in 10 s: " + statuses + ")");
        System.out.printf("returns recorded: %s after %.1f s = %.0f returns/s (webhook -> return created)%n",
                recorded ? "all" : "NOT ALL (timed out)", recordedSeconds, returns.size() / recordedSeconds);
        if (settings.wms()) {
            System.out.printf("returns with both Return Authorizations: %s after %.1f s = %.0f returns/s end to end%n",
                    done ? "all" : "NOT ALL (timed out)", seconds, returns.size() / seconds);
        }
        if (settings.servicePid() > 0) {
            long cpu = settings.serviceCpuNanos() - cpuBefore;
            // at least: a compiler thread that ends takes its CPU time with it (the JVM starts and stops them)
            long jit = Math.max(0, settings.serviceJitCpuNanos() - jitBefore);
            System.out.printf("service CPU: %.1f ms per return (%s; the partners are another process)%n",
                    cpu / 1e6 / returns.size(),
                    settings.wms() ? "webhook, return, both Return Authorizations" : "webhook and return, no WMS target");
            // On two cores the JIT compilers take minutes to settle: their share says how far from steady state a figure is.
            System.out.printf("  of which the JIT compilers at least %.1f ms per return; everything else (the flow) %.1f ms per return%n",
                    jit / 1e6 / returns.size(), (cpu - jit) / 1e6 / returns.size());
        }
        return recorded && done && refused.get() == 0;
    }

    static boolean latency(Settings settings, Service service, List<TikTokReturn> returns) throws Exception {
        Map<String, Long> before = service.createdRas();
        long recordedBefore = service.recordedReturns();
        long[] dueMillis = new long[returns.size()];
        List<Future<Integer>> answers = new ArrayList<>();
        ExecutorService senders = Executors.newCachedThreadPool();
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        for (int i = 0; i < returns.size(); i++) {
            long dueNanos = startNanos + (long) (i * 1e9 / settings.rate());
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            dueMillis[i] = startMillis + (dueNanos - startNanos) / 1_000_000;
            TikTokReturn ret = returns.get(i);
            answers.add(senders.submit(() -> service.sendWebhook(ret)));
        }
        long refused = 0;
        for (Future<Integer> answer : answers) {
            refused += answer.get() == 200 ? 0 : 1;
        }
        senders.shutdown();
        boolean done = service.awaitRecorded(recordedBefore, returns.size(), settings.timeout())
                && (!settings.wms() || service.awaitRas(before, returns.size(), settings.timeout()));

        long[] toRecorded = new long[returns.size()];
        long[] toRas = new long[returns.size()];
        int measured = 0;
        for (int i = 0; i < returns.size(); i++) {
            Service.Times times = service.timesOf(returns.get(i));
            if (times != null) {
                toRecorded[measured] = times.recorded().toEpochMilli() - dueMillis[i];
                toRas[measured] = times.lastRa() == null ? 0 : times.lastRa().toEpochMilli() - dueMillis[i];
                measured++;
            }
        }
        System.out.println();
        System.out.printf("== Latency: %d webhooks at %d/s for %d s (open loop, from each webhook's due time)%n",
                returns.size(), settings.rate(), settings.seconds());
        System.out.printf("%-38s %8s %8s %8s %8s %8s%n", "", "p50 ms", "p90 ms", "p99 ms", "max ms", "returns");
        printPercentiles("webhook -> return recorded", Arrays.copyOf(toRecorded, measured));
        if (settings.wms()) {
            printPercentiles("webhook -> both Return Authorizations", Arrays.copyOf(toRas, measured));
        }
        System.out.printf("webhooks not answered 200: %d; returns not %s: %d%n", refused,
                settings.wms() ? "recorded with both Return Authorizations" : "recorded", returns.size() - measured);
        // a return recorded before its webhook's due time came by another path (reconciliation): not this figure
        long early = Arrays.stream(toRecorded, 0, measured).filter(millis -> millis < 0).count();
        if (early > 0) {
            System.out.printf("NOT A FIGURE: %d returns were recorded before their webhook was due%n", early);
        }
        return done && refused == 0 && measured == returns.size() && early == 0;
    }

    static void printPercentiles(String what, long[] millis) {
        Arrays.sort(millis);
        System.out.printf("%-38s %8d %8d %8d %8d %8d%n", what, percentile(millis, 50), percentile(millis, 90),
                percentile(millis, 99), millis.length == 0 ? 0 : millis[millis.length - 1], millis.length);
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    record Shop(String merchantId, String apiKey, String shopId) {
    }

    record TikTokReturn(Shop shop, String returnId, String orderId) {
    }

    /** The service under test, through its HTTP APIs and its sandbox partners. */
    static final class Service {

        private static final Pattern RETURN_ID = Pattern.compile("\"returnId\":\"(\\d+)\"");
        private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"(\\d+)\"");
        private static final Pattern API_KEY = Pattern.compile("\"apiKey\":\"([^\"]+)\"");
        private static final Pattern CREATED_AT = Pattern.compile("\"createdAt\":\"([^\"]+)\"");
        private static final Pattern WMS = Pattern.compile(
                "\\{\"target\":\"(\\w+)\",\"status\":\"CREATED\"[^{}]*?\"updatedAt\":\"([^\"]+)\""); // outcome may follow
        private static final Pattern COUNT = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.eE+]+)");
        private static final Pattern CALL_RATE = Pattern.compile(
                "\\{\"shopId\":\"(\\d+)\",\"calls\":(\\d+),\"peakPerSecond\":(\\d+)}");

        private final Settings settings;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L);
        private final AtomicLong notificationIds = new AtomicLong(System.currentTimeMillis() * 1000);

        Service(Settings settings) {
            this.settings = settings;
        }

        Shop merchantWithShop(int index) throws Exception {
            String merchantId = "bench-" + runId + "-" + index;
            String base = settings.partnersUrl().toString();
            String document = """
                    {"name": "Bench %d",
                     "shopify": {"shopDomain": "bench%d.myshopify.com", "accessToken": "shpat_sandbox",
                                 "apiBaseUrl": "%s/sandbox/shopify/admin/api/2025-10"},
                     "returns": {"useRedoReturnLabels": false, "mixedDecision": "APPROVE_ALL"},
                     "netsuite": {"enabled": %s, "accountId": "1234567_SB%d", "consumerKey": "sbx-ns-consumer-key",
                                  "consumerSecret": "sbx-ns-consumer-secret", "tokenId": "sbx-ns-token-id",
                                  "tokenSecret": "sbx-ns-token-secret", "restBaseUrl": "%s/sandbox/netsuite/services/rest",
                                  "locationId": "1"},
                     "shiphero": {"enabled": %s, "accessToken": "not-yet-issued", "refreshToken": "sbx_shiphero_refresh",
                                  "warehouseId": "V2FyZWhvdXNlOjE="}}"""
                    .formatted(index, index, base, settings.wms(), index, base, settings.wms());
            expect(send("PUT", "/api/admin/merchants/" + merchantId, settings.adminToken(), document), 200, 201);
            String apiKey = find(API_KEY, expect(send("POST", "/api/admin/merchants/" + merchantId + "/api-keys",
                    settings.adminToken(), null), 201).body());
            String shopId = "74955" + runId + String.format("%05d", index);
            // The seller's browser: connect -> TikTok's (sandbox, auto-approving) page -> the callback,
            // which must bring back the connect cookie (name=value of the first answer's Set-Cookie).
            HttpResponse<String> toTikTok = expect(send("GET", "/api/merchants/" + merchantId + "/tiktok/connect", apiKey, null), 302);
            String connectCookie = toTikTok.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            HttpResponse<String> back = expect(http.send(HttpRequest.newBuilder(URI.create(
                    toTikTok.headers().firstValue("Location").orElseThrow() + "&shop_id=" + shopId)).build(),
                    HttpResponse.BodyHandlers.ofString()), 302);
            expect(http.send(HttpRequest.newBuilder(URI.create(back.headers().firstValue("Location").orElseThrow()))
                    .header("Cookie", connectCookie).build(), HttpResponse.BodyHandlers.ofString()), 200);
            return new Shop(merchantId, apiKey, shopId);
        }

        /** Returns the sandbox TikTok holds (a Shopify order each) without telling the service yet. */
        List<TikTokReturn> returnsAcross(List<Shop> shops, int count) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<TikTokReturn>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Shop shop = shops.get(i % shops.size());
                created.add(pool.submit(() -> {
                    String answer = expect(sendTo(settings.partnersUrl(), "POST", "/sandbox/tiktok/returns", null, """
                            {"returnType": "RETURN_AND_REFUND", "items": 2, "shopId": "%s", "deliverWebhook": false}"""
                            .formatted(shop.shopId())), 201).body();
                    return new TikTokReturn(shop, find(RETURN_ID, answer), find(ORDER_ID, answer));
                }));
            }
            List<TikTokReturn> returns = new ArrayList<>();
            for (Future<TikTokReturn> ret : created) {
                returns.add(ret.get());
            }
            pool.shutdown();
            return returns;
        }

        /** TikTok's type-12 webhook for the return as the buyer asked for it; answers the HTTP status. */
        int sendWebhook(TikTokReturn ret) {
            long now = Instant.now().getEpochSecond();
            String body = ("{\"type\":12,\"tts_notification_id\":\"%d\",\"shop_id\":\"%s\",\"timestamp\":%d,\"data\":{"
                    + "\"order_id\":\"%s\",\"return_id\":\"%s\",\"return_role\":\"BUYER\",\"return_type\":\"RETURN_AND_REFUND\","
                    + "\"return_status\":\"RETURN_OR_REFUND_REQUEST_PENDING\",\"create_time\":%d,\"update_time\":%d}}")
                    .formatted(notificationIds.incrementAndGet(), ret.shop().shopId(), now, ret.orderId(), ret.returnId(), now, now);
            HttpRequest request = HttpRequest.newBuilder(settings.url().resolve("/webhooks/tiktok"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", sign(body))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        /**
         * Return Authorizations CREATED so far, per target: the service's wms.return.authorizations
         * counter, read one meter at a time (cheap, unlike a whole Prometheus scrape).
         */
        Map<String, Long> createdRas() throws Exception {
            Map<String, Long> created = new LinkedHashMap<>();
            for (String target : TARGETS) {
                HttpResponse<String> meter = expect(send("GET", "/actuator/metrics/wms.return.authorizations?tag=target:"
                        + target + "&tag=status:CREATED", settings.adminToken(), null), 200, 404);
                Matcher count = COUNT.matcher(meter.body());
                created.put(target, meter.statusCode() == 404 || !count.find() ? 0L : (long) Double.parseDouble(count.group(1)));
            }
            return created;
        }

        /** Returns the service recorded so far: its returns.recorded counter. */
        long recordedReturns() throws Exception {
            HttpResponse<String> meter = expect(send("GET", "/actuator/metrics/returns.recorded", settings.adminToken(), null), 200, 404);
            Matcher count = COUNT.matcher(meter.body());
            return meter.statusCode() == 404 || !count.find() ? 0L : (long) Double.parseDouble(count.group(1));
        }

        /** Waits until the service has recorded {@code expected} more returns than {@code before}. */
        boolean awaitRecorded(long before, int expected, Duration timeout) throws Exception {
            long giveUp = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < giveUp) {
                if (recordedReturns() - before >= expected) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }

        /** Waits until every target has made {@code expected} more Return Authorizations than {@code before}. */
        boolean awaitRas(Map<String, Long> before, int expected, Duration timeout) throws Exception {
            long giveUp = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < giveUp) {
                Map<String, Long> now = createdRas();
                if (TARGETS.stream().allMatch(target -> now.get(target) - before.get(target) >= expected)) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }

        record Times(Instant recorded, Instant lastRa) {
        }

        /** When the service recorded the return and made its last Return Authorization; null if not both made. */
        Times timesOf(TikTokReturn ret) throws Exception {
            String page = expect(send("GET", "/api/returns?q=" + URLEncoder.encode(ret.returnId(), StandardCharsets.UTF_8),
                    ret.shop().apiKey(), null), 200).body();
            Instant recorded = null;
            Matcher createdAt = CREATED_AT.matcher(page);
            while (createdAt.find()) {
                recorded = Instant.parse(createdAt.group(1)); // the return's own is the last one
            }
            Instant lastRa = null;
            int made = 0;
            Matcher wms = WMS.matcher(page);
            while (wms.find()) {
                Instant at = Instant.parse(wms.group(2));
                lastRa = lastRa == null || at.isAfter(lastRa) ? at : lastRa;
                made++;
            }
            return recorded == null || (settings.wms() && made < TARGETS.size()) ? null : new Times(recorded, lastRa);
        }

        void resetCallRates() throws Exception {
            expect(sendTo(settings.partnersUrl(), "DELETE", "/sandbox/tiktok/call-rates", null, null), 204);
        }

        String callRates() throws Exception {
            StringBuilder out = new StringBuilder(String.format("%-22s %8s %16s%n", "shop", "calls", "busiest second"));
            Matcher rates = CALL_RATE.matcher(expect(sendTo(settings.partnersUrl(), "GET", "/sandbox/tiktok/call-rates", null, null), 200).body());
            long peak = 0;
            while (rates.find()) {
                out.append(String.format("%-22s %8s %16s%n", rates.group(1), rates.group(2), rates.group(3)));
                peak = Math.max(peak, Long.parseLong(rates.group(3)));
            }
            return out.append(String.format("peak TikTok calls in one second for one shop: %d%n", peak)).toString();
        }

        private HttpResponse<String> send(String method, String path, String bearer, String json) throws Exception {
            return sendTo(settings.url(), method, path, bearer, json);
        }

        private HttpResponse<String> sendTo(URI base, String method, String path, String bearer, String json) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            // The service limits each API key's rate (429 with Retry-After): wait as told, then ask again.
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int tries = 0; answer.statusCode() == 429 && tries < 20; tries++) {
                Thread.sleep(1000L * Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1")));
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            return answer;
        }

        private String sign(String body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(settings.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal((settings.appKey() + body).getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static HttpResponse<String> expect(HttpResponse<String> answer, int... statuses) {
            for (int status : statuses) {
                if (answer.statusCode() == status) {
                    return answer;
                }
            }
            throw new IllegalStateException(answer.request().method() + " " + answer.request().uri().getPath() + " answered "
                    + answer.statusCode() + ": " + answer.body());
        }

        private static String find(Pattern pattern, String text) {
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) {
                throw new IllegalStateException("no " + pattern + " in " + text);
            }
            return matcher.group(1);
        }
    }

    record Settings(URI url, URI partnersUrl, String adminToken, String appKey, String appSecret, int shops, int returns, int concurrency,
                    int rate, int seconds, Duration timeout, long servicePid, long clockTicksPerSecond, int warmup,
                    boolean wms) {

        /** The service's CPU time so far (user + system, Linux /proc), or 0 without --service-pid. */
        long serviceCpuNanos() {
            if (servicePid <= 0) {
                return 0;
            }
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + servicePid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                return ticks * 1_000_000_000L / clockTicksPerSecond;
            } catch (IOException e) {
                return 0;
            }
        }

        /** CPU time so far of the service's JIT compiler threads (C1, C2; Linux /proc/PID/task), or 0. */
        long serviceJitCpuNanos() {
            if (servicePid <= 0) {
                return 0;
            }
            long ticks = 0;
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + servicePid + "/task"))) {
                for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                    try {
                        if (java.nio.file.Files.readString(task.resolve("comm")).matches("C\\d CompilerThre.*\\s*")) {
                            String stat = java.nio.file.Files.readString(task.resolve("stat"));
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (IOException threadEnded) {
                        // a compiler thread that ended since the listing (the JVM starts and stops them)
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return ticks * 1_000_000_000L / clockTicksPerSecond;
        }

        private static final String USAGE = """
                java bench/EndToEndBenchmark.java --url http://127.0.0.1:PORT --admin-token T [options]
                  --partners-url URL the sandbox partners (another process); default --url
                  --shops N          merchants, one TikTok shop each; default 8
                  --wms on|off       merchants with NetSuite and ShipHero (default), or none: webhook -> return
                                     created only
                  --warmup N         returns sent first, like the throughput phase, not measured; default 1000
                  --returns N        returns of the throughput phase; default 2000
                  --concurrency N    webhook senders of the throughput phase; default 32
                  --rate N           webhooks/s of the latency phase; default 100
                  --seconds N        length of the latency phase; default 30
                  --timeout-seconds N  how long each phase may take to finish its returns; default 600
                  --app-key K, --app-secret S  the TikTok app; default the local profile's sandbox app
                  --service-pid PID, --clock-ticks N  report the service's CPU time per return (Linux /proc)
                Exit status 0 only if every webhook was answered 200 and every return got both Return Authorizations.""";

        static Settings parse(String[] args) {
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    usage(args[i].equals("--help") ? null : "bad argument: " + args[i]);
                }
                options.put(args[i].substring(2), args[++i]);
            }
            URI url = URI.create(required(options, "url"));
            if (url.getHost() == null || !(url.getHost().equals("localhost") || url.getHost().startsWith("127."))) {
                usage("only loopback targets are allowed: " + url);
            }
            URI partnersUrl = URI.create(options.getOrDefault("partners-url", url.toString()));
            return new Settings(url, partnersUrl, required(options, "admin-token"),
                    options.getOrDefault("app-key", "sandbox-app-key"), options.getOrDefault("app-secret", "sandbox-app-secret"),
                    positive(options, "shops", 8), positive(options, "returns", 2000), positive(options, "concurrency", 32),
                    positive(options, "rate", 100), positive(options, "seconds", 30),
                    Duration.ofSeconds(positive(options, "timeout-seconds", 600)),
                    Long.parseLong(options.getOrDefault("service-pid", "0")),
                    Long.parseLong(options.getOrDefault("clock-ticks", "100")),
                    positive(options, "warmup", 1000),
                    !"off".equals(options.getOrDefault("wms", "on")));
        }

        private static int positive(Map<String, String> options, String name, int fallback) {
            int value = Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
            if (value < 1) {
                usage("--" + name + " must be positive");
            }
            return value;
        }

        private static String required(Map<String, String> options, String name) {
            String value = options.get(name);
            if (value == null) {
                usage("--" + name + " is required");
            }
            return value;
        }

        private static void usage(String problem) {
            if (problem != null) {
                System.err.println(problem);
            }
            System.err.println(USAGE);
            System.exit(problem == null ? 0 : 2);
        }
    }
}

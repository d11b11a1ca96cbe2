import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook intake benchmark: plays TikTok's webhook sender against a running service.
 *
 * <p>Every request is a unique, correctly signed type-12 return status change, so each one the
 * service acknowledges must be queued exactly once. Closed-loop phases keep N requests in flight
 * (throughput at a concurrency); open-loop phases issue requests at fixed times whatever the
 * answers do, and measure latency from the scheduled send time, so a stalled server shows up as
 * latency instead of silently slowing the sender (no coordinated omission).
 *
 * <p>Runs from source, JDK only: {@code java bench/IntakeBenchmark.java --url http://127.0.0.1:PORT}.
 * See {@code --help}. bench/intake.sh starts the service and checks the counts afterwards.
 */
public class IntakeBenchmark {

    /** TikTok gives up on an answer after 3 s and redelivers later. */
    static final long TIKTOK_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(3);
    /** Count bound on a closed-loop phase, far above what a 2-core machine can serve in a phase. */
    static final int MAX_REQUESTS_PER_CLOSED_PHASE = 1_000_000;
    /** The service's JIT needs tens of seconds of real load before the figures settle. */
    static final int WARM_UP_CONCURRENCY = 32;

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt: TikTok speaks HTTP/1.1
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        var sender = new WebhookSender(http, settings.webhookUri(), new ReturnStatusChanges(settings.appKey(), settings.appSecret()));

        sender.probe();
        // The same signed webhooks to an endpoint that only reads them and answers 200: what the HTTP
        // stack alone costs here, in the same run (its answers are not counted as webhooks).
        var baseline = new WebhookSender(http, settings.baselineUri(), new ReturnStatusChanges(settings.appKey(), settings.appSecret()));
        // A separate, bare Spring MVC application (bench/bare-http), when given: the real limit of the stack.
        var bareApp = settings.bareUri() == null ? null
                : new WebhookSender(http, settings.bareUri(), new ReturnStatusChanges(settings.appKey(), settings.appSecret()));
        if (bareApp != null) {
            bareApp.probe();
        }
        var cpu = new CpuClocks(settings.servicePid(), settings.clockTicksPerSecond());
        var bareCpu = new CpuClocks(settings.barePid(), settings.clockTicksPerSecond());
        List<PhaseResult> results = new ArrayList<>();
        for (Phase phase : phases(settings, sender, baseline, bareApp)) {
            // the bare application's phases count its own CPU, every other phase the service's
            CpuClocks clocks = phase.phase().equals(BARE_APP) ? bareCpu : cpu;
            CpuClocks.Reading before = clocks.read();
            PhaseResult result = phase.run();
            results.add(result.withCpu(clocks.read().minus(before)));
        }

        Report.print(results, sender);
        Report.printBaselineRatio(results);
        if (settings.totalsFile() != null) {
            Files.writeString(settings.totalsFile(), "sent=" + sender.sent() + "\nacknowledged=" + sender.acknowledged() + "\n");
        }
        System.exit(sender.sent() == sender.acknowledged() ? 0 : 1);
    }

    static final String BARE_APP = "bare-app";

    static List<Phase> phases(Settings settings, WebhookSender sender, WebhookSender baseline, WebhookSender bareApp) {
        List<Phase> phases = new ArrayList<>();
        if (settings.warmupSeconds() > 0) {
            phases.add(new ClosedLoop("warm-up", sender, WARM_UP_CONCURRENCY, settings.warmupSeconds()));
        }
        for (int concurrency : settings.concurrencies()) {
            phases.add(new ClosedLoop("closed", sender, concurrency, settings.phaseSeconds()));
        }
        for (int concurrency : settings.baselineConcurrencies()) {
            phases.add(new ClosedLoop("baseline", baseline, concurrency, settings.phaseSeconds()));
        }
        if (bareApp != null) {
            for (int concurrency : settings.bareConcurrencies()) {
                phases.add(new ClosedLoop(BARE_APP, bareApp, concurrency, settings.phaseSeconds()));
            }
        }
        for (int rate : settings.rates()) {
            phases.add(new OpenLoop("open", sender, rate, settings.phaseSeconds(), settings.maxInFlight()));
        }
        return phases;
    }

    // ---------------------------------------------------------------------------------------------
    // Webhooks

    /** Unique, signed type-12 webhooks with TikTok-sized ids (19-digit numeric strings). */
    static final class ReturnStatusChanges {

        private static final String TEMPLATE = """
                {"type":12,"tts_notification_id":"%s","shop_id":"7495540735365777507","timestamp":%d,\
                "data":{"order_id":"%s","return_id":"%s","return_role":"BUYER",\
                "return_type":"RETURN_AND_REFUND","return_status":"RETURN_OR_REFUND_REQUEST_PENDING",\
                "create_time":%d,"update_time":%d}}""";

        private final byte[] appKey;
        private final SecretKeySpec secret;
        private final ThreadLocal<Mac> macs;
        /** A random run prefix keeps ids unique across runs too, not only within one. */
        private final long runPrefix = 7_000_000L + ThreadLocalRandom.current().nextLong(1_000_000L);
        private final AtomicLong sequence = new AtomicLong();

        ReturnStatusChanges(String appKey, String appSecret) {
            this.appKey = appKey.getBytes(StandardCharsets.UTF_8);
            this.secret = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            this.macs = ThreadLocal.withInitial(this::newMac); // Mac is not thread-safe
        }

        SignedWebhook next() {
            long n = sequence.incrementAndGet();
            long now = System.currentTimeMillis() / 1000;
            byte[] body = TEMPLATE.formatted(id(n), now, id(n + 500_000_000_000L), id(n + 900_000_000_000L), now - 3600, now)
                    .getBytes(StandardCharsets.UTF_8);
            return new SignedWebhook(body, sign(body));
        }

        private String id(long n) {
            return runPrefix + String.format("%012d", n);
        }

        /** TikTok's webhook signature: hex(HMAC-SHA256(app_secret, app_key + raw body)). */
        private String sign(byte[] body) {
            Mac mac = macs.get();
            mac.update(appKey);
            return HexFormat.of().formatHex(mac.doFinal(body));
        }

        private Mac newMac() {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    record SignedWebhook(byte[] body, String signature) {
    }

    /** Sends webhooks and keeps the run's exact counts: sent, acknowledged (200), refused, failed. */
    static final class WebhookSender {

        private final HttpClient http;
        private final URI webhookUri;
        private final ReturnStatusChanges webhooks;
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private volatile int lastBodySize;

        WebhookSender(HttpClient http, URI webhookUri, ReturnStatusChanges webhooks) {
            this.http = http;
            this.webhookUri = webhookUri;
            this.webhooks = webhooks;
        }

        /** One webhook before any phase: a wrong secret or URL fails here, not as a table of errors. */
        void probe() throws IOException, InterruptedException {
            HttpResponse<Void> answer = http.send(request(webhooks.next()), HttpResponse.BodyHandlers.discarding());
            sent.incrementAndGet();
            if (answer.statusCode() != 200) {
                refused.incrementAndGet();
                throw new IllegalStateException("probe webhook answered " + answer.statusCode() + " (wrong app key/secret or URL?)");
            }
            acknowledged.incrementAndGet();
        }

        /** Synchronous send; returns the HTTP status, or -1 when no answer came. */
        int send() {
            HttpRequest request = request(webhooks.next());
            sent.incrementAndGet();
            try {
                return count(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                return count(-1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count(-1);
            }
        }

        /** Asynchronous send; completes with the HTTP status, or -1 when no answer came. */
        CompletableFuture<Integer> sendAsync() {
            HttpRequest request = request(webhooks.next());
            sent.incrementAndGet();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((answer, failure) -> count(failure == null ? answer.statusCode() : -1));
        }

        private HttpRequest request(SignedWebhook webhook) {
            lastBodySize = webhook.body().length;
            return HttpRequest.newBuilder(webhookUri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("Authorization", webhook.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()))
                    .build();
        }

        private int count(int status) {
            if (status == 200) {
                acknowledged.incrementAndGet();
            } else if (status > 0) {
                refused.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            return status;
        }

        long sent() {
            return sent.get();
        }

        long acknowledged() {
            return acknowledged.get();
        }

        long refused() {
            return refused.get();
        }

        long failed() {
            return failed.get();
        }

        int bodySize() {
            return lastBodySize;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Phases

    interface Phase {
        String phase();

        PhaseResult run() throws InterruptedException;
    }

    /** N senders, each sending its next webhook as soon as the previous one is answered. */
    record ClosedLoop(String phase, WebhookSender sender, int concurrency, int seconds) implements Phase {

        @Override
        public PhaseResult run() throws InterruptedException {
            var tally = new PhaseTally(MAX_REQUESTS_PER_CLOSED_PHASE);
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService senders = Executors.newFixedThreadPool(concurrency);
            for (int i = 0; i < concurrency; i++) {
                senders.execute(() -> {
                    while (System.nanoTime() < deadline && tally.reserve()) {
                        long sentAt = System.nanoTime();
                        int status = sender.send();
                        tally.record(status, System.nanoTime() - sentAt);
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(seconds + 30L, TimeUnit.SECONDS); // a request times out after 10 s
            return tally.result(phase, "c=" + concurrency, start, 0);
        }
    }

    /**
     * Requests issued at start + i/rate whatever the answers do. Latency counts from the scheduled
     * time, so a request that had to wait (server stalled, in-flight cap reached) carries its wait.
     */
    record OpenLoop(String phase, WebhookSender sender, int rate, int seconds, int maxInFlight) implements Phase {

        @Override
        public PhaseResult run() throws InterruptedException {
            int total = rate * seconds;
            var tally = new PhaseTally(total);
            var inFlight = new Semaphore(maxInFlight);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            // An overloaded server holds every in-flight slot and the schedule falls behind; stop issuing
            // at one and a half times the phase length and report what was never sent.
            long cutoff = start + TimeUnit.SECONDS.toNanos(seconds) * 3 / 2;
            int issued = 0;
            for (; issued < total && System.nanoTime() < cutoff; issued++) {
                long scheduled = start + issued * interval;
                sleepUntil(scheduled);
                inFlight.acquire();
                tally.reserve();
                sender.sendAsync().thenAccept(status -> {
                    tally.record(status, System.nanoTime() - scheduled);
                    inFlight.release();
                });
            }
            inFlight.tryAcquire(maxInFlight, 30, TimeUnit.SECONDS); // drain: a request times out after 10 s
            return tally.result(phase, rate + "/s", start, total - issued);
        }

        private static void sleepUntil(long nanoTime) {
            long wait;
            while ((wait = nanoTime - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** One phase's counts and latencies (nanoseconds), bounded in size. */
    static final class PhaseTally {

        private final long[] latencies;
        private final AtomicInteger reserved = new AtomicInteger();
        private final AtomicInteger recorded = new AtomicInteger();
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong overPatience = new AtomicLong();
        private final AtomicLong lastAnswerAt = new AtomicLong(Long.MIN_VALUE); // nanoTime may be negative

        PhaseTally(int capacity) {
            latencies = new long[capacity];
        }

        /** Claims a slot for one more request; false once the phase's count bound is reached. */
        boolean reserve() {
            if (reserved.incrementAndGet() > latencies.length) {
                reserved.decrementAndGet();
                return false;
            }
            return true;
        }

        void record(int status, long latency) {
            if (status == 200) {
                acknowledged.incrementAndGet();
            } else if (status > 0) {
                refused.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            if (status > 0) {
                latencies[recorded.getAndIncrement()] = latency;
                if (latency > TIKTOK_PATIENCE_NANOS) {
                    overPatience.incrementAndGet();
                }
            }
            lastAnswerAt.accumulateAndGet(System.nanoTime(), Math::max);
        }

        /** The achieved rate counts from the phase start to its last answer. */
        PhaseResult result(String phase, String load, long start, long unsent) {
            long last = lastAnswerAt.get();
            long elapsed = last == Long.MIN_VALUE ? 1 : Math.max(1, last - start);
            long[] answered = Arrays.copyOf(latencies, recorded.get());
            Arrays.sort(answered);
            return new PhaseResult(phase, load, unsent, reserved.get(), acknowledged.get(), refused.get() + failed.get(),
                    overPatience.get(), elapsed, new Latencies(answered), CpuClocks.Reading.NONE);
        }
    }

    record Latencies(long[] sorted) {

        double percentileMillis(double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
        }
    }

    /** @param unsent open loop only: scheduled webhooks never sent because the server fell too far behind */
    record PhaseResult(String phase, String load, long unsent, long sent, long acknowledged, long notAcknowledged,
                       long overPatience, long elapsedNanos, Latencies latencies, CpuClocks.Reading cpu) {

        double acknowledgedPerSecond() {
            return acknowledged / (elapsedNanos / 1e9);
        }

        PhaseResult withCpu(CpuClocks.Reading used) {
            return new PhaseResult(phase, load, unsent, sent, acknowledged, notAcknowledged, overPatience, elapsedNanos, latencies, used);
        }

        /** CPU milliseconds per webhook answered, or NaN when not measured. */
        double cpuMillisPerWebhook(long cpuNanos) {
            long answered = acknowledged + notAcknowledged;
            return cpuNanos < 0 || answered == 0 ? Double.NaN : cpuNanos / 1e6 / answered;
        }
    }

    /**
     * CPU time used by the service (from /proc, when its pid is given) and by this client: what a
     * webhook costs, which tells whether the machine's cores or something else limit throughput.
     */
    record CpuClocks(long servicePid, long clockTicksPerSecond) {

        record Reading(long serviceNanos, long clientNanos) {
            static final Reading NONE = new Reading(-1, -1);

            Reading minus(Reading earlier) {
                return new Reading(serviceNanos < 0 ? -1 : serviceNanos - earlier.serviceNanos, clientNanos - earlier.clientNanos);
            }
        }

        Reading read() {
            long client = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
            return new Reading(serviceCpuNanos(), client);
        }

        /** utime + stime, fields 14 and 15 of /proc/PID/stat (counted after the command name's closing parenthesis). */
        private long serviceCpuNanos() {
            if (servicePid <= 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc", String.valueOf(servicePid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return ticks * 1_000_000_000L / clockTicksPerSecond;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Output

    static final class Report {

        static void print(List<PhaseResult> results, WebhookSender sender) {
            String format = "%-8s %-8s %7s %8s %8s %8s %6s %9s %8s %8s %8s %8s %9s %9s%n";
            System.out.printf(format, "phase", "load", "unsent", "sent", "acked", "non-200", ">3s", "acked/s",
                    "p50 ms", "p90 ms", "p99 ms", "max ms", "svc cpu", "client cpu");
            for (PhaseResult r : results) {
                Latencies l = r.latencies();
                System.out.printf(format, r.phase(), r.load(), r.unsent(), r.sent(), r.acknowledged(), r.notAcknowledged(), r.overPatience(),
                        String.format("%.0f", r.acknowledgedPerSecond()),
                        millis(l.percentileMillis(50)), millis(l.percentileMillis(90)),
                        millis(l.percentileMillis(99)), millis(l.maxMillis()),
                        millis(r.cpuMillisPerWebhook(r.cpu().serviceNanos())), millis(r.cpuMillisPerWebhook(r.cpu().clientNanos())));
            }
            System.out.printf("%nwebhook body: %d bytes; whole run (probe included): sent=%d acknowledged=%d refused=%d failed=%d%n",
                    sender.bodySize(), sender.sent(), sender.acknowledged(), sender.refused(), sender.failed());
            System.out.println("latency: closed loop from the send, open loop from the scheduled send time; "
                    + "unsent: open-loop webhooks still unsent when the phase was cut off at 1.5 times its length; "
                    + "cpu: milliseconds of CPU per webhook (service from /proc, needs --service-pid)");
        }

        /** Intake against the bare endpoint, at each concurrency both were measured at. */
        static void printBaselineRatio(List<PhaseResult> results) {
            for (PhaseResult bare : results) {
                String against = switch (bare.phase()) {
                    case "baseline" -> "the service's own bare endpoint";
                    case BARE_APP -> "the separate bare Spring MVC application";
                    default -> null;
                };
                if (against == null) {
                    continue;
                }
                results.stream().filter(r -> r.phase().equals("closed") && r.load().equals(bare.load())).findFirst()
                        .ifPresent(intake -> System.out.printf(
                                "intake vs %s at %s: %.0f/s vs %.0f/s = %.0f%%; p99 %.1f ms vs %.1f ms%n",
                                against, bare.load(), intake.acknowledgedPerSecond(), bare.acknowledgedPerSecond(),
                                100 * intake.acknowledgedPerSecond() / bare.acknowledgedPerSecond(),
                                intake.latencies().percentileMillis(99), bare.latencies().percentileMillis(99)));
            }
        }

        private static String millis(double value) {
            return Double.isNaN(value) ? "-" : String.format(value < 10 ? "%.2f" : "%.1f", value);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Command line

    record Settings(URI webhookUri, URI baselineUri, URI bareUri, String appKey, String appSecret, int warmupSeconds, int phaseSeconds,
                    List<Integer> concurrencies, List<Integer> baselineConcurrencies, List<Integer> bareConcurrencies,
                    List<Integer> rates, int maxInFlight, Path totalsFile, long servicePid, long barePid, long clockTicksPerSecond) {

        private static final String USAGE = """
                java bench/IntakeBenchmark.java --url http://127.0.0.1:PORT [options]
                  --app-key K          default sandbox-app-key (the local profile's)
                  --app-secret S       default sandbox-app-secret
                  --warmup-seconds N   closed loop at concurrency 32 before measuring; default 30, 0 = none
                  --phase-seconds N    length of every measured phase; default 12
                  --concurrency LIST   closed-loop phases, e.g. 8,64,256 (default); "" = none
                  --baseline-concurrency LIST  closed-loop phases against the bare endpoint POST /sandbox/baseline
                                       (local profile), default 64,256; "" = none
                  --bare-url URL       a separate bare Spring MVC application (bench/bare-http): the same webhooks
                                       go to URL/webhooks/tiktok at each --bare-concurrency
                  --bare-concurrency LIST  default 64,256
                  --bare-pid PID       that application's CPU time per webhook (Linux /proc)
                  --rates LIST         open-loop phases in webhooks/s, e.g. 1000,2000,4000,6000 (default); "" = none
                  --max-in-flight N    open-loop cap on outstanding requests; default 512
                  --totals-file PATH   write "sent=" and "acknowledged=" totals here
                  --service-pid PID    report the service's CPU time per webhook (Linux /proc)
                  --clock-ticks N      /proc clock ticks per second (getconf CLK_TCK); default 100
                Exit status 0 only if every webhook sent was acknowledged with 200.""";

        static Settings parse(String[] args) {
            Map<String, String> options = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help") || !args[i].startsWith("--") || i + 1 >= args.length) {
                    usage(args[i].equals("--help") ? null : "bad argument: " + args[i]);
                }
                options.put(args[i].substring(2), args[++i]);
            }
            URI base = URI.create(required(options, "url"));
            if (!isLoopback(base.getHost())) {
                usage("only loopback targets are allowed: " + base);
            }
            URI bare = options.containsKey("bare-url") ? URI.create(options.get("bare-url")) : null;
            if (bare != null && !isLoopback(bare.getHost())) {
                usage("only loopback targets are allowed: " + bare);
            }
            var settings = new Settings(base.resolve("/webhooks/tiktok"), base.resolve("/sandbox/baseline"),
                    bare == null ? null : bare.resolve("/webhooks/tiktok"),
                    options.getOrDefault("app-key", "sandbox-app-key"),
                    options.getOrDefault("app-secret", "sandbox-app-secret"),
                    Integer.parseInt(options.getOrDefault("warmup-seconds", "30")),
                    Integer.parseInt(options.getOrDefault("phase-seconds", "12")),
                    numbers(options.getOrDefault("concurrency", "8,64,256")),
                    numbers(options.getOrDefault("baseline-concurrency", "64,256")),
                    numbers(options.getOrDefault("bare-concurrency", "64,256")),
                    numbers(options.getOrDefault("rates", "1000,2000,4000,6000")),
                    Integer.parseInt(options.getOrDefault("max-in-flight", "512")),
                    options.containsKey("totals-file") ? Path.of(options.get("totals-file")) : null,
                    Long.parseLong(options.getOrDefault("service-pid", "0")),
                    Long.parseLong(options.getOrDefault("bare-pid", "0")),
                    Long.parseLong(options.getOrDefault("clock-ticks", "100")));
            options.keySet().removeAll(List.of("url", "app-key", "app-secret", "warmup-seconds", "phase-seconds",
                    "concurrency", "baseline-concurrency", "bare-url", "bare-concurrency", "bare-pid", "rates", "max-in-flight", "totals-file", "service-pid", "bare-pid", "clock-ticks"));
            if (!options.isEmpty()) {
                usage("unknown option(s): " + options.keySet());
            }
            if (settings.phaseSeconds() < 1 || settings.phaseSeconds() > 120 || settings.maxInFlight() < 1
                    || settings.clockTicksPerSecond() < 1) {
                usage("--phase-seconds must be 1..120, --max-in-flight and --clock-ticks positive");
            }
            return settings;
        }

        private static boolean isLoopback(String host) {
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        }

        private static List<Integer> numbers(String list) {
            List<Integer> numbers = new ArrayList<>();
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    int n = Integer.parseInt(item.trim());
                    if (n < 1 || n > 100_000) {
                        usage("out of range: " + n);
                    }
                    numbers.add(n);
                }
            }
            return numbers;
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

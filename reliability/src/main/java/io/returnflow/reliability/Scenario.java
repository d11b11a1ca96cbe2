package io.returnflow.reliability;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One scenario: its database, broker and service instance(s) are made for it and removed after it.
 * Two merchants share the traffic: one with both WMS targets enabled, one with NetSuite only (so
 * ShipHero must be SKIPPED for its returns, and nothing created there).
 */
final class Scenario {

    /** The queue of the return events (webhook type 12), the one every notification of the traffic goes to. */
    private static final String RETURN_EVENTS = "tiktok.return-events";
    /** Notifications not taken that the ledger names one by one. */
    private static final int MAX_NAMED = 20;
    /**
     * Faults scenario: returns whose seller deadline comes during the faults, left to the merchants'
     * deadline policy (warn {@link #WARN_BEFORE}, approve {@link #DECIDE_BEFORE} before the deadline),
     * looked at every {@link #POLICY_INTERVAL_MS}.
     */
    private static final int DEADLINE_RETURNS = 8;
    private static final Duration WARN_BEFORE = Duration.ofSeconds(150);
    /** Two minutes: the decision's sync still reaches TikTok before its deadline after a partner outage of a minute. */
    private static final Duration DECIDE_BEFORE = Duration.ofMinutes(2);
    private static final long POLICY_INTERVAL_MS = 5_000;

    private final ReliabilityRun run;
    private final String name;
    private final Scale scale;
    private final Path dir;
    private final PostgresDatabase database;
    private final ArtemisBroker broker;
    private final List<ServiceInstance> services = new ArrayList<>();
    private final List<ServiceApi> apis = new ArrayList<>();
    private final Map<String, String> apiKeys = new HashMap<>();
    /** TikTok return id -> the WMS targets its merchant enabled */
    private final Map<String, Set<String>> targets = new LinkedHashMap<>();
    /** TikTok return id -> when its policy decision is due, in seconds from the start of the faults (faults scenario) */
    private final Map<String, Long> leftToPolicy = new LinkedHashMap<>();
    private java.time.Instant trafficStarted;
    private Decider decider;
    private Thread deciderThread;

    Scenario(ReliabilityRun run, String name) throws IOException {
        this.run = run;
        this.name = name;
        this.scale = run.scale;
        this.dir = run.work.resolve(name);
        this.database = new PostgresDatabase("reliability_" + run.runId + "_" + name.replace('-', '_'), run.pgUser);
        this.broker = new ArtemisBroker(run.artemisHome, dir.resolve("broker"), ReliabilityRun.freePort(), ReliabilityRun.secret(18));
    }

    Ledger run() throws Exception {
        System.out.println("== Scenario " + name + ": " + title());
        java.nio.file.Files.createDirectories(dir);
        database.create();
        broker.create(run.brokerXml);
        broker.start();
        run.partners.clearFaults();
        int instances = name.equals("two-instances") ? 2 : 1;
        for (int i = 0; i < instances; i++) {
            List<String> arguments = new ArrayList<>(
                    run.serviceArguments(run.servicePorts[i], database, broker, dir.resolve("service-" + (i + 1) + "-data")));
            if (name.equals("faults")) {
                arguments.add("--returns.deadline-policy.interval=" + POLICY_INTERVAL_MS);
            }
            ServiceInstance service = new ServiceInstance("service-" + (i + 1), run.jar, run.servicePorts[i],
                    List.of("-Xms512m", "-Xmx768m"), arguments, dir.resolve("service-" + (i + 1) + ".log"), dir);
            services.add(service);
            apis.add(new ServiceApi(service, run.adminToken));
        }
        startAll(services);

        // merchants and their shops, through instance 1
        String both = name + "-both";
        String netSuiteOnly = name + "-netsuite";
        String shopBoth = run.newShopId();
        String shopNetSuite = run.newShopId();
        apiKeys.put(both, apis.get(0).createMerchant(both, run.partners, true, true));
        apiKeys.put(netSuiteOnly, apis.get(0).createMerchant(netSuiteOnly, run.partners, true, false));
        apis.get(0).connectShop(both, apiKeys.get(both), shopBoth);
        apis.get(0).connectShop(netSuiteOnly, apiKeys.get(netSuiteOnly), shopNetSuite);

        List<Partners.SandboxReturn> returns = run.newReturns(List.of(shopBoth, shopNetSuite), scale.returns());
        for (Partners.SandboxReturn ret : returns) {
            targets.put(ret.returnId(), ret.shopId().equals(shopBoth) ? Set.of(ReliabilityRun.NETSUITE, ReliabilityRun.SHIPHERO)
                    : Set.of(ReliabilityRun.NETSUITE));
        }
        Webhooks webhooks = new Webhooks(ReliabilityRun.APP_KEY, ReliabilityRun.APP_SECRET, run.random);
        List<Webhooks.Webhook> traffic = new ArrayList<>(webhooks.plan(returns, scale.webhooks(), scale.duplicateShare()));
        List<Partners.SandboxReturn> decoys = List.of();
        List<Webhooks.Webhook> hostile = List.of();
        if (name.equals("hostile")) {
            decoys = run.newReturns(List.of(shopBoth, shopNetSuite), Math.max(10, scale.hostile() / 20));
            List<Webhooks.Webhook> valid = traffic.stream().filter(w -> w.kind() == Webhooks.Kind.VALID).toList();
            hostile = webhooks.hostile(scale.hostile(), decoys, valid);
            traffic.addAll(hostile);
            Collections.shuffle(traffic, run.random);
        }

        if (name.equals("faults")) {
            // first in the traffic, so that the service knows these returns before their policy's work is due
            traffic.addAll(0, deadlineReturns(webhooks, List.of(both, netSuiteOnly), List.of(shopBoth, shopNetSuite)));
        }

        List<URI> webhookUris = services.stream().map(s -> s.uri("/webhooks/tiktok")).toList();
        WebhookSender sender = new WebhookSender(webhookUris, scale.senders(), scale.settleBound());
        decider = new Decider(database, apis, apiKeys, leftToPolicy.keySet());
        deciderThread = new Thread(decider, "decider");
        deciderThread.start();

        long trafficStart = System.nanoTime();
        trafficStarted = java.time.Instant.now();
        Faults faults = null;
        Thread faultThread = null;
        if (name.equals("faults")) {
            faults = new Faults(scale, run.partners, services.get(0), broker);
            faultThread = new Thread(faults, "faults");
            faultThread.start();
        }
        // with faults, the traffic is spread over the fault window so that every fault meets it
        double pace = faults == null ? 0 : traffic.size() / (scale.faultWindow().toSeconds() * 0.8);
        sender.send(traffic, pace);
        double sendSeconds = (System.nanoTime() - trafficStart) / 1e9;
        System.out.printf("  %,d webhooks sent in %.0f s (%,d requests)%n", traffic.size(), sendSeconds, sender.requests());
        if (faultThread != null) {
            faultThread.join();
        }
        long workStart = System.nanoTime();
        Set<String> validIds = traffic.stream().filter(w -> w.kind() == Webhooks.Kind.VALID).map(Webhooks.Webhook::notificationId)
                .collect(Collectors.toSet());
        Settled settled = awaitSettled(validIds, scale.settleBound());
        double settleSeconds = (System.nanoTime() - workStart) / 1e9;
        decider.stop();
        deciderThread.join(10_000);

        return ledger(traffic, validIds, sender, decoys, hostile, settled, settleSeconds, sendSeconds, faults);
    }

    /**
     * The merchants' deadline policy, and returns whose policy decisions fall due one after the other
     * over the fault window (10% to 90%), their warnings 30 s before: each due while the faults go on,
     * some while the service is down. Answers their webhooks (one each).
     */
    private List<Webhooks.Webhook> deadlineReturns(Webhooks webhooks, List<String> merchants, List<String> shops) throws Exception {
        Map<String, Object> policy = Map.of("enabled", true, "warnBefore", List.of(WARN_BEFORE.toString()),
                "defaultDecision", Map.of("type", "APPROVE_UP_TO", "before", DECIDE_BEFORE.toString(),
                        "maxRefund", Map.of("amount", "100000.00", "currency", "USD")));
        for (String merchant : merchants) {
            apis.get(0).putDeadlinePolicy(merchant, apiKeys.get(merchant), policy);
        }
        long window = scale.faultWindow().toSeconds();
        List<Webhooks.Webhook> planned = new ArrayList<>();
        for (int k = 0; k < DEADLINE_RETURNS; k++) {
            long due = Math.round(window * (0.1 + 0.8 * k / (DEADLINE_RETURNS - 1)));
            String shop = shops.get(k % shops.size());
            Partners.SandboxReturn ret = run.partners.newReturn(shop, DECIDE_BEFORE.plusSeconds(due));
            leftToPolicy.put(ret.returnId(), due);
            targets.put(ret.returnId(), shop.equals(shops.get(0)) ? Set.of(ReliabilityRun.NETSUITE, ReliabilityRun.SHIPHERO)
                    : Set.of(ReliabilityRun.NETSUITE));
            planned.add(webhooks.valid(ret));
        }
        return planned;
    }

    /** Starts the instances side by side (Flyway's lock lets one of them migrate the database). */
    private static void startAll(List<ServiceInstance> services) throws Exception {
        List<Thread> starts = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (ServiceInstance service : services) {
            Thread start = new Thread(() -> {
                try {
                    service.start(Duration.ofMinutes(3));
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "start-" + service.name());
            start.start();
            starts.add(start);
        }
        for (Thread start : starts) {
            start.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private String title() {
        return switch (name) {
            case "baseline" -> "shuffled traffic with duplicates, concurrent senders, no faults";
            case "faults" -> "the same while the service is SIGKILLed " + scale.kills() + "x, the broker and PostgreSQL restart, "
                    + "each partner fails " + scale.failurePercent() + "% of calls (5xx/429) and is down " + scale.outage().toSeconds() + " s";
            case "two-instances" -> "two service instances on one database and broker, traffic spread over both";
            default -> scale.hostile() + " forged, malformed, oversized and replayed webhooks mixed into valid traffic";
        };
    }

    private record Settled(boolean done, ServiceRecords records, String waitingFor) {
    }

    /** Waits until every return, Return Authorization, decision sync and event is done and the work queues are empty. */
    private Settled awaitSettled(Set<String> validIds, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        String waitingFor = "nothing read yet";
        ServiceRecords records = null;
        long lastReport = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try {
                records = ServiceRecords.read(database);
                waitingFor = waitingFor(records, validIds);
                if (waitingFor == null) {
                    return new Settled(true, records, null);
                }
            } catch (SQLException | IOException e) {
                waitingFor = "the database or the service: " + e.getMessage();
            }
            if (System.nanoTime() - lastReport > 30e9) {
                System.out.println("  waiting for " + waitingFor);
                lastReport = System.nanoTime();
            }
            Thread.sleep(2_000);
        }
        try {
            records = ServiceRecords.read(database);
        } catch (SQLException e) {
            // the last good read stands
        }
        return new Settled(false, records, waitingFor);
    }

    /** What is not done yet, or null when everything is. */
    private String waitingFor(ServiceRecords records, Set<String> validIds) throws IOException, InterruptedException {
        long returnsMissing = targets.keySet().stream().filter(id -> !records.returns().containsKey(id)).count();
        if (returnsMissing > 0) {
            return returnsMissing + " returns";
        }
        long wmsOpen = targets.entrySet().stream().filter(e -> !wmsDone(records.wms().get(e.getKey()), e.getValue())).count();
        if (wmsOpen > 0) {
            return wmsOpen + " returns' Return Authorizations";
        }
        long unsynced = targets.keySet().stream().filter(id -> !records.synced().containsKey(id)).count();
        if (unsynced > 0) {
            return unsynced + " decision syncs";
        }
        long eventsMissing = validIds.stream().filter(id -> !records.eventsReceived().containsKey(id)).count();
        if (eventsMissing > 0) {
            return eventsMissing + " events";
        }
        for (ServiceApi api : apis) {
            double queued = api.metric("broker_queue_messages") - deadLetterMessages(api) + api.metric("broker_queue_scheduled");
            if (queued > 0) {
                return (long) queued + " messages on the work queues";
            }
        }
        return null;
    }

    private static double deadLetterMessages(ServiceApi api) throws IOException, InterruptedException {
        return api.metric("broker_queue_messages", "queue=\"DLQ");
    }

    private static boolean wmsDone(Map<String, String> statuses, Set<String> enabled) {
        if (statuses == null) {
            return false;
        }
        for (String target : List.of(ReliabilityRun.NETSUITE, ReliabilityRun.SHIPHERO)) {
            String expected = enabled.contains(target) ? "CREATED" : "SKIPPED";
            if (!expected.equals(statuses.get(target))) {
                return false;
            }
        }
        return true;
    }

    private Ledger ledger(List<Webhooks.Webhook> traffic, Set<String> validIds, WebhookSender sender,
                          List<Partners.SandboxReturn> decoys, List<Webhooks.Webhook> hostile, Settled settled,
                          double settleSeconds, double sendSeconds, Faults faults) throws Exception {
        Ledger ledger = new Ledger(name + " (" + scale.name() + ")");
        ServiceRecords records = settled.records();
        long validAndDuplicates = traffic.stream().filter(w -> w.kind() == Webhooks.Kind.VALID || w.kind() == Webhooks.Kind.DUPLICATE).count();
        long duplicates = traffic.stream().filter(w -> w.kind() == Webhooks.Kind.DUPLICATE).count();
        int acknowledgedValid = sender.answered(Webhooks.Kind.VALID, 200) + sender.answered(Webhooks.Kind.DUPLICATE, 200);
        ledger.line("webhooks sent", String.format("%,d for %,d returns (%,d HTTP requests; %,d sent again after no answer or a 5xx)",
                validAndDuplicates, targets.size(), sender.requests(), sender.resent()));
        ledger.exact("acknowledged (200)", acknowledgedValid, validAndDuplicates,
                sender.gaveUp() > 0 ? sender.gaveUp() + " given up" : "");
        ledger.require(sender.unexpected(Webhooks.Kind.VALID) + sender.unexpected(Webhooks.Kind.DUPLICATE) == 0,
                "every valid webhook answered 200 (" + (sender.unexpected(Webhooks.Kind.VALID) + sender.unexpected(Webhooks.Kind.DUPLICATE))
                        + " were not)");
        Set<String> ackedIds = sender.acknowledged();
        if (!sender.interimAnswers().isEmpty()) {
            ledger.line("answered, then sent again", sender.interimAnswers() + " (neither the expected answer nor a 5xx)");
        }
        long storedValid = Ledger.countIn(validIds, records.notificationIds());
        ledger.line("duplicates", String.format("%,d sent (redeliveries of %,d distinct notifications)", duplicates, validIds.size()));
        // Not a promise: the id is remembered after the event is queued and answered; if PostgreSQL is
        // down at that moment it is not, and Artemis's duplicate detection absorbs a redelivery instead.
        ledger.line("notifications remembered", String.format("%,d of %,d distinct (the intake's notification id table)",
                storedValid, validIds.size()));
        long receivedAgain = validIds.stream().mapToLong(id -> Math.max(0, records.eventsReceived().getOrDefault(id, 0) - 1)).sum();
        long receivedAcked = validIds.stream().filter(ackedIds::contains).filter(records.eventsReceived()::containsKey).count();
        long acked = validIds.stream().filter(ackedIds::contains).count();
        ledger.exact("events taken from queue", receivedAcked, acked, String.format(
                "of the acknowledged notifications; %,d taken again (redelivered after a failure or a crash), without effect", receivedAgain));
        notTakenLines(ledger, traffic, validIds.stream().filter(ackedIds::contains)
                .filter(id -> !records.eventsReceived().containsKey(id)).sorted().toList());

        long returnsCreated = targets.keySet().stream().filter(records.returns()::containsKey).count();
        long returnRows = targets.keySet().stream().mapToLong(id -> records.returns().getOrDefault(id, 0)).sum();
        ledger.exact("returns created", returnsCreated, targets.size(), "");
        ledger.duplicate("return rows", returnRows - returnsCreated);

        Map<String, Integer> netSuite = run.partners.netSuiteReturnAuthorizations();
        Map<String, Integer> shipHero = run.partners.shipHeroReturns();
        raLine(ledger, ReliabilityRun.NETSUITE, netSuite, records);
        raLine(ledger, ReliabilityRun.SHIPHERO, shipHero, records);

        Map<String, Partners.DecisionCalls> calls = run.partners.decisionCalls(List.copyOf(targets.keySet()));
        long synced = targets.keySet().stream().filter(records.synced()::containsKey).count();
        long applied = calls.values().stream().filter(c -> c.applied() >= 1).count();
        long appliedTwice = calls.values().stream().mapToLong(c -> Math.max(0, c.applied() - 1)).sum();
        long decisionRows = targets.keySet().stream().mapToLong(id -> records.decisions().getOrDefault(id, 0)).sum();
        ledger.exact("decisions synced", synced, targets.size(), String.format(
                "TikTok applied %,d; %,d calls answered again by idempotency key; %,d refused; %,d merchant calls re-made, %,d of them 409",
                applied, calls.values().stream().mapToInt(Partners.DecisionCalls::replayed).sum(),
                calls.values().stream().mapToInt(Partners.DecisionCalls::refused).sum(),
                decider.unanswered() + decider.alreadyDecided(), decider.alreadyDecided()));
        ledger.lose("decisions applied at TikTok", targets.size() - applied);
        ledger.duplicate("decisions applied at TikTok", appliedTwice);
        ledger.duplicate("decisions recorded", decisionRows - targets.keySet().stream().filter(records.decisions()::containsKey).count());

        if (!leftToPolicy.isEmpty()) {
            deadlinePolicyLines(ledger, calls, records);
        }

        long dlq = apis.get(0).deadLetters();
        ledger.line("DLQ depth", dlq);
        ledger.require(dlq == 0, "no dead letters (" + dlq + ")");

        if (!hostile.isEmpty()) {
            hostileLines(ledger, hostile, decoys, records, sender);
        }
        if (faults != null) {
            ledger.line("faults", faults.summary(run.partners.faultsInjected()));
            ledger.require(faults.allDone(), "every fault was injected");
        }
        if (apis.size() > 1) {
            List<String> shares = new ArrayList<>();
            for (ServiceApi api : apis) {
                double events = api.metric("camel_exchanges_total", "routeId=\"tiktok-return-changed\"");
                double wms = api.metric("camel_exchanges_total", "routeId=\"wms-netsuite\"") + api.metric("camel_exchanges_total", "routeId=\"wms-shiphero\"");
                double decisions = api.metric("camel_exchanges_total", "routeId=\"tiktok-decision-sync\"");
                shares.add(String.format("%s: %,.0f events, %,.0f WMS messages, %,.0f decision syncs", api.name(), events, wms, decisions));
                ledger.require(events > 0 && wms > 0, api.name() + " took a share of the work");
            }
            ledger.line("work shared", String.join("; ", shares));
        }
        ledger.line("traffic time", String.format("%.0f s", sendSeconds));
        ledger.line("all work done", settled.done()
                ? String.format("%.0f s after the %s ended (promise: within %d s)", settleSeconds,
                faults != null ? "faults" : "traffic", scale.settleBound().toSeconds())
                : "NOT within " + scale.settleBound().toSeconds() + " s: still waiting for " + settled.waitingFor());
        ledger.require(settled.done(), "all work done within " + scale.settleBound().toSeconds() + " s");
        return ledger;
    }

    /**
     * The returns left to the deadline policy: the service's view (its plan API: the warning SENT and
     * the decision DECIDED, each once in the return's history) and TikTok's (one decision applied,
     * none of them by the merchants' decider).
     */
    private void deadlinePolicyLines(Ledger ledger, Map<String, Partners.DecisionCalls> calls, ServiceRecords records) throws Exception {
        Map<String, String> merchantOf = new HashMap<>();
        Map<String, String> serviceId = new HashMap<>();
        Map<String, Integer> warned = new HashMap<>();
        Map<String, Integer> decidedByPolicy = new HashMap<>();
        try (java.sql.Connection db = database.connect();
             java.sql.PreparedStatement query = db.prepareStatement("""
                     SELECT r.source_return_id, r.id, r.merchant_id,
                            (SELECT count(*) FROM return_history h WHERE h.return_id = r.id AND h.summary LIKE 'Deadline policy warned:%'),
                            (SELECT count(*) FROM return_history h WHERE h.return_id = r.id AND h.summary LIKE 'Decided by the deadline policy:%')
                     FROM returns r WHERE r.source_return_id = ANY (?)""")) {
            query.setArray(1, db.createArrayOf("varchar", leftToPolicy.keySet().toArray()));
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    serviceId.put(rows.getString(1), rows.getString(2));
                    merchantOf.put(rows.getString(1), rows.getString(3));
                    warned.put(rows.getString(1), rows.getInt(4));
                    decidedByPolicy.put(rows.getString(1), rows.getInt(5));
                }
            }
        }
        long decided = 0;
        long warningsSent = 0;
        long applied = 0;
        long late = 0;
        List<String> actedAt = new ArrayList<>();
        List<String> otherwise = new ArrayList<>();
        for (Map.Entry<String, Long> ret : leftToPolicy.entrySet()) {
            String id = ret.getKey();
            if (!serviceId.containsKey(id)) {
                otherwise.add(id + ": not recorded");
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode plan = apis.get(0).deadlinePolicyPlan(serviceId.get(id), apiKeys.get(merchantOf.get(id)));
            com.fasterxml.jackson.databind.JsonNode decision = plan.path("decision");
            if ("DECIDED".equals(decision.path("status").asText())) {
                decided++;
                actedAt.add(sinceFaults(decision.path("at")) + ": " + sinceFaults(plan.path("warnings").path(0).path("actedAt")) + "/"
                        + sinceFaults(decision.path("actedAt")));
                if (decision.path("at").isTextual() && decision.path("actedAt").isTextual()) {
                    late = Math.max(late, Duration.between(java.time.Instant.parse(decision.path("at").asText()),
                            java.time.Instant.parse(decision.path("actedAt").asText())).toSeconds());
                }
            } else {
                otherwise.add(id + " (due t=" + ret.getValue() + " s): decision " + decision.path("status").asText());
            }
            for (com.fasterxml.jackson.databind.JsonNode warning : plan.path("warnings")) {
                if ("SENT".equals(warning.path("status").asText())) {
                    warningsSent++;
                } else {
                    otherwise.add(id + ": warning " + warning.path("before").asText() + " " + warning.path("status").asText());
                }
            }
            applied += Math.min(1, calls.getOrDefault(id, new Partners.DecisionCalls(0, 0, 0)).applied());
        }
        long n = leftToPolicy.size();
        ledger.line("deadline policy", String.format("%d returns, decisions due %s s after they were made (warn %s, approve %s before"
                + " the deadline; every %d ms)", n, leftToPolicy.values(), WARN_BEFORE, DECIDE_BEFORE, POLICY_INTERVAL_MS));
        ledger.exact("policy warnings sent", warningsSent, n, "the plan API's SENT; history entries "
                + warned.values().stream().mapToInt(Integer::intValue).sum());
        ledger.duplicate("policy warnings (more than one per return)",
                warned.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum());
        ledger.exact("policy decisions", decided, n, "the plan API's DECIDED, at most " + late + " s after due; history entries "
                + decidedByPolicy.values().stream().mapToInt(Integer::intValue).sum());
        ledger.duplicate("policy decisions (more than one per return)",
                decidedByPolicy.values().stream().mapToLong(c -> Math.max(0, c - 1)).sum()
                        + leftToPolicy.keySet().stream().mapToLong(id -> Math.max(0, records.decisions().getOrDefault(id, 0) - 1)).sum());
        long appliedTwice = leftToPolicy.keySet().stream().mapToLong(id -> Math.max(0, calls.getOrDefault(id,
                new Partners.DecisionCalls(0, 0, 0)).applied() - 1)).sum();
        ledger.exact("policy decisions at TikTok", applied, n, appliedTwice + " applied again; "
                + leftToPolicy.keySet().stream().mapToInt(id -> calls.getOrDefault(id, new Partners.DecisionCalls(0, 0, 0)).replayed()).sum()
                + " answered again by idempotency key");
        ledger.duplicate("policy decisions at TikTok (more than one per return)", appliedTwice);
        ledger.line("policy acted", "decision due t: warned/decided t (s of the faults) " + String.join(", ", actedAt));
        otherwise.forEach(o -> ledger.line("policy not done", o));
    }

    /** Seconds from the start of the faults to an instant of the service's JSON, or "-". */
    private String sinceFaults(com.fasterxml.jackson.databind.JsonNode instant) {
        return instant.isTextual() ? String.valueOf(Duration.between(trafficStarted, java.time.Instant.parse(instant.asText())).toSeconds())
                : "-";
    }

    /**
     * One line per acknowledged notification that no flow took (no receipt in the return history):
     * its id, its return and where the broker has it, so that such a failure explains itself.
     */
    private void notTakenLines(Ledger ledger, List<Webhooks.Webhook> traffic, List<String> notTaken) {
        if (notTaken.isEmpty()) {
            return;
        }
        Map<String, String> returnOf = new HashMap<>();
        traffic.forEach(w -> returnOf.putIfAbsent(w.notificationId(), w.returnId()));
        List<String> named = notTaken.subList(0, Math.min(notTaken.size(), MAX_NAMED));
        Map<String, String> where;
        try {
            where = new BrokerWhereabouts(broker).locate(named, RETURN_EVENTS);
        } catch (Exception e) {
            where = Map.of();
            ledger.line("not taken", "the broker could not be asked where: " + e);
        }
        for (String id : named) {
            ledger.line("not taken", String.format("notification %s (return %s): %s", id, returnOf.get(id),
                    where.getOrDefault(id, "not asked")));
        }
        if (notTaken.size() > named.size()) {
            ledger.line("not taken", String.format("and %,d more", notTaken.size() - named.size()));
        }
    }

    private void raLine(Ledger ledger, String target, Map<String, Integer> atPartner, ServiceRecords records) {
        long expected = targets.values().stream().filter(t -> t.contains(target)).count();
        long present = 0;
        long extra = 0;
        long notAsked = 0;
        for (Map.Entry<String, Set<String>> ret : targets.entrySet()) {
            int count = atPartner.getOrDefault("tts-" + ret.getKey(), 0);
            if (ret.getValue().contains(target)) {
                present += Math.min(count, 1);
                extra += Math.max(0, count - 1);
            } else {
                notAsked += count;
            }
        }
        Map<String, Long> statuses = targets.keySet().stream()
                .map(id -> records.wms().getOrDefault(id, Map.of()).getOrDefault(target, "NONE"))
                .collect(Collectors.groupingBy(s -> s, java.util.TreeMap::new, Collectors.counting()));
        ledger.exact("RAs " + target, present, expected, "at the partner, one per return; service: " + statuses);
        ledger.duplicate("RAs " + target + " (more than one per return)", extra);
        ledger.duplicate("RAs " + target + " for a merchant who did not enable it", notAsked);
    }

    private void hostileLines(Ledger ledger, List<Webhooks.Webhook> hostile, List<Partners.SandboxReturn> decoys,
                              ServiceRecords records, WebhookSender sender) {
        Map<Webhooks.Kind, Long> byKind = hostile.stream().collect(Collectors.groupingBy(Webhooks.Webhook::kind,
                () -> new java.util.EnumMap<>(Webhooks.Kind.class), Collectors.counting()));
        List<String> answers = new ArrayList<>();
        byKind.forEach((kind, count) -> {
            int expectedStatus = hostile.stream().filter(w -> w.kind() == kind).findFirst().orElseThrow().expected();
            int asExpected = sender.answered(kind, expectedStatus);
            answers.add(String.format("%s %d/%d answered %d", kind.name().toLowerCase(), asExpected, count, expectedStatus));
            ledger.require(sender.unexpected(kind) == 0 && asExpected == count,
                    kind + " webhooks answered " + expectedStatus + " (" + sender.unexpected(kind) + " were not)");
        });
        ledger.line("hostile webhooks", hostile.size() + ": " + String.join(", ", answers));
        Set<String> refusedIds = hostile.stream().filter(w -> w.kind() != Webhooks.Kind.REPLAYED)
                .map(Webhooks.Webhook::notificationId).collect(Collectors.toCollection(HashSet::new));
        long stored = Ledger.countIn(refusedIds, records.notificationIds()) + Ledger.countIn(refusedIds, records.eventsReceived().keySet());
        long decoysRecorded = decoys.stream().filter(d -> records.returns().containsKey(d.returnId())).count();
        ledger.line("hostile stored", stored + " notification ids, " + decoysRecorded + " of " + decoys.size()
                + " decoy returns recorded (none may be)");
        ledger.duplicate("hostile webhooks stored", stored + decoysRecorded);
    }

    void tearDown() {
        try {
            if (decider != null) {
                decider.stop();
            }
            for (ServiceInstance service : services) {
                service.stop();
            }
            broker.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ReliabilityRun.closeQuietly(database);
        }
    }
}

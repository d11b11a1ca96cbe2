package io.returnflow.reliability;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The partners process's sandbox, as the harness uses it: it makes the buyers' returns (and their
 * Shopify orders) at the sandbox TikTok without telling the service, injects faults, and counts
 * what the partners received: Return Authorizations in NetSuite and ShipHero, decisions TikTok
 * applied. The partners process outlives every service kill, so these counts are the truth.
 */
final class Partners {

    /** Path prefixes of each partner's API (not the sandbox's own control endpoints). */
    static final Map<String, String> APIS = new LinkedHashMap<>();

    static {
        APIS.put("TikTok", "/sandbox/tiktok/return_refund");
        APIS.put("Shopify", "/sandbox/shopify/admin");
        APIS.put("NetSuite", "/sandbox/netsuite/services");
        APIS.put("ShipHero", "/sandbox/shiphero/graphql");
    }

    private final ServiceInstance process;
    private final Http http = new Http();

    Partners(ServiceInstance process) {
        this.process = process;
    }

    String url(String path) {
        return process.uri(path).toString();
    }

    /** A buyer's return at the sandbox TikTok (and its order at the sandbox Shopify); no webhook yet. */
    SandboxReturn newReturn(String shopId) throws IOException, InterruptedException {
        return newReturn(shopId, null);
    }

    /** The same, with the seller's deadline {@code deadlineIn} from now (null: the sandbox's usual one, days away). */
    SandboxReturn newReturn(String shopId, java.time.Duration deadlineIn) throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>(Map.of(
                "returnType", "RETURN_AND_REFUND", "items", 2, "shopId", shopId, "deliverWebhook", false));
        if (deadlineIn != null) {
            request.put("deadlineIn", deadlineIn.toString());
        }
        JsonNode created = Http.ok(http.postJson(process.uri("/sandbox/tiktok/returns"), null, request));
        return new SandboxReturn(created.path("returnId").asText(), created.path("orderId").asText(), shopId);
    }

    void clearFaults() throws IOException, InterruptedException {
        http.delete(process.uri("/sandbox/faults"));
    }

    void arm(Map<String, Object> fault) throws IOException, InterruptedException {
        Http.ok(http.postJson(process.uri("/sandbox/faults"), null, fault));
    }

    /** Calls answered with an injected fault, per partner. */
    Map<String, Integer> faultsInjected() throws IOException, InterruptedException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<String, String> api : APIS.entrySet()) {
            counts.put(api.getKey(), Http.ok(http.get(process.uri("/sandbox/faults/hits?pathPrefix=" + api.getValue()), null)).size());
        }
        return counts;
    }

    /** Return Authorizations the sandbox NetSuite holds, by externalId. */
    Map<String, Integer> netSuiteReturnAuthorizations() throws IOException, InterruptedException {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode ra : Http.ok(http.get(process.uri("/sandbox/netsuite/return-authorizations"), null))) {
            counts.merge(ra.path("externalId").asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** Returns the sandbox ShipHero holds, by partner_id (the service's external id of the return). */
    Map<String, Integer> shipHeroReturns() throws IOException, InterruptedException {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode ret : Http.ok(http.get(process.uri("/sandbox/shiphero/returns"), null))) {
            counts.merge(ret.path("partner_id").asText(), 1, Integer::sum);
        }
        return counts;
    }

    /** Per return: decisions the sandbox TikTok applied, and calls it answered again from an idempotency key. */
    Map<String, DecisionCalls> decisionCalls(List<String> returnIds) throws InterruptedException {
        Map<String, DecisionCalls> calls = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String returnId : returnIds) {
                reads.add(pool.submit(() -> {
                    JsonNode ret = Http.ok(http.get(process.uri("/sandbox/tiktok/returns/" + returnId), null));
                    int applied = 0;
                    int replayed = 0;
                    int refused = 0;
                    for (JsonNode call : ret.path("decisionCalls")) {
                        if (!"api".equals(call.path("channel").asText())) {
                            continue;
                        }
                        if (call.path("replayed").asBoolean()) {
                            replayed++;
                        } else if (call.path("code").asLong() == 0) {
                            applied++;
                        } else {
                            refused++;
                        }
                    }
                    calls.put(returnId, new DecisionCalls(applied, replayed, refused));
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reading the sandbox TikTok's decision calls failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return calls;
    }

    record SandboxReturn(String returnId, String orderId, String shopId) {
    }

    /** @param applied decisions taken; @param replayed answered again from their idempotency key; @param refused TikTok error codes */
    record DecisionCalls(int applied, int replayed, int refused) {
    }
}

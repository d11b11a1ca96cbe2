package io.returnflow.shopify;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.partners.PartnerCircuitBreakers;
import io.returnflow.partners.PartnerHosts;
import io.returnflow.partners.PartnerHttp;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.partners.PartnerUnavailableException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Shopify Admin GraphQL. Throttling is cost-based: a THROTTLED answer (HTTP 200 or 429) becomes
 * {@link PartnerUnavailableException} with the time the bucket needs to refill. Every answer's
 * {@code extensions.cost} is recorded per operation ({@code shopify_query_cost}, requested and
 * actual points), so a query creeping towards Shopify's 1,000-point limit shows before Shopify
 * refuses it (MAX_COST_EXCEEDED, a final refusal like any other GraphQL error).
 */
@Component
public class ShopifyClient {

    static final String PARTNER = "Shopify";
    private static final Pattern OPERATION = Pattern.compile("^\\s*(query|mutation)\\s+(\\w+)");

    private final RestClient http;
    private final ObjectMapper json;
    private final PartnerCircuitBreakers breakers;
    private final MeterRegistry meters;

    public ShopifyClient(ObjectMapper json, PartnerCircuitBreakers breakers, MeterRegistry meters, PartnerHosts hosts) {
        // The store's host is the merchant's: it never resolves to the service's own network.
        this.http = PartnerHttp.restClient("", Duration.ofSeconds(3), Duration.ofSeconds(15), hosts.resolver());
        this.json = json;
        this.breakers = breakers;
        this.meters = meters;
    }

    /** Answers {@code data}; GraphQL errors are errors even in a 200. Each store has its own breaker. */
    public JsonNode query(ShopifyStore store, String query, Map<String, Object> variables) {
        String operation = operation(query);
        return breakers.call(PARTNER, store.shopDomain(), operation, () -> send(store, query, variables, operation));
    }

    /** "query OrdersByName" for the return history; "graphql" for an anonymous query. */
    static String operation(String query) {
        Matcher named = OPERATION.matcher(query);
        return named.find() ? named.group(1) + " " + named.group(2) : "graphql";
    }

    private JsonNode send(ShopifyStore store, String query, Map<String, Object> variables, String operation) {
        String url = store.apiBaseUrl() + "/graphql.json";
        try {
            return http.post().uri(url)
                    .header("X-Shopify-Access-Token", store.accessToken())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("query", query, "variables", variables))
                    .exchange((request, response) -> read(operation, response.getStatusCode().value(),
                            response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            throw new PartnerUnavailableException(PARTNER, "no answer from " + store.shopDomain() + ": " + e.getMessage(), null, e);
        }
    }

    private JsonNode read(String operation, int status, String retryAfter, byte[] body) {
        JsonNode answer = parse(status, body);
        recordCost(operation, answer.path("extensions").path("cost"));
        JsonNode errors = answer.path("errors");
        if (isThrottled(errors) || status == 429) {
            throw new PartnerUnavailableException(PARTNER, "throttled", refillTime(answer, retryAfter), null);
        }
        if (status >= 500) {
            throw new PartnerUnavailableException(PARTNER, "HTTP " + status, PartnerHttp.retryAfter(retryAfter), null);
        }
        if (status >= 400) {
            throw new PartnerRejectedException(PARTNER, String.valueOf(status), describe(errors));
        }
        if (errors.isArray() && !errors.isEmpty()) {
            throw new PartnerRejectedException(PARTNER, errors.path(0).path("extensions").path("code").asText("GRAPHQL"),
                    describe(errors));
        }
        return answer.path("data");
    }

    private JsonNode parse(int status, byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            if (status >= 500 || status == 429) {
                throw new PartnerUnavailableException(PARTNER, "HTTP " + status, null, e);
            }
            throw new PartnerRejectedException(PARTNER, String.valueOf(status), "answer is not JSON");
        }
    }

    private void recordCost(String operation, JsonNode cost) {
        if (cost.path("requestedQueryCost").isNumber()) {
            DistributionSummary.builder("shopify.query.cost").baseUnit("points").tag("operation", operation)
                    .tag("kind", "requested").register(meters).record(cost.path("requestedQueryCost").asDouble());
        }
        if (cost.path("actualQueryCost").isNumber()) {
            DistributionSummary.builder("shopify.query.cost").baseUnit("points").tag("operation", operation)
                    .tag("kind", "actual").register(meters).record(cost.path("actualQueryCost").asDouble());
        }
    }

    private static boolean isThrottled(JsonNode errors) {
        for (JsonNode error : errors) {
            if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    /** (requested cost - available) / restore rate, from {@code extensions.cost.throttleStatus}. */
    private static Duration refillTime(JsonNode answer, String retryAfter) {
        JsonNode cost = answer.path("extensions").path("cost");
        JsonNode throttle = cost.path("throttleStatus");
        double restoreRate = throttle.path("restoreRate").asDouble(0);
        if (restoreRate > 0) {
            double missing = cost.path("requestedQueryCost").asDouble(0) - throttle.path("currentlyAvailable").asDouble(0);
            return Duration.ofMillis((long) Math.ceil(Math.max(missing, 1) / restoreRate * 1000));
        }
        Duration hinted = PartnerHttp.retryAfter(retryAfter);
        return hinted != null ? hinted : Duration.ofSeconds(1);
    }

    private static String describe(JsonNode errors) {
        if (errors.isArray() && !errors.isEmpty()) {
            return errors.path(0).path("message").asText("an error without a message");
        }
        // Never the answer itself: it may hold the store's data.
        return errors.isTextual() ? errors.asText() : "an answer without a readable error";
    }
}

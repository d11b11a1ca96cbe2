package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.returnflow.partners.PartnerRejectedException;
import io.returnflow.shopify.ShopifyClient;
import io.returnflow.shopify.ShopifyStore;
import io.returnflow.support.ApiClient;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Shopify prices a query before running it and refuses one over 1,000 points: the sandbox Shopify
 * does the same, and the service's queries stay under it, paging through long orders.
 */
@ServiceTest
class ShopifyQueryCostTest {

    @Value("${server.port}")
    int port;
    @Autowired
    ShopifyClient shopify;
    @Autowired
    MeterRegistry meters;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void theSandboxShopifyRefusesAQueryOverAThousandPointsAsShopifyDoes() {
        ShopifyStore store = new ShopifyStore("cost-test.myshopify.com", "shpat_sandbox", ReturnFlowFixture.sandboxShopify(api()));

        assertThatThrownBy(() -> shopify.query(store, """
                query FindOrders($query: String!) {
                  orders(first: 10, query: $query) { nodes { id lineItems(first: 250) { nodes { id variant { id sku } } } } }
                }""", Map.of("query", "\"1\"")))
                .isInstanceOfSatisfying(PartnerRejectedException.class, e -> assertThat(e.getMessage())
                        .contains("MAX_COST_EXCEEDED").contains("Query cost is 5032"));
    }

    @Test
    void matchesEveryItemOfAReturnWhoseOrderHasMoreLinesThanOnePage() {
        ReturnFlowFixture merchant = ReturnFlowFixture.withSections(api(), Map.of());
        HttpResponse<String> created = api().postJson("/sandbox/tiktok/returns", null, """
                {"returnType":"RETURN_AND_REFUND","items":3,"shopId":"%s","otherOrderLines":120}""".formatted(merchant.shopId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode ret = merchant.awaitReturn(ApiClient.json(created).path("returnId").asText());

        assertThat(ret.path("items")).hasSize(2).allSatisfy(item -> assertThat(item.path("shopifyLineItemId").asText())
                .as("matched to a line on a later page").startsWith("gid://shopify/LineItem/"));
        DistributionSummary requested = meters.find("shopify.query.cost").tag("operation", "query FindOrders")
                .tag("kind", "requested").summary();
        assertThat(requested).isNotNull();
        assertThat(requested.max()).isLessThanOrEqualTo(1000);
        assertThat(meters.find("shopify.query.cost").tag("operation", "query OrderLineItems").summary())
                .as("the later lines were paged for").isNotNull();
    }
}

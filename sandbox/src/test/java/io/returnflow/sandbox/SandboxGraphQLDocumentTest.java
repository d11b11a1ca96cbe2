package io.returnflow.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** The sandbox Shopify's pricing of a query, by Shopify's published calculation. */
class SandboxGraphQLDocumentTest {

    @Test
    void pricesNestedConnectionsByTheirPageSizesMultiplied() {
        String query = """
                query FindOrders($query: String!) {
                  orders(first: 10, query: $query, sortKey: CREATED_AT, reverse: true) {
                    nodes {
                      id name tags
                      customAttributes { key value }
                      lineItems(first: 250) { nodes { id sku variant { id sku } } }
                    }
                  }
                }""";

        // line items 2 + 250 x (1 + 1); an order 1 + 1 + 502; the search 2 + 10 x 504
        assertThat(SandboxGraphQLDocument.parse(query, null).requestedCost()).isEqualTo(5042);
    }

    @Test
    void takesPageSizesFromVariablesAndCountsPageInfoOnce() {
        ObjectNode variables = new ObjectMapper().createObjectNode().put("size", 100).put("after", "50");
        String query = """
                query OrderLineItems($orderId: ID!, $after: String, $size: Int) {
                  order(id: $orderId) {
                    id
                    lineItems(first: $size, after: $after) { pageInfo { hasNextPage endCursor } nodes { id variant { id } } }
                  }
                }""";

        SandboxGraphQLDocument document = SandboxGraphQLDocument.parse(query, variables);

        assertThat(document.requestedCost()).isEqualTo(1 + 2 + 1 + 100 * 2);
        assertThat(document.root().get(0).child("lineItems").stringArgument("after")).isEqualTo("50");
    }

    @Test
    void pricesAMutationAtTenPoints() {
        assertThat(SandboxGraphQLDocument.parse("""
                mutation ShopifyReturnCreate($returnInput: ReturnInput!) {
                  returnCreate(returnInput: $returnInput) { return { id } userErrors { field message } }
                }""", null).requestedCost()).isEqualTo(10);
    }
}

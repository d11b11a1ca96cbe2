package io.returnflow.wms.shopify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.returnflow.support.ApiClient;
import io.returnflow.wms.WmsTargetContract;

/**
 * The target contract for Shopify returns, against the sandbox Shopify (the merchant's own store).
 * Faults are narrowed to returnCreate: the same GraphQL endpoint also finds the return's order.
 */
class ShopifyReturnsTargetContractTest extends WmsTargetContract {

    private static final String ADMIN = "/sandbox/shopify/admin";

    @Override
    protected String target() {
        return "SHOPIFY";
    }

    @Override
    protected Map<String, String> enabledAgainstTheSandbox(ApiClient api) {
        return Map.of("shopifyReturns", "{\"enabled\": true}");
    }

    @Override
    protected List<JsonNode> recordsAtThePartner(ApiClient api, String externalId) {
        return ShopifyReturnsFlowTest.sandboxReturns(api, externalId);
    }

    @Override
    protected String idOf(JsonNode record) {
        return record.path("id").asText();
    }

    @Override
    protected String partnerAsksToWait(int times) {
        return fault(200, """
                {"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],
                 "extensions":{"cost":{"requestedQueryCost":10,"actualQueryCost":null,
                   "throttleStatus":{"maximumAvailable":2000.0,"currentlyAvailable":5,"restoreRate":100.0}}}}""", times);
    }

    @Override
    protected String partnerStaysDown() {
        return fault(503, "", 10_000);
    }

    @Override
    protected String partnerRefuses() {
        return fault(200, """
                {"data":{"returnCreate":{"return":null,"userErrors":[{"field":["returnInput","orderId"],\
                "message":"Order is archived and cannot be returned","code":"INVALID_STATE"}]}}}""", 1);
    }

    @Override
    protected String refusalInThePartnersWords() {
        return "INVALID_STATE: returnCreate: returnInput.orderId: Order is archived and cannot be returned";
    }

    private static String fault(int status, String body, int times) {
        return """
                {"pathPrefix": "%s", "status": %d, "body": %s, "bodyContains": "returnCreate", "times": %d}"""
                .formatted(ADMIN, status, TextNode.valueOf(body), times);
    }
}

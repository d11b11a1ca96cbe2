package io.returnflow.wms.netsuite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.wms.WmsTargetContract;

/** The target contract for NetSuite, against the sandbox NetSuite (which checks the OAuth 1.0a signature it gets). */
class NetSuiteTargetContractTest extends WmsTargetContract {

    private static final String RECORDS = "/sandbox/netsuite/services/rest/record/v1";

    @Override
    protected String target() {
        return "NETSUITE";
    }

    @Override
    protected Map<String, String> enabledAgainstTheSandbox(ApiClient api) {
        return Map.of("netsuite", ReturnFlowFixture.sandboxNetSuite(api, null));
    }

    @Override
    protected List<JsonNode> recordsAtThePartner(ApiClient api, String externalId) {
        List<JsonNode> found = new ArrayList<>();
        ApiClient.json(api.get("/sandbox/netsuite/return-authorizations?externalId=" + externalId, null)).forEach(found::add);
        return found;
    }

    @Override
    protected String idOf(JsonNode record) {
        return record.path("id").asText();
    }

    @Override
    protected String partnerAsksToWait(int times) {
        return fault(429, """
                {"type":"https://www.rfc-editor.org/rfc/rfc6585.html#section-4","title":"Too Many Requests","status":429,\
                "o:errorDetails":[{"detail":"Concurrency limit exceeded.","o:errorCode":"CONCURRENCY_LIMIT_EXCEEDED"}]}""", times);
    }

    @Override
    protected String partnerStaysDown() {
        return fault(503, "", 10_000);
    }

    @Override
    protected String partnerRefuses() {
        return fault(400, """
                {"type":"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1","title":"Bad Request","status":400,\
                "o:errorDetails":[{"detail":"You do not have permissions to set a value for element location.","o:errorCode":"INSUFFICIENT_PERMISSION"}]}""", 1);
    }

    @Override
    protected String refusalInThePartnersWords() {
        return "INSUFFICIENT_PERMISSION: You do not have permissions to set a value for element location.";
    }

    private static String fault(int status, String body, int times) {
        return """
                {"pathPrefix": "%s", "status": %d, "body": %s, "times": %d}""".formatted(RECORDS, status, TextNode.valueOf(body), times);
    }
}

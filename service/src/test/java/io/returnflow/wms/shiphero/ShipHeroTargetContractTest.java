package io.returnflow.wms.shiphero;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.returnflow.flows.ReturnFlowFixture;
import io.returnflow.support.ApiClient;
import io.returnflow.wms.WmsTargetContract;

/** The target contract for ShipHero, against the sandbox ShipHero (which checks the bearer tokens it issued). */
class ShipHeroTargetContractTest extends WmsTargetContract {

    private static final String GRAPHQL = "/sandbox/shiphero/graphql";

    @Override
    protected String target() {
        return "SHIPHERO";
    }

    @Override
    protected Map<String, String> enabledAgainstTheSandbox(ApiClient api) {
        return Map.of("shiphero", ReturnFlowFixture.sandboxShipHero(ReturnFlowFixture.sandboxShipHeroToken(api, null), null));
    }

    @Override
    protected List<JsonNode> recordsAtThePartner(ApiClient api, String externalId) {
        List<JsonNode> found = new ArrayList<>();
        ApiClient.json(api.get("/sandbox/shiphero/returns", null)).forEach(r -> {
            if (externalId.equals(r.path("partner_id").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    @Override
    protected String idOf(JsonNode record) {
        return record.path("id").asText();
    }

    @Override
    protected String partnerAsksToWait(int times) {
        return fault(200, """
                {"errors":[{"code":30,"message":"There are not enough credits to perform the requested operation, which \
                requires 101 credits. The current balance is 4. 97 more credits will be available in 0.3 seconds",\
                "operation":"orders","required_credits":101,"remaining_credits":4,"time_remaining":"0.3 seconds"}],"data":null}""",
                null, times);
    }

    @Override
    protected String partnerStaysDown() {
        return fault(503, "", null, 10_000);
    }

    @Override
    protected String partnerRefuses() {
        return fault(200, """
                {"errors":[{"code":22,"message":"Warehouse is not active for returns"}],"data":null}""", "return_create", 1);
    }

    @Override
    protected String refusalInThePartnersWords() {
        return "return_create: Warehouse is not active for returns";
    }

    private static String fault(int status, String body, String bodyContains, int times) {
        return """
                {"pathPrefix": "%s", "status": %d, "body": %s, "bodyContains": %s, "times": %d}""".formatted(GRAPHQL, status,
                TextNode.valueOf(body), bodyContains == null ? "null" : TextNode.valueOf(bodyContains), times);
    }
}

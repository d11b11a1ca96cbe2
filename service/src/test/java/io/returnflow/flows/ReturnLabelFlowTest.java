package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * Return labels end to end: the sandbox label provider (EasyPost's API) sells the label, the
 * sandbox TikTok receives it through the 202405 shipping_documents upload.
 */
@ServiceTest
class ReturnLabelFlowTest {

    private static final String LABEL_QUEUE = "returns.created.labels";

    @Autowired
    BrokerProbe broker;
    @Autowired
    JmsTemplate jms;
    @Autowired
    JdbcTemplate db;
    @Value("${server.port}")
    int port;

    private ApiClient api() {
        return new ApiClient(port);
    }

    @Test
    void buysNoLabelWhileTheRequestWaitsForApproval() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());

        broker.awaitSettled(LABEL_QUEUE);

        assertThat(label(merchant, sandbox).isNull()).as("no label before TikTok approved the request").isTrue();
        assertThat(shipmentsOf(merchant, sandbox)).isEmpty();
        assertThat(uploads(sandbox)).isEmpty();
    }

    @Test
    void uploadsOneLabelPdfWithItsTrackingNumberOnceTheReturnIsApprovedAndAwaitsTheBuyer() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());

        sellerApproves(sandbox, "APPROVE_RETURN");

        JsonNode label = awaitLabel(merchant, sandbox, "UPLOADED");

        JsonNode uploads = uploads(sandbox);
        assertThat(uploads).hasSize(1);
        JsonNode upload = uploads.get(0);
        assertThat(upload.path("part").asText()).isEqualTo("return_shipping_label");
        assertThat(upload.path("header").asText()).startsWith("%PDF-");
        assertThat(upload.path("trackingNumber").asText()).isEqualTo(label.path("trackingNumber").asText()).isNotBlank();
        assertThat(upload.path("returnProviderId").asText()).isEqualTo("sandbox-usps");
        JsonNode shipments = shipmentsOf(merchant, sandbox);
        assertThat(shipments).hasSize(1);
        assertThat(shipments.get(0).path("is_return").asBoolean()).isTrue();
        assertThat(shipments.get(0).path("from_address").path("street1").asText()).isEqualTo("77 Sample St");
        assertThat(shipments.get(0).path("to_address").path("street1").asText()).isEqualTo("1 Dock Rd");
    }

    @Test
    void forgetsTheLabelDocumentsUrlOnceTikTokHasTheLabel() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());
        sellerApproves(sandbox, "APPROVE_RETURN");

        awaitLabel(merchant, sandbox, "UPLOADED");

        String returnId = merchant.findReturn(sandbox.path("returnId").asText()).path("id").asText();
        assertThat(db.queryForList("SELECT document_url FROM return_labels WHERE return_id = ?", String.class, returnId))
                .containsExactly((String) null);
    }

    @Test
    void buysAndUploadsOneLabelHoweverOftenTheEventIsRedelivered() throws Exception {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "REPLACEMENT", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());
        sellerApproves(sandbox, "APPROVE_REPLACEMENT");
        awaitLabel(merchant, sandbox, "UPLOADED");
        String event = returnCreatedEvent(merchant.findReturn(sandbox.path("returnId").asText()).path("id").asText());

        long delivered = broker.messagesAdded(LABEL_QUEUE);
        for (int i = 0; i < 3; i++) {
            // the labels' own queue on the multicast address, as the outbox relay would deliver it again
            jms.execute(session -> {
                session.createProducer(session.createTopic("returns.created::" + LABEL_QUEUE))
                        .send(session.createTextMessage(event));
                return null;
            }, true);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.messagesAdded(LABEL_QUEUE) >= delivered + 3);
        broker.awaitDrained(LABEL_QUEUE);

        assertThat(uploads(sandbox)).hasSize(1);
        assertThat(shipmentsOf(merchant, sandbox)).hasSize(1);
        assertThat(label(merchant, sandbox).path("status").asText()).isEqualTo("UPLOADED");
    }

    @Test
    void uploadsTheQrCodeWhenTheReturnAsksForOne() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "QR_CODE");
        merchant.awaitReturn(sandbox.path("returnId").asText());

        sellerApproves(sandbox, "APPROVE_RETURN");
        JsonNode label = awaitLabel(merchant, sandbox, "UPLOADED");

        JsonNode uploads = uploads(sandbox);
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).path("part").asText()).isEqualTo("return_qr_code");
        assertThat(uploads.get(0).path("header").asText()).isEqualTo("\u0089PNG\r\n\u001a\n");
        assertThat(uploads.get(0).path("trackingNumber").asText()).isEqualTo(label.path("trackingNumber").asText());
    }

    @Test
    void uploadsTheQrCodeForAnyDocumentTypeThatStartsWithQrCode() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "QR_CODE_NBNL");
        merchant.awaitReturn(sandbox.path("returnId").asText());

        sellerApproves(sandbox, "APPROVE_RETURN");
        awaitLabel(merchant, sandbox, "UPLOADED");

        JsonNode uploads = uploads(sandbox);
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).path("part").asText()).isEqualTo("return_qr_code");
    }

    @Test
    void sendsTheQrCodeAsAPdfWhereTikTokTakesPdfsOnly() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        HttpResponse<String> created = api().postJson("/sandbox/tiktok/returns", null, """
                {"returnType":"RETURN_AND_REFUND","items":1,"shopId":"%s","documentType":"QR_CODE","documentsPdfOnly":true}"""
                .formatted(merchant.shopId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode sandbox = ApiClient.json(created);
        merchant.awaitReturn(sandbox.path("returnId").asText());

        sellerApproves(sandbox, "APPROVE_RETURN");
        awaitLabel(merchant, sandbox, "UPLOADED");

        JsonNode uploads = uploads(sandbox);
        assertThat(uploads).hasSize(1);
        assertThat(uploads.get(0).path("part").asText()).isEqualTo("return_qr_code");
        assertThat(uploads.get(0).path("header").asText()).startsWith("%PDF-");
        assertThat(uploads.get(0).path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(uploads.get(0).path("fileName").asText()).isEqualTo("return-qr-code.pdf");
    }

    @Test
    void retriesTheLabelWhileTheProviderIsDownAndTheReturnIsRecordedMeanwhile() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        api().postJson("/sandbox/faults", null, """
                {"pathPrefix": "/sandbox/labels/", "status": 503, "body": "{\\"error\\":{\\"code\\":\\"SERVICE_UNAVAILABLE\\"}}",
                 "times": 4}""");

        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());
        sellerApproves(sandbox, "APPROVE_RETURN");

        JsonNode late = await().pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10))
                .until(() -> merchant.findReturn(sandbox.path("returnId").asText()),
                        ret -> ret != null && "PENDING".equals(ret.path("label").path("status").asText())
                                && ret.path("label").path("error").asText().contains("503"));
        assertThat(late.path("tiktok").path("status").asText()).isEqualTo("AWAITING_BUYER_SHIP");
        assertThat(late.path("label").path("error").asText()).contains("503");
        JsonNode label = awaitLabel(merchant, sandbox, "UPLOADED");
        assertThat(label.path("error").isNull()).isTrue();
        assertThat(uploads(sandbox)).hasSize(1);
        assertThat(shipmentsOf(merchant, sandbox)).hasSize(1);
    }

    @Test
    void saysNoLabelIsNeededForARefundOnlyReturn() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "REFUND", "SHIPPING_LABEL");

        JsonNode label = awaitLabel(merchant, sandbox, "NOT_NEEDED");

        assertThat(label.path("reason").asText()).contains("refund-only");
        assertThat(shipmentsOf(merchant, sandbox)).isEmpty();
        assertThat(uploads(sandbox)).isEmpty();
    }

    @Test
    void buysNoLabelForAReturnTikTokShipsItself() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        HttpResponse<String> created = api().postJson("/sandbox/tiktok/returns", null, """
                {"returnType":"RETURN_AND_REFUND","items":1,"shopId":"%s","shipmentType":"PLATFORM"}""".formatted(merchant.shopId));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode sandbox = ApiClient.json(created);
        merchant.awaitReturn(sandbox.path("returnId").asText());

        sellerApproves(sandbox, "APPROVE_RETURN");

        JsonNode label = awaitLabel(merchant, sandbox, "NOT_NEEDED");
        assertThat(label.path("reason").asText()).contains("TikTok ships this return itself");
        assertThat(shipmentsOf(merchant, sandbox)).isEmpty();
        assertThat(uploads(sandbox)).isEmpty();
    }

    @Test
    void buysNoLabelForARejectedReturn() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());
        String reason = ApiClient.json(api().get("/sandbox/tiktok/returns/" + sandbox.path("returnId").asText(), null))
                .path("rejectReasons").path(0).path("name").asText();

        api().postJson("/sandbox/tiktok/returns/" + sandbox.path("returnId").asText() + "/seller-center", null,
                "{\"decision\":\"REJECT_RETURN\",\"rejectReason\":\"%s\"}".formatted(reason));

        JsonNode label = awaitLabel(merchant, sandbox, "NOT_NEEDED");
        assertThat(label.path("reason").asText()).contains("rejected or cancelled");
        assertThat(shipmentsOf(merchant, sandbox)).isEmpty();
    }

    @Test
    void refundsTheLabelAtTheProviderWhenTheBuyerCancelsAfterApproval() {
        ReturnFlowFixture merchant = merchantUsingLabels();
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());
        sellerApproves(sandbox, "APPROVE_RETURN");
        awaitLabel(merchant, sandbox, "UPLOADED");

        api().postJson("/sandbox/tiktok/returns/" + sandbox.path("returnId").asText() + "/cancel", null, "{}");

        JsonNode label = awaitLabel(merchant, sandbox, "REFUNDED");
        assertThat(label.path("reason").asText()).contains("cancelled").contains("refund submitted");
        JsonNode shipments = shipmentsOf(merchant, sandbox);
        assertThat(shipments).hasSize(1);
        assertThat(shipments.get(0).path("refund_status").asText()).isEqualTo("submitted");
    }

    @Test
    void buysNoLabelForAMerchantWhoDoesNotUseThem() {
        ReturnFlowFixture merchant = new ReturnFlowFixture(api(), ReturnFlowFixture.sandboxShopify(api()), "shpat_sandbox");
        JsonNode sandbox = buyerAsksForReturn(merchant, "RETURN_AND_REFUND", "SHIPPING_LABEL");
        merchant.awaitReturn(sandbox.path("returnId").asText());

        broker.awaitSettled(LABEL_QUEUE);

        assertThat(merchant.findReturn(sandbox.path("returnId").asText()).path("label").isNull()).isTrue();
        assertThat(uploads(sandbox)).isEmpty();
    }

    /** The flow fixture's merchant, replaced by one that uses return labels and has a return address. */
    private ReturnFlowFixture merchantUsingLabels() {
        return ReturnFlowFixture.usingLabels(api(), Map.of("netsuite", "{\"enabled\": false}", "shiphero", "{\"enabled\": false}"));
    }

    private JsonNode buyerAsksForReturn(ReturnFlowFixture merchant, String returnType, String documentType) {
        HttpResponse<String> created = api().postJson("/sandbox/tiktok/returns", null,
                "{\"returnType\":\"%s\",\"items\":1,\"shopId\":\"%s\",\"documentType\":\"%s\"}"
                        .formatted(returnType, merchant.shopId, documentType));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created);
    }

    /** TikTok approves the request (the seller in Seller Center): the return waits for the buyer to ship. */
    private void sellerApproves(JsonNode sandbox, String decision) {
        HttpResponse<String> approved = api().postJson("/sandbox/tiktok/returns/" + sandbox.path("returnId").asText()
                + "/seller-center", null, "{\"decision\":\"%s\"}".formatted(decision));
        assertThat(ApiClient.json(approved).path("returnStatus").asText()).as(approved.body()).isEqualTo("AWAITING_BUYER_SHIP");
    }

    private JsonNode awaitLabel(ReturnFlowFixture merchant, JsonNode sandbox, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> label(merchant, sandbox),
                label -> status.equals(label.path("status").asText()));
    }

    private JsonNode label(ReturnFlowFixture merchant, JsonNode sandbox) {
        JsonNode ret = merchant.findReturn(sandbox.path("returnId").asText());
        return ret == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : ret.path("label");
    }

    private JsonNode uploads(JsonNode sandbox) {
        return ApiClient.json(api().get("/sandbox/tiktok/returns/" + sandbox.path("returnId").asText() + "/shipping-documents", null));
    }

    private JsonNode shipmentsOf(ReturnFlowFixture merchant, JsonNode sandbox) {
        JsonNode ret = merchant.findReturn(sandbox.path("returnId").asText());
        if (ret == null) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        return ApiClient.json(api().get("/sandbox/labels/shipments?reference=" + ret.path("id").asText(), null));
    }

    private String returnCreatedEvent(String returnId) throws Exception {
        for (Message message : broker.browse("returns.created::returns.created.test")) {
            String text = ((TextMessage) message).getText();
            if (text.contains("\"returnId\":\"" + returnId + "\"")) {
                return text;
            }
        }
        throw new AssertionError("no ReturnCreated event for " + returnId);
    }
}

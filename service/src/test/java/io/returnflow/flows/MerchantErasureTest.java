package io.returnflow.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.jms.Topic;

import com.fasterxml.jackson.databind.JsonNode;

import io.returnflow.support.ApiClient;
import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;
import io.returnflow.support.TikTokWebhookClient;

import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * {@code DELETE /api/admin/merchants/{id}} erases a merchant that has everything a merchant can
 * have (settings, sealed secrets, target settings, API keys, a shop with tokens, a return with its
 * items, WMS states, label, decision, history, outbox events), proven by scanning every column of
 * every table of the schema for its ids; messages still queued for it are dropped, not dead-lettered.
 */
@ServiceTest
class MerchantErasureTest {

    private static final String DEAD_LETTERS = "DLQ.returns.created.labels";
    private static final Topic CREATED_FOR_LABELS = ActiveMQJMSClient.createTopic("returns.created::returns.created.labels");

    @Value("${server.port}")
    int port;
    @Autowired
    JdbcTemplate db;
    @Autowired
    BrokerProbe broker;
    @Autowired
    JmsTemplate jms;
    @Autowired
    TikTokWebhookClient webhooks;

    @Test
    void erasesEveryRowOfTheMerchantFromEveryTableOfTheSchema() {
        Erased erased = merchantWithEverythingErased();

        assertThat(rowsNaming(erased.ids())).as("rows naming the erased merchant, its shop or its return").isEmpty();
    }

    @Test
    void answers404ToASecondDeleteAndForTheErasedMerchant() {
        Erased erased = merchantWithEverythingErased();

        assertThat(api().delete("/api/admin/merchants/" + erased.merchantId(), ApiClient.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/admin/merchants/" + erased.merchantId(), ApiClient.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        assertThat(api().get("/api/returns", erased.apiKey()).statusCode()).isEqualTo(401);
    }

    @Test
    void dropsMessagesStillQueuedForTheErasedMerchantInsteadOfDeadLetteringThem() {
        Erased erased = merchantWithEverythingErased();
        long labelDeadLetters = broker.messagesAdded("DLQ.returns.created.labels");
        long eventDeadLetters = broker.messagesAdded("DLQ.tiktok.return-events");

        // what was on its way when the merchant was erased: its return's event, a webhook of its shop
        jms.convertAndSend(CREATED_FOR_LABELS, erased.returnCreatedEvent());
        HttpResponse<String> webhook = webhooks.deliver(webhooks.returnStatusChange(TikTokWebhookClient.newId(),
                erased.shopId(), erased.tiktokReturnId()));
        assertThat(webhook.statusCode()).isEqualTo(200);

        broker.awaitDrained("returns.created.labels");
        broker.awaitDrained("tiktok.return-events");
        assertThat(broker.messagesAdded("DLQ.returns.created.labels")).isEqualTo(labelDeadLetters);
        assertThat(broker.messagesAdded("DLQ.tiktok.return-events")).isEqualTo(eventDeadLetters);
        assertThat(rowsNaming(erased.ids())).isEmpty();
    }

    @Test
    void dropsTheErasedMerchantsDeadLettersAndKeepsEveryoneElses() {
        String othersEvent = "{\"returnId\": \"" + java.util.UUID.randomUUID() + "\", \"merchantId\": \""
                + ApiClient.uniqueMerchantId() + "\"}";
        Erased erased = merchantWithEverythingErased(before -> {
            jms.convertAndSend(DEAD_LETTERS, before.returnCreatedEvent());
            jms.convertAndSend(DEAD_LETTERS, othersEvent);
        });

        List<String> left = broker.browse(DEAD_LETTERS).stream().map(MerchantErasureTest::text).toList();
        assertThat(left).contains(othersEvent).noneMatch(body -> body.contains(erased.merchantId()));
    }

    private static String text(jakarta.jms.Message message) {
        try {
            return ((jakarta.jms.TextMessage) message).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
    }

    record Erased(String merchantId, String apiKey, String shopId, String returnId, String tiktokReturnId,
                  String returnCreatedEvent) {
        List<String> ids() {
            return List.of(merchantId, shopId, returnId, tiktokReturnId);
        }
    }

    /** A merchant with labels, NetSuite, a notification webhook, a decided return whose label is uploaded; then erased (204). */
    private Erased merchantWithEverythingErased() {
        return merchantWithEverythingErased(before -> { });
    }

    /** @param beforeErasure given the merchant about to be erased (its ids, its return's event) */
    private Erased merchantWithEverythingErased(java.util.function.Consumer<Erased> beforeErasure) {
        ReturnFlowFixture merchant = ReturnFlowFixture.usingLabels(api(), Map.of("netsuite",
                ReturnFlowFixture.sandboxNetSuite(api(), null)));
        assertThat(api().put("/api/merchants/" + merchant.merchantId + "/notifications", merchant.apiKey,
                "{\"webhookUrl\": \"http://127.0.0.1:9/notices\"}").statusCode()).isEqualTo(200);
        JsonNode sandbox = merchant.buyerAsksForReturn("RETURN_AND_REFUND", 1);
        String tiktokReturnId = sandbox.path("returnId").asText();
        JsonNode ret = await().atMost(Duration.ofSeconds(30)).until(() -> merchant.findReturn(tiktokReturnId),
                r -> r != null && "CREATED".equals(wms(r, "NETSUITE")));
        String returnId = ret.path("id").asText();
        String item = ret.path("items").get(0).path("id").asText();
        HttpResponse<String> decided = api().postJson("/api/returns/" + returnId + "/decision", merchant.apiKey,
                "{\"items\": [{\"itemId\": \"" + item + "\", \"decision\": \"APPROVE\"}]}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> current(merchant, returnId),
                r -> "UPLOADED".equals(r.path("label").path("status").asText())
                        && "SYNCED".equals(r.path("sync").path("status").asText()));
        broker.awaitOutboxPublished();
        assertThat(rowsNaming(List.of(merchant.merchantId, merchant.shopId, returnId))).as("what there is to erase")
                .anyMatch(row -> row.startsWith("return_labels")).anyMatch(row -> row.startsWith("return_decisions"))
                .anyMatch(row -> row.startsWith("return_history")).anyMatch(row -> row.startsWith("outbox"))
                .anyMatch(row -> row.startsWith("merchant_targets")).anyMatch(row -> row.startsWith("tiktok_authorizations"))
                .anyMatch(row -> row.startsWith("merchant_api_keys")).anyMatch(row -> row.startsWith("return_wms"))
                .anyMatch(row -> row.startsWith("merchant_notifications"));
        String event = db.queryForObject("SELECT payload FROM outbox WHERE group_key = ? AND destination = 'returns.created'",
                String.class, returnId);

        Erased erased = new Erased(merchant.merchantId, merchant.apiKey, merchant.shopId, returnId, tiktokReturnId, event);
        beforeErasure.accept(erased);

        HttpResponse<String> answer = api().delete("/api/admin/merchants/" + merchant.merchantId, ApiClient.ADMIN_TOKEN);

        assertThat(answer.statusCode()).isEqualTo(204);
        return erased;
    }

    /**
     * "table.column" for every row of every table of the schema whose text (of any character column)
     * contains one of the ids; the schema's own migration history aside.
     */
    private List<String> rowsNaming(List<String> ids) {
        List<Map<String, Object>> columns = db.queryForList("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema()
                  AND (data_type LIKE '%CHAR%' OR data_type LIKE '%char%' OR data_type IN ('TEXT', 'text', 'CLOB', 'CHARACTER LARGE OBJECT'))
                  AND LOWER(table_name) <> 'flyway_schema_history'""");
        assertThat(columns).as("the schema's text columns").hasSizeGreaterThan(20);
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = column.get("table_name").toString().toLowerCase();
            String name = column.get("column_name").toString().toLowerCase();
            for (String id : ids) {
                Integer count = db.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + name + " LIKE ?",
                        Integer.class, "%" + id + "%");
                if (count != null && count > 0) {
                    rows.add(table + "." + name + " (" + count + " naming " + id + ")");
                }
            }
        }
        return rows;
    }

    private JsonNode current(ReturnFlowFixture merchant, String returnId) {
        return ApiClient.json(api().get("/api/returns/" + returnId, merchant.apiKey));
    }

    private static String wms(JsonNode ret, String target) {
        for (JsonNode w : ret.path("wms")) {
            if (target.equals(w.path("target").asText())) {
                return w.path("status").asText();
            }
        }
        return null;
    }

    private ApiClient api() {
        return new ApiClient(port);
    }
}

package io.returnflow.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import io.returnflow.support.BrokerProbe;
import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceTest
class ReturnStoreTest {

    @Autowired
    ReturnStore store;
    @Autowired
    ReturnQueries queries;
    @Autowired
    JdbcClient db;
    @Autowired
    BrokerProbe broker;

    /** A TikTok return of merchant acme, shop shop-1, one item of two units. */
    static NewReturn draft(String returnId, String status, long updatedAt, NextAction next, ReturnState state) {
        return new NewReturn("acme", ReturnSource.TIKTOK, "shop-1", returnId, "order-" + returnId, "RETURN_AND_REFUND",
                "Wrong size", new SourceStatus(status, updatedAt, next, state), true, "SHIPPING_LABEL", "gid://shopify/Order/1", "#1001",
                null, List.of(new NewReturn.Item("TEE-M", "Tee", 2, List.of("l1", "l2"), "gid://shopify/LineItem/7",
                        "gid://shopify/ProductVariant/70", true, new BigDecimal("25.00"), "USD")));
    }

    static String newReturnId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void recordsAReturnOnceHoweverOftenItIsCreated() {
        String returnId = newReturnId();
        NewReturn draft = draft(returnId, "RETURN_OR_REFUND_REQUEST_PENDING", 100, NextAction.RESPOND_REQUEST, ReturnState.OPEN);

        String first = store.create(draft);
        String second = store.create(draft);

        assertThat(second).isEqualTo(first);
        assertThat(db.sql("SELECT COUNT(*) FROM returns WHERE source_return_id = ?").param(returnId).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM outbox WHERE group_key = ?").param(first).query(Integer.class).single())
                .as("one return created event").isEqualTo(1);
        ReturnView view = queries.find("acme", first).orElseThrow();
        assertThat(view.state()).isEqualTo(ReturnState.OPEN);
        assertThat(view.tiktok().nextAction()).isEqualTo(NextAction.RESPOND_REQUEST);
        assertThat(view.items()).singleElement().satisfies(item -> {
            assertThat(item.quantity()).isEqualTo(2);
            assertThat(item.refundAmount()).isEqualTo(new ReturnView.Money("25.00", "USD"));
            assertThat(item.decision()).isEqualTo(ItemDecision.PENDING);
        });
    }

    @Test
    void neverMovesAReturnBackToAnOlderStatus() {
        String returnId = newReturnId();
        String id = store.create(draft(returnId, "RETURN_OR_REFUND_REQUEST_PENDING", 100, NextAction.RESPOND_REQUEST, ReturnState.OPEN));
        store.applyStatus(ReturnSource.TIKTOK, "shop-1", returnId,
                new SourceStatus("RETURN_OR_REFUND_REQUEST_CANCEL", 300, null, ReturnState.CANCELLED));

        boolean applied = store.applyStatus(ReturnSource.TIKTOK, "shop-1", returnId,
                new SourceStatus("AWAITING_BUYER_SHIP", 200, null, ReturnState.APPROVED));

        assertThat(applied).isFalse();
        ReturnView view = queries.find("acme", id).orElseThrow();
        assertThat(view.state()).isEqualTo(ReturnState.CANCELLED);
        assertThat(view.tiktok().status()).isEqualTo("RETURN_OR_REFUND_REQUEST_CANCEL");
    }

    @Test
    void aReturnIsVisibleOnlyToItsMerchant() {
        String id = store.create(draft(newReturnId(), "RETURN_OR_REFUND_REQUEST_PENDING", 100, null, ReturnState.OPEN));

        assertThat(queries.find("acme", id)).isPresent();
        assertThat(queries.find("someone-else", id)).isEmpty();
    }

    @Test
    void publishesTheReturnCreatedEventToEveryConsumerQueue() throws Exception {
        String id = store.create(draft(newReturnId(), "RETURN_OR_REFUND_REQUEST_PENDING", 100, null, ReturnState.OPEN));

        Message event = await().atMost(Duration.ofSeconds(10)).until(() -> eventFor(id), m -> m != null);

        assertThat(((TextMessage) event).getText()).contains("\"returnId\":\"" + id + "\"").contains("\"sku\":\"TEE-M\"");
        assertThat(event.getStringProperty("JMSXGroupID")).isEqualTo(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> db.sql("SELECT published_at FROM outbox WHERE group_key = ?")
                .param(id).query(java.sql.Timestamp.class).optional().isPresent());
    }

    private Message eventFor(String returnId) throws Exception {
        for (Message message : broker.browse("returns.created::returns.created.test")) {
            if (((TextMessage) message).getText().contains(returnId)) {
                return message;
            }
        }
        return null;
    }
}

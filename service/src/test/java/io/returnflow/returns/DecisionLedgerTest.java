package io.returnflow.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import io.returnflow.support.ServiceTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceTest
/** Decisions and how their syncs end, on returns the return store recorded. */
class DecisionLedgerTest {

    @Autowired
    ReturnStore store;
    @Autowired
    DecisionLedger ledger;
    @Autowired
    ReturnQueries queries;
    @Autowired
    JdbcClient db;

    private static NewReturn draft(String returnId, String status, long updatedAt, NextAction next, ReturnState state) {
        return ReturnStoreTest.draft(returnId, status, updatedAt, next, state);
    }

    private static String newReturnId() {
        return ReturnStoreTest.newReturnId();
    }

    @Test
    void recordsADecisionWithItsItemsStateAndSyncEventAtOnce() {
        String id = store.create(draft(newReturnId(), "RETURN_OR_REFUND_REQUEST_PENDING", 100, NextAction.RESPOND_REQUEST, ReturnState.OPEN));

        String decisionId = ledger.decide(approval(id, null));

        ReturnView view = queries.find("acme", id).orElseThrow();
        assertThat(view.state()).isEqualTo(ReturnState.APPROVED);
        assertThat(view.items()).extracting(ReturnView.Item::decision).containsExactly(ItemDecision.APPROVED);
        assertThat(view.sync()).isEqualTo(new ReturnView.Sync("PENDING", "APPROVE_RETURN", null, null, null, decisionId));
        assertThat(db.sql("SELECT payload FROM outbox WHERE destination = ? AND group_key = ?")
                .params(ReturnDecided.ADDRESS, id).query(String.class).single()).contains(decisionId);
    }

    @Test
    void aDecisionOnAReturnThatChangedMeanwhileIsRefused() {
        String id = store.create(draft(newReturnId(), "RETURN_OR_REFUND_REQUEST_PENDING", 100, NextAction.RESPOND_REQUEST, ReturnState.OPEN));
        String first = ledger.decide(approval(id, null));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.decide(approval(id, null)))
                .isInstanceOfSatisfying(DecisionRefusedException.class, e -> assertThat(e.isConflict()).isTrue());
        assertThat(queries.find("acme", id).orElseThrow().sync().decisionId()).isEqualTo(first);
    }

    @Test
    void tikTokStillWaitingDoesNotUndoADecisionOnItsWay() {
        String returnId = newReturnId();
        String id = store.create(draft(returnId, "RETURN_OR_REFUND_REQUEST_PENDING", 100, NextAction.RESPOND_REQUEST, ReturnState.OPEN));
        ledger.decide(approval(id, null));

        store.applyStatus(ReturnSource.TIKTOK, "shop-1", returnId,
                new SourceStatus("RETURN_OR_REFUND_REQUEST_PENDING", 150, NextAction.RESPOND_REQUEST, ReturnState.OPEN));

        assertThat(queries.find("acme", id).orElseThrow().state()).isEqualTo(ReturnState.APPROVED);
    }

    @Test
    void tikTokStillWaitingUnderTheSameDeadlineDoesNotUndoADecisionOnItsWay() {
        String returnId = newReturnId();
        String id = store.create(dueAt(returnId, 100, DUE));
        ledger.decide(approval(id, null));

        store.applyStatus(ReturnSource.TIKTOK, "shop-1", returnId, pendingRequest(150, DUE));

        assertThat(queries.find("acme", id).orElseThrow().state()).isEqualTo(ReturnState.APPROVED);
    }

    @Test
    void tikTokAskingAgainUnderANewDeadlineReopensAReturnWhoseDecisionIsOnItsWay() {
        String returnId = newReturnId();
        String id = store.create(dueAt(returnId, 100, DUE));
        String first = ledger.decide(approval(id, null));

        store.applyStatus(ReturnSource.TIKTOK, "shop-1", returnId, pendingRequest(150, DUE.plusSeconds(86_400)));

        ReturnView reopened = queries.find("acme", id).orElseThrow();
        assertThat(reopened.state()).isEqualTo(ReturnState.OPEN);
        assertThat(reopened.items()).extracting(ReturnView.Item::decision).containsExactly(ItemDecision.PENDING);
        assertThat(reopened.tiktok().deadline()).isEqualTo(DUE.plusSeconds(86_400));
        String second = ledger.decide(approval(id, first));
        assertThat(second).isNotEqualTo(first);
        assertThat(ledger.decision(second).orElseThrow().answersDeadline()).isEqualTo(DUE.plusSeconds(86_400));
    }

    @Test
    void aReturnAskedAgainIsReopenedOnceWhateverTheReReads() {
        String returnId = newReturnId();
        String id = store.create(dueAt(returnId, 100, DUE));
        String decisionId = ledger.decide(approval(id, null));
        ledger.syncSucceeded(decisionId, "APPROVE_RETURN", null);

        store.applyStatus(ReturnSource.TIKTOK, "shop-1", returnId, pendingRequest(150, DUE.plusSeconds(3_600)));
        store.applyStatus(ReturnSource.TIKTOK, "shop-1", returnId, pendingRequest(150, DUE.plusSeconds(3_600)));

        assertThat(db.sql("SELECT COUNT(*) FROM return_history WHERE return_id = ? AND summary LIKE '%asks the merchant again%'")
                .param(id).query(Long.class).single()).isEqualTo(1);
    }

    private static final java.time.Instant DUE = java.time.Instant.parse("2031-03-01T12:00:00Z");

    private static SourceStatus pendingRequest(long updatedAt, java.time.Instant deadline) {
        return new SourceStatus("RETURN_OR_REFUND_REQUEST_PENDING", updatedAt, NextAction.RESPOND_REQUEST, ReturnState.OPEN,
                deadline, "SELLER_RESPOND_RETURN");
    }

    private static NewReturn dueAt(String returnId, long updatedAt, java.time.Instant deadline) {
        NewReturn plain = draft(returnId, "RETURN_OR_REFUND_REQUEST_PENDING", updatedAt, NextAction.RESPOND_REQUEST, ReturnState.OPEN);
        return new NewReturn(plain.merchantId(), plain.source(), plain.sourceAccountId(), plain.sourceReturnId(),
                plain.sourceOrderId(), plain.returnType(), plain.reason(), pendingRequest(updatedAt, deadline),
                plain.canBuyerKeepItem(), plain.shippingDocumentType(), plain.shopifyOrderId(), plain.shopifyOrderName(),
                plain.attention(), plain.items());
    }

    @Test
    void aRefusedDecisionLeavesTheReturnAsTikTokSaysAndUndecided() {
        String returnId = newReturnId();
        String id = store.create(draft(returnId, "RETURN_OR_REFUND_REQUEST_PENDING", 100, NextAction.RESPOND_REQUEST, ReturnState.OPEN));
        String decisionId = ledger.decide(approval(id, null));

        ledger.syncFailed(decisionId, "APPROVE_RETURN", "25011010", "handed to a platform operator",
                new SourceStatus("RETURN_OR_REFUND_REQUEST_PENDING", 120, NextAction.RESPOND_REQUEST, ReturnState.OPEN));
        boolean again = ledger.syncSucceeded(decisionId, "APPROVE_RETURN", null);

        ReturnView view = queries.find("acme", id).orElseThrow();
        assertThat(again).as("an ended sync does not move again").isFalse();
        assertThat(view.state()).isEqualTo(ReturnState.OPEN);
        assertThat(view.items()).extracting(ReturnView.Item::decision).containsExactly(ItemDecision.PENDING);
        assertThat(view.sync()).isEqualTo(new ReturnView.Sync("FAILED", "APPROVE_RETURN",
                "25011010: handed to a platform operator", "25011010", null, decisionId));
    }

    /** Every item approved, answering the request; {@code expectedDecision} the return's current decision. */
    private DecisionDraft approval(String returnId, String expectedDecision) {
        ReturnView ret = queries.find("acme", returnId).orElseThrow();
        java.util.Map<String, ItemDecision> items = new java.util.LinkedHashMap<>();
        ret.items().forEach(item -> items.put(item.id(), ItemDecision.APPROVED));
        return new DecisionDraft(returnId, "acme", NextAction.RESPOND_REQUEST, expectedDecision, items, Verdict.APPROVED,
                io.returnflow.merchants.MixedDecision.APPROVE_ALL, false, null, null, new BigDecimal("25.00"), "USD",
                "APPROVE_RETURN", null);
    }
}

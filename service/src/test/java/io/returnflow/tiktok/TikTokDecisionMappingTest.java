package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.returnflow.merchants.MixedDecision;
import io.returnflow.returns.NextAction;
import io.returnflow.returns.Verdict;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TikTokDecisionMappingTest {

    private static TikTokDecision decide(NextAction answers, String returnType, String action, Verdict verdict,
                                         MixedDecision mixed, boolean returnless) {
        return TikTokDecisionMapping.decision(answers, returnType, action == null ? List.of() : List.of(action), verdict,
                mixed, returnless, "seller_reject_apply_no_evidence", "see photos", new BigDecimal("12.50"), "USD");
    }

    @ParameterizedTest(name = "{0} waiting for {2}: {3} -> {4}")
    @CsvSource({
            // every item approved
            "REFUND,            RESPOND_REQUEST, SELLER_RESPOND_REFUND,          APPROVED, APPROVE_REFUND",
            "RETURN_AND_REFUND, RESPOND_REQUEST, SELLER_RESPOND_RETURN,          APPROVED, APPROVE_RETURN",
            "REPLACEMENT,       RESPOND_REQUEST, SELLER_RESPOND_REPLACEMENT,     APPROVED, APPROVE_REPLACEMENT",
            "RETURN_AND_REFUND, CONFIRM_RECEIPT, SELLER_RESPOND_RECEIVE_PACKAGE, APPROVED, APPROVE_RECEIVED_PACKAGE",
            "REPLACEMENT,       CONFIRM_RECEIPT, SELLER_RESPOND_RECEIVE_PACKAGE, APPROVED, APPROVE_RECEIVED_PACKAGE",
            // every item rejected
            "REFUND,            RESPOND_REQUEST, SELLER_RESPOND_REFUND,          REJECTED, REJECT_REFUND",
            "RETURN_AND_REFUND, RESPOND_REQUEST, SELLER_RESPOND_RETURN,          REJECTED, REJECT_RETURN",
            "REPLACEMENT,       RESPOND_REQUEST, SELLER_RESPOND_REPLACEMENT,     REJECTED, REJECT_REPLACEMENT",
            "RETURN_AND_REFUND, CONFIRM_RECEIPT, SELLER_RESPOND_RECEIVE_PACKAGE, REJECTED, REJECT_RECEIVED_PACKAGE",
            "REPLACEMENT,       CONFIRM_RECEIPT, SELLER_RESPOND_RECEIVE_PACKAGE, REJECTED, REJECT_RECEIVED_PACKAGE",
            // mixed, APPROVE_ALL: approved as a whole
            "REFUND,            RESPOND_REQUEST, SELLER_RESPOND_REFUND,          MIXED,    APPROVE_REFUND",
            "RETURN_AND_REFUND, RESPOND_REQUEST, SELLER_RESPOND_RETURN,          MIXED,    APPROVE_RETURN",
            "REPLACEMENT,       RESPOND_REQUEST, SELLER_RESPOND_REPLACEMENT,     MIXED,    APPROVE_REPLACEMENT",
            "RETURN_AND_REFUND, CONFIRM_RECEIPT, SELLER_RESPOND_RECEIVE_PACKAGE, MIXED,    APPROVE_RECEIVED_PACKAGE"})
    void answersWhatTikTokWaitsFor(String returnType, NextAction answers, String action, Verdict verdict, String expected) {
        TikTokDecision decision = decide(answers, returnType, action, verdict, MixedDecision.APPROVE_ALL, false);

        assertThat(decision.decision()).isEqualTo(expected);
        assertThat(decision.reject()).isEqualTo(expected.startsWith("REJECT_"));
        assertThat(decision.buyerKeepItem()).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "REFUND,            APPROVE_REFUND",
            "RETURN_AND_REFUND, APPROVE_RETURN",
            "REPLACEMENT,       APPROVE_REPLACEMENT"})
    void withoutASellerActionTheReturnTypeNamesTheDecision(String returnType, String expected) {
        assertThat(decide(NextAction.RESPOND_REQUEST, returnType, null, Verdict.APPROVED, MixedDecision.APPROVE_ALL, false)
                .decision()).isEqualTo(expected);
    }

    @Test
    void aDecisionOnTheRequestIsNeverSentAsOneOnTheReceivedPackage() {
        TikTokDecision decision = decide(NextAction.RESPOND_REQUEST, "RETURN_AND_REFUND", "SELLER_RESPOND_RECEIVE_PACKAGE",
                Verdict.REJECTED, MixedDecision.APPROVE_ALL, false);

        assertThat(decision.decision()).isEqualTo("REJECT_RETURN");
    }

    @Test
    void aReturnlessApprovalLetsTheBuyerKeepTheItem() {
        TikTokDecision decision = decide(NextAction.RESPOND_REQUEST, "RETURN_AND_REFUND", "SELLER_RESPOND_RETURN",
                Verdict.APPROVED, MixedDecision.APPROVE_ALL, true);

        assertThat(decision.decision()).isEqualTo("APPROVE_RETURN");
        assertThat(decision.body()).containsEntry("buyer_keep_item", true);
        assertThat(decision.isShownBy("AWAITING_BUYER_SHIP")).as("approved, but with the item coming back").isFalse();
        assertThat(decision.isShownBy("RETURN_OR_REFUND_REQUEST_SUCCESS")).isTrue();
    }

    @Test
    void aRefundOnlyRequestHasNothingToShipBack() {
        TikTokDecision decision = decide(NextAction.RESPOND_REQUEST, "REFUND", "SELLER_RESPOND_REFUND",
                Verdict.APPROVED, MixedDecision.APPROVE_ALL, true);

        assertThat(decision.body()).isEqualTo(Map.of("decision", "APPROVE_REFUND"));
    }

    @Test
    void aMixedDecisionOffersTheApprovedItemsRefundAsAPartialRefund() {
        TikTokDecision decision = decide(NextAction.RESPOND_REQUEST, "RETURN_AND_REFUND", "SELLER_RESPOND_RETURN",
                Verdict.MIXED, MixedDecision.PARTIAL_REFUND, false);

        assertThat(decision.decision()).isEqualTo("OFFER_PARTIAL_REFUND");
        assertThat(decision.body()).containsEntry("partial_refund", Map.of("amount", "12.50", "currency", "USD"));
    }

    @Test
    void aMixedDecisionHandledByHandSendsNothing() {
        assertThat(decide(NextAction.RESPOND_REQUEST, "RETURN_AND_REFUND", "SELLER_RESPOND_RETURN", Verdict.MIXED,
                MixedDecision.MANUAL, false)).isNull();
    }

    @Test
    void aRejectionCarriesItsReasonAndComment() {
        TikTokDecision decision = decide(NextAction.RESPOND_REQUEST, "REFUND", "SELLER_RESPOND_REFUND", Verdict.REJECTED,
                MixedDecision.APPROVE_ALL, false);

        assertThat(decision.body()).isEqualTo(Map.of("decision", "REJECT_REFUND",
                "reject_reason", "seller_reject_apply_no_evidence", "comment", "see photos"));
    }

    @ParameterizedTest(name = "{0} is shown by {1}: {2}")
    @CsvSource({
            "APPROVED, AWAITING_BUYER_SHIP,              true",
            "APPROVED, BUYER_SHIPPED_ITEM,               true",
            "APPROVED, RETURN_OR_REFUND_REQUEST_PENDING, false",
            "APPROVED, REFUND_OR_RETURN_REQUEST_REJECT,  false",
            "REJECTED, REFUND_OR_RETURN_REQUEST_REJECT,  true",
            "REJECTED, AWAITING_BUYER_SHIP,              false",
            "REJECTED, RETURN_OR_REFUND_REQUEST_CANCEL,  false"})
    void knowsWhenTikTokAlreadyShowsTheDecision(Verdict verdict, String status, boolean shown) {
        TikTokDecision decision = decide(NextAction.RESPOND_REQUEST, "RETURN_AND_REFUND", "SELLER_RESPOND_RETURN", verdict,
                MixedDecision.APPROVE_ALL, false);

        assertThat(decision.isShownBy(status)).isEqualTo(shown);
    }
}

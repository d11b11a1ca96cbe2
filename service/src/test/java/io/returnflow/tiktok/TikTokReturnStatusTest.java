package io.returnflow.tiktok;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.returnflow.returns.NextAction;
import io.returnflow.returns.ReturnState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TikTokReturnStatusTest {

    @ParameterizedTest
    @CsvSource({
            "SELLER_RESPOND_REFUND, RESPOND_REQUEST",
            "SELLER_RESPOND_RETURN, RESPOND_REQUEST",
            "SELLER_RESPOND_REPLACEMENT, RESPOND_REQUEST",
            "SELLER_RESPOND_RECEIVE_PACKAGE, CONFIRM_RECEIPT"})
    void readsWhatTikTokWaitsFor(String action, NextAction expected) {
        assertThat(TikTokReturnStatus.nextAction(List.of(action))).isEqualTo(expected);
    }

    @Test
    void theDeadlineThatCountsIsTheReceivedPackagesWhenTikTokWaitsForIt() {
        assertThat(TikTokReturnStatus.awaitedAction(List.of("SELLER_RESPOND_RETURN", "SELLER_RESPOND_RECEIVE_PACKAGE")))
                .isEqualTo("SELLER_RESPOND_RECEIVE_PACKAGE");
        assertThat(TikTokReturnStatus.awaitedAction(List.of("SELLER_RESPOND_REFUND"))).isEqualTo("SELLER_RESPOND_REFUND");
        assertThat(TikTokReturnStatus.awaitedAction(List.of())).isNull();
    }

    @Test
    void readsEachActionsDeadlineInUnixSeconds() throws Exception {
        var order = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"return_id": "1", "seller_next_action_response": [{"action": "SELLER_RESPOND_RETURN", "deadline": 1778109755}]}""");

        assertThat(TikTokReturns.read(order).actionDeadlines())
                .containsEntry("SELLER_RESPOND_RETURN", java.time.Instant.parse("2026-05-06T23:22:35Z"));
    }

    @Test
    void waitsForNothingWithoutASellerAction() {
        assertThat(TikTokReturnStatus.nextAction(List.of())).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "RETURN_OR_REFUND_REQUEST_PENDING, OPEN",
            "AWAITING_BUYER_SHIP, APPROVED",
            "REFUND_OR_RETURN_REQUEST_REJECT, REJECTED",
            "REPLACEMENT_REQUEST_REJECT, REJECTED",
            "RETURN_OR_REFUND_REQUEST_CANCEL, CANCELLED",
            "REPLACEMENT_REQUEST_CANCEL, CANCELLED",
            "RETURN_OR_REFUND_REQUEST_COMPLETE, COMPLETED",
            "RETURN_OR_REFUND_REQUEST_SUCCESS, COMPLETED",
            "REPLACEMENT_REQUEST_COMPLETE, COMPLETED"})
    void mapsTikTokStatusesToStates(String status, ReturnState expected) {
        assertThat(TikTokReturnStatus.state(status, null)).isEqualTo(expected);
    }

    @Test
    void aReturnWhoseBuyerShippedIsOpenAgainForTheMerchant() {
        assertThat(TikTokReturnStatus.state("BUYER_SHIPPED_ITEM", NextAction.CONFIRM_RECEIPT)).isEqualTo(ReturnState.OPEN);
    }

    @Test
    void anUnknownStatusSaysNothingAboutTheState() {
        assertThat(TikTokReturnStatus.state("SOMETHING_NEW_IN_2027", null)).isNull();
        assertThat(ReturnState.APPROVED.then(TikTokReturnStatus.state("SOMETHING_NEW_IN_2027", null)))
                .isEqualTo(ReturnState.APPROVED);
    }

    @Test
    void whileTikTokWaitsForTheBuyerTheStateStaysAsItWas() {
        assertThat(TikTokReturnStatus.state("AWAITING_BUYER_RESPONSE", null)).isNull();
        assertThat(ReturnState.PARTIALLY_APPROVED.then(TikTokReturnStatus.state("AWAITING_BUYER_RESPONSE", null)))
                .isEqualTo(ReturnState.PARTIALLY_APPROVED);
    }

    @Test
    void aPartialApprovalStaysPartialWhenTikTokReportsTheApproval() {
        assertThat(ReturnState.PARTIALLY_APPROVED.then(ReturnState.APPROVED)).isEqualTo(ReturnState.PARTIALLY_APPROVED);
    }
}

package io.returnflow.tiktok;

import java.util.List;

import io.returnflow.merchants.MixedDecision;
import io.returnflow.returns.MarketplaceDecisions;
import io.returnflow.returns.NextAction;
import io.returnflow.returns.RejectReason;
import io.returnflow.returns.ReturnKind;
import io.returnflow.returns.ReturnView;
import io.returnflow.returns.Verdict;
import io.returnflow.tiktok.connect.ConnectedShop;

import org.springframework.stereotype.Component;

/** What TikTok accepts as a decision on one of its returns, asked when the merchant decides. */
@Component
public class TikTokMarketplaceDecisions implements MarketplaceDecisions {

    private final TikTokShopDirectory shops;
    private final RecentRejectReasons reasons;

    public TikTokMarketplaceDecisions(TikTokShopDirectory shops, RecentRejectReasons reasons) {
        this.shops = shops;
        this.reasons = reasons;
    }

    @Override
    public List<RejectReason> rejectReasons(ReturnView ret) {
        ConnectedShop shop = shops.connectedShop(ret.tiktok().shopId(), ret.merchantId());
        return reasons.of(shop, ret.tiktok().returnId(), ret.tiktok().status());
    }

    /** TikTok lets the buyer keep the item only where the return says so, and only before it is shipped. */
    @Override
    public String returnlessRefusal(ReturnView ret) {
        if (ret.kind() == ReturnKind.CANCELLATION) {
            return "a cancellation request has nothing to return: the order has not shipped";
        }
        if ("REPLACEMENT".equals(ret.tiktok().returnType())) {
            return "a replacement cannot be returnless";
        }
        if (ret.tiktok().nextAction() == NextAction.CONFIRM_RECEIPT) {
            return "the buyer already shipped the items back";
        }
        if (!ret.tiktok().canBuyerKeepItem()) {
            return "TikTok does not let the buyer keep the items of this return (can_buyer_keep_item is false)";
        }
        return null;
    }

    @Override
    public String plannedDecision(ReturnView ret, Verdict verdict, MixedDecision mixedDecision, boolean returnless) {
        if (ret.kind() == ReturnKind.CANCELLATION) {
            return verdict == Verdict.MIXED && mixedDecision == MixedDecision.MANUAL ? null
                    : TikTokCancellationDecisions.decision(verdict, null, null).decision();
        }
        TikTokDecision decision = TikTokDecisionMapping.decision(ret.tiktok().nextAction(), ret.tiktok().returnType(),
                List.of(), verdict, mixedDecision, returnless, null, null, null, null);
        return decision == null ? null : decision.decision();
    }
}

package io.returnflow.returns;

import java.util.List;

import io.returnflow.merchants.MixedDecision;

/**
 * What the marketplace a return came from says about decisions on it, asked when the merchant
 * decides (the sync asks again before sending). Implemented per marketplace (TikTok).
 */
public interface MarketplaceDecisions {

    /** The marketplace's current reject reasons for this return. */
    List<RejectReason> rejectReasons(ReturnView ret);

    /** Null when the marketplace lets the buyer keep the items of this return, else why not. */
    String returnlessRefusal(ReturnView ret);

    /** The marketplace decision the merchant's verdict becomes (e.g. APPROVE_RETURN); null when it is held. */
    String plannedDecision(ReturnView ret, Verdict verdict, MixedDecision mixedDecision, boolean returnless);
}

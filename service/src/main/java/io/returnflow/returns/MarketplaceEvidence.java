package io.returnflow.returns;

/** The buyer's evidence on a return, read from the marketplace it came from (TikTok). */
public interface MarketplaceEvidence {

    ReturnEvidence evidence(ReturnView ret);
}
